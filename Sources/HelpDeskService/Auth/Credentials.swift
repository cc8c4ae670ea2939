import Crypto
import Dispatch
import Foundation
import HelpDeskCore
import HelpDeskStore
import HummingbirdBcrypt

/// Bearer tokens, session cookies and CSRF tokens: random, URL-safe, and only
/// ever stored as a SHA-256 hash so a leaked database grants no sessions.
public enum Tokens {
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// Compares without leaking the position of the first difference.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// bcrypt hashing, run off the cooperative thread pool: a hash takes tens of
/// milliseconds of CPU by design and must not stall request handling.
public struct PasswordHasher: Sendable {
    public var cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// Minimum password rules for new members and new passwords: at least 8
    /// characters, at most bcrypt's 72 bytes, no control characters (bcrypt would
    /// stop reading at a NUL, so `x` would open `x\0anything`), and not one of
    /// the passwords every guesser tries first.
    static func validate(_ password: String, field: String = "password") throws(HelpDeskError) {
        guard password.count >= 8 else { throw .invalid(field, "must be at least 8 characters") }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field, "must not contain control characters")
        }
        guard !CommonPasswords.contains(password) else {
            throw .invalid(field, "is one of the most common passwords; choose another")
        }
        guard password.utf8.count <= 72 else {
            throw .invalid(field, "must be at most 72 bytes (the bcrypt limit)")
        }
    }
}

/// Counts failed sign-ins per account and per client address in a sliding
/// window. Past the free attempts, each further attempt must wait: five seconds,
/// then ten, twenty… up to a cap. A guesser slows to a crawl, while the member
/// whose account is being guessed waits at most the cap, never a lockout.
///
/// The failures are kept by a `LimitStore`: the help desk's store, so every
/// instance on a database counts the same failures and a guesser gains nothing
/// by spreading attempts over them.
public struct LoginThrottle: Sendable {
    private let failures: any LimitStore
    private let perAccount: Int
    private let perAddress: Int
    private let window: Double
    /// The longest wait past the free attempts, per account and per address.
    static let maxAccountDelay: Double = 5 * 60
    static let maxAddressDelay: Double = 15 * 60

    public init(perAccount: Int, perAddress: Int, windowSeconds: Double, failures: any LimitStore = ProcessLimits()) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = windowSeconds
        self.failures = failures
    }

    /// Seconds until a sign-in for this account from this address may be tried, or nil.
    /// Without an address (a password change, checked per account only) only the account counts.
    func retryAfter(account: String, address: String?, now: Timestamp) async throws -> Int? {
        var limits = [("account:" + account, perAccount, Self.maxAccountDelay)]
        if let address { limits.append(("address:" + address, perAddress, Self.maxAddressDelay)) }
        let recent = try await failures.signInFailures(keys: limits.map(\.0), since: now.adding(seconds: -window))
        let waits = limits.compactMap { key, free, cap -> Double? in
            guard let times = recent[key], times.count >= free, let last = times.max() else { return nil }
            let delay = min(cap, Self.delay(afterExtraFailures: times.count - free))
            let remaining = last.adding(seconds: delay).date.timeIntervalSince(now.date)
            return remaining > 0 ? remaining : nil
        }
        guard let longest = waits.max() else { return nil }
        return max(1, Int(longest.rounded(.up)))
    }

    /// 5 s after the free attempts are used, doubling with each failure past them.
    static func delay(afterExtraFailures extra: Int) -> Double {
        5 * Double(1 << min(max(extra, 0), 20))
    }

    func recordFailure(account: String, address: String?, now: Timestamp) async throws {
        var keys = ["account:" + account]
        if let address { keys.append("address:" + address) }
        try await failures.recordSignInFailure(keys: keys, at: now, forgettingBefore: now.adding(seconds: -window))
    }

    func recordSuccess(account: String) async throws {
        try await failures.forgetSignInFailures(key: "account:" + account)
    }
}
