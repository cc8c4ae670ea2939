import HTTPTypes
import HelpDeskCore
import Hummingbird

/// Finds the client's real address behind reverse proxies the server was told
/// to trust (`--trusted-proxy`), so sign-in and anonymous limits count clients,
/// not the proxy. `X-Forwarded-For` is read only when the connection comes from
/// a trusted proxy, and then from the right: the first address that is not a
/// trusted proxy is the client (anything left of it the client could have written).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [AddressRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if !trustedProxies.isEmpty, let peer = context.remoteAddress?.ipAddress {
            context.forwardedClientAddress = Self.client(
                peer: peer, forwardedFor: request.headers[values: .xForwardedFor], trusted: trustedProxies)
        }
        return try await next(request, context)
    }

    /// The client address for a connection from `peer` carrying these `X-Forwarded-For` values.
    static func client(peer: String, forwardedFor: [String], trusted: [AddressRange]) -> String {
        guard trusted.contains(where: { $0.contains(peer) }) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard AddressRange.parse(hop) != nil else { return peer }
            if !trusted.contains(where: { $0.contains(hop) }) { return hop }
        }
        return hops.first ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
