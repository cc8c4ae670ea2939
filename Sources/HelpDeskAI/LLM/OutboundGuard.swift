import Dispatch
import Foundation
import HelpDeskCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves a host and holds every address it resolves to against an
/// `OutboundPolicy`, before any byte is sent to it.
///
/// The connection resolves the name again, so a name whose answers change
/// between the two looks (DNS rebinding) is not excluded by this check alone;
/// redirects are not followed, and answers are size-capped, so what such a
/// request can do is bounded.
public enum OutboundGuard {
    /// Why a request to `host` is refused, or nil when every address is permitted.
    public static func refusal(host: String, policy: OutboundPolicy) async -> String? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = await resolve(bare)
        guard !addresses.isEmpty else { return "the host \(bare) does not resolve" }
        if let refused = addresses.first(where: { !policy.permits(address: $0) }) {
            return "the host \(bare) resolves to \(refused), a private, loopback or link-local address"
        }
        return nil
    }

    /// Every address `host` resolves to, as literals; empty when it does not
    /// resolve. A caller that connects to these very addresses (the SMTP
    /// client does) closes the rebinding gap described above.
    public static func resolve(_ host: String) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: resolveBlocking(host)) }
        }
    }

    private static func resolveBlocking(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if info.pointee.ai_family == AF_INET {
                info.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                }
            } else if info.pointee.ai_family == AF_INET6 {
                info.pointee.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                }
            }
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if !text.isEmpty, !addresses.contains(text) { addresses.append(text) }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}
