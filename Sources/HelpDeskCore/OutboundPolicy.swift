import Foundation

/// Where the server may send requests to URLs that members configure (an LLM
/// base URL now; channel API bases, webhooks and SMTP hosts later).
///
/// A member who can point the server at any address could make it read the
/// cloud metadata service or an internal admin port and show them the answer,
/// so loopback, private, link-local, unspecified and other non-public ranges are
/// refused unless the operator of the server allows a range (for a model served
/// on the same machine, or tests' local doubles).
public struct OutboundPolicy: Sendable, Equatable {
    /// Ranges allowed although they are not public.
    public var allowed: [AddressRange]

    public init(allowing allowed: [AddressRange] = []) {
        self.allowed = allowed
    }

    /// Ranges no outbound request reaches unless allowed.
    public static let refusedRanges: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32",
        "fc00::/7", "fe80::/10", "ff00::/8",
    ].map { AddressRange($0)! }

    /// Whether a request may go to this resolved address.
    public func permits(address: String) -> Bool {
        guard AddressRange.parse(address) != nil else { return false }
        if allowed.contains(where: { $0.contains(address) }) { return true }
        return !Self.refusedRanges.contains { $0.contains(address) }
    }

    /// What is wrong with a configured base URL's shape, or nil: http or https,
    /// a host, no user info (credentials go in their own field), no query or
    /// fragment (the server appends its own path), and no literal address the
    /// policy refuses. Host names are checked again when they are resolved.
    public func problem(withBaseURL text: String) -> String? {
        guard let url = URLComponents(string: text.trimmingWhitespace()),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return "must be an http(s) URL such as https://api.openai.com/v1" }
        guard url.user == nil, url.password == nil else {
            return "must not contain a user name or password; put the key in apiKey"
        }
        guard url.query == nil, url.fragment == nil else { return "must not contain a query (?) or fragment (#)" }
        if AddressRange.parse(host) != nil, !permits(address: host) {
            return "points to a private, loopback or link-local address, which this server does not call"
        }
        if let numeric = Self.numericHost(host), !permits(address: numeric) {
            return "points to a private, loopback or link-local address, which this server does not call"
        }
        return nil
    }

    /// A host written as one number (`2130706433`) or in hex (`0x7f000001`) is an
    /// IPv4 address to resolvers; the dotted form of it, or nil.
    static func numericHost(_ host: String) -> String? {
        let value: UInt32?
        if host.lowercased().hasPrefix("0x") {
            value = UInt32(host.dropFirst(2), radix: 16)
        } else if host.allSatisfy({ $0.isASCII && $0.isNumber }) {
            value = UInt32(host)
        } else {
            value = nil
        }
        guard let value else { return nil }
        return "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }
}
