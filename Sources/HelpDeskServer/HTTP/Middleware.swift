import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import Hummingbird
import NIOCore

/// Refuses bodies over the configured size with 413 before any handler runs,
/// and collects the rest so handlers (and signature checks) see whole bytes.
/// A body without a length (chunked) is refused once it passes the limit. The
/// refusal closes the connection: the rest of a refused body is not read.
///
/// File uploads (`POST …/attachments`) may be as large as the largest file
/// plus `multipartAllowance` for the form's framing.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    /// The largest file an upload may carry.
    let maxAttachmentBytes: Int

    /// Room for a multipart form's boundaries and part headers around the file.
    static var multipartAllowance: Int { 64 * 1024 }
    /// The largest raw mail the inbound email route takes.
    static var mailLimit: Int { 25 * 1024 * 1024 }

    init(limit: Int, maxAttachmentBytes: Int = AttachmentPolicy.defaultMaxBytes) {
        self.limit = limit
        self.maxAttachmentBytes = maxAttachmentBytes
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let upload = request.method == .post && request.uri.path.hasSuffix("/attachments")
        // A raw mail carries its files base64-encoded (a third larger) inside it.
        let mail = request.method == .post && request.uri.path.hasPrefix("/hooks/email/")
        let limit =
            upload
            ? max(limit, maxAttachmentBytes + Self.multipartAllowance)
            : mail ? max(limit, Self.mailLimit) : limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit, upload: upload)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit, upload: upload)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit, upload: upload)
        }
        return try await next(request, context)
    }

    private func tooLarge(_ limit: Int, upload: Bool) -> HTTPError {
        HTTPError(
            .contentTooLarge, headers: [.connection: "close"],
            message: upload
                ? "the upload is larger than this server accepts: a file may be at most "
                    + AttachmentPolicy.describe(bytes: maxAttachmentBytes)
                : "the request body is larger than the \(limit) bytes this server accepts")
    }
}

/// Resolves the caller from `Authorization: Bearer` or the session cookie.
/// Cookie-authenticated unsafe requests must carry the session's CSRF token in
/// `X-CSRF-Token`; bearer requests need none (a browser never adds the header).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let helpDesk: HelpDesk

    static let sessionCookie = "helpdesk_session"
    static let csrfCookie = "helpdesk_csrf"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // Only the operator API and app use member sessions; the widget carries visitor tokens.
        let path = request.uri.path
        guard path.hasPrefix("/api/") || path == "/app" || path.hasPrefix("/app/") else {
            return try await next(request, context)
        }
        var context = context
        if let header = request.headers[.authorization] {
            guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
                throw HelpDeskError.unauthorized("the Authorization header must be \"Bearer <token>\"")
            }
            let token = String(header.dropFirst(7)).trimmingWhitespace()
            guard let (_, caller) = try await helpDesk.authenticate(token: token) else {
                throw HelpDeskError.unauthorized("the bearer token is unknown or expired; sign in again")
            }
            context.caller = caller
            context.sessionToken = token
        } else if let token = request.cookies[Self.sessionCookie]?.value {
            if let (session, caller) = try await helpDesk.authenticate(token: token) {
                let safe = [.get, .head, .options].contains(request.method)
                if !safe {
                    let sent = request.headers[Self.csrfHeader] ?? ""
                    guard Tokens.constantTimeEquals(sent, session.csrfToken) else {
                        throw HelpDeskError.forbidden(
                            "cookie-authenticated writes need the X-CSRF-Token header from sign-in")
                    }
                }
                context.caller = caller
                context.sessionToken = token
            }
        }
        return try await next(request, context)
    }
}

extension Request {
    /// Decodes the (already size-limited) JSON body.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        // Only JSON: a cross-site form can post text/plain without asking, so a body
        // it made up must not be read as if a script of ours had sent it.
        let mediaType = headers[.contentType].map {
            $0.split(separator: ";", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw HTTPError(
                .unsupportedMediaType,
                message: "send the body as application/json (got \(headers[.contentType] ?? "no Content-Type"))")
        }
        let buffer = try await body.collect(upTo: .max)
        guard buffer.readableBytes > 0 else {
            throw HelpDeskError.badRequest("the request needs a JSON body")
        }
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}

/// Headers every response carries: browsers must not sniff JSON into HTML,
/// and pages run only the server's own scripts (no inline script or style).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[HTTPField.Name("Content-Security-Policy")!] = Self.contentSecurityPolicy
            response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        }
        return response
    }
}
