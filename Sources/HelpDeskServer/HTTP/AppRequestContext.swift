import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird
import NIOCore

/// The per-request context: who is calling (once authenticated) and from where.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in member, set by `AuthenticationMiddleware`.
    public var caller: Caller?
    /// The session token the caller presented (for logout).
    public var sessionToken: String?
    /// The client's address as a trusted reverse proxy reported it.
    public var forwardedClientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are collected and limited by `BodyLimitMiddleware`; this is a backstop.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller, or 401.
    public func requireCaller() throws -> Caller {
        guard let caller else {
            throw HelpDeskError.unauthorized("sign in first: send Authorization: Bearer <token> or the session cookie")
        }
        return caller
    }

    /// The client's address for rate limiting: the connection's peer, or the
    /// address a trusted proxy forwarded.
    public var clientAddress: String {
        forwardedClientAddress ?? remoteAddress?.ipAddress ?? "unknown"
    }
}
