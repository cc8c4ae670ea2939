import HelpDeskCore
import Synchronization

/// Open live sockets per key (a visitor's conversation, a client address, a
/// member), capped so one client cannot hold thousands of them. Counted in this
/// process: each instance caps the sockets it holds itself.
final class LiveSockets: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Whether one more socket fits under every limit.
    func hasRoom(_ checks: [(key: String, limit: Int)]) -> Bool {
        counts.withLock { counts in checks.allSatisfy { (counts[$0.key] ?? 0) < $0.limit } }
    }

    /// Counts one more socket under every key, all or none; false when one is full.
    func open(_ checks: [(key: String, limit: Int)]) -> Bool {
        counts.withLock { counts in
            guard checks.allSatisfy({ (counts[$0.key] ?? 0) < $0.limit }) else { return false }
            for check in checks { counts[check.key, default: 0] += 1 }
            return true
        }
    }

    /// Counts a socket out again.
    func close(_ keys: [String]) {
        counts.withLock { counts in
            for key in keys {
                let left = (counts[key] ?? 1) - 1
                counts[key] = left > 0 ? left : nil
            }
        }
    }

    /// How many keys hold sockets now.
    var keyCount: Int { counts.withLock { $0.count } }
}

/// A socket counted against its limits; close it exactly once.
public struct LiveSocketLease: Sendable {
    let keys: [String]
}

extension HelpDesk {
    /// The limits a visitor's widget socket counts against: its conversation,
    /// and its client address unless that address is exempt.
    func visitorSocketChecks(_ conversation: Conversation, clientAddress: String) -> [(key: String, limit: Int)] {
        var checks = [("visitor:" + conversation.id, anonymousLimits.liveSocketsPerVisitor)]
        if anonymousLimits.enabled, !anonymousLimits.exempt.contains(where: { $0.contains(clientAddress) }) {
            checks.append(("address:" + clientAddress, anonymousLimits.liveSocketsPerAddress))
        }
        return checks
    }

    func operatorSocketChecks(_ caller: Caller) -> [(key: String, limit: Int)] {
        [("member:" + caller.member.id, anonymousLimits.liveSocketsPerMember)]
    }

    /// Throws 429 when a visitor's widget already holds as many live sockets
    /// as allowed (per conversation, per client address).
    public func checkVisitorSocketRoom(_ conversation: Conversation, clientAddress: String) throws {
        guard liveSockets.hasRoom(visitorSocketChecks(conversation, clientAddress: clientAddress)) else {
            throw HelpDeskError.rateLimited(retryAfterSeconds: Self.socketRetrySeconds)
        }
    }

    /// Throws 429 when the member already holds as many live feeds as allowed.
    public func checkOperatorSocketRoom(_ caller: Caller) throws {
        guard liveSockets.hasRoom(operatorSocketChecks(caller)) else {
            throw HelpDeskError.rateLimited(retryAfterSeconds: Self.socketRetrySeconds)
        }
    }

    /// Counts a visitor's socket in, or nil when a limit is full.
    public func openVisitorSocket(_ conversation: Conversation, clientAddress: String) -> LiveSocketLease? {
        let checks = visitorSocketChecks(conversation, clientAddress: clientAddress)
        return liveSockets.open(checks) ? LiveSocketLease(keys: checks.map(\.key)) : nil
    }

    /// Counts an operator's feed in, or nil when the member's limit is full.
    public func openOperatorSocket(_ caller: Caller) -> LiveSocketLease? {
        let checks = operatorSocketChecks(caller)
        return liveSockets.open(checks) ? LiveSocketLease(keys: checks.map(\.key)) : nil
    }

    /// Counts a socket out.
    public func closeSocket(_ lease: LiveSocketLease) {
        liveSockets.close(lease.keys)
    }

    /// A refused socket's `Retry-After`: sockets free up when others close.
    static let socketRetrySeconds = 30
}
