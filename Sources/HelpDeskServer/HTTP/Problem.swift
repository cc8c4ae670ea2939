import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird
import Logging
import NIOHTTP1

/// An RFC 9457 problem document.
struct Problem: Encodable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldError]?

    init(slug: String, title: String, status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil) {
        self.type = "urn:helpdesk:problem:\(slug)"
        self.title = title
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    /// The document as JSON, keys sorted.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        let data = encoded()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func from(_ error: HelpDeskError) -> (Problem, HTTPFields) {
        switch error {
        case .invalid(let errors):
            let detail = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            return (
                Problem(
                    slug: "invalid-field", title: "Invalid input", status: .badRequest, detail: detail, errors: errors),
                [:]
            )
        case .badRequest(let detail):
            return (Problem(slug: "bad-request", title: "Bad request", status: .badRequest, detail: detail), [:])
        case .unauthorized(let detail):
            return (Problem(slug: "unauthorized", title: "Not signed in", status: .unauthorized, detail: detail), [:])
        case .forbidden(let detail):
            return (Problem(slug: "forbidden", title: "Not allowed", status: .forbidden, detail: detail), [:])
        case .planRequired:
            return (
                Problem(
                    slug: "plan-required", title: "Help Desk not in plan", status: .forbidden, detail: error.description
                ),
                [:]
            )
        case .notFound(let detail):
            return (Problem(slug: "not-found", title: "Not found", status: .notFound, detail: detail), [:])
        case .conflict(let detail):
            return (Problem(slug: "conflict", title: "Conflict", status: .conflict, detail: detail), [:])
        case .tooLarge(let detail):
            return (
                Problem(slug: "payload-too-large", title: "Body too large", status: .contentTooLarge, detail: detail),
                [:]
            )
        case .unsupportedMediaType(let detail):
            return (
                Problem(
                    slug: "unsupported-media-type", title: "Unsupported media type", status: .unsupportedMediaType,
                    detail: detail),
                [:]
            )
        case .unprocessable(let detail):
            return (
                Problem(slug: "unprocessable", title: "Cannot be done", status: .unprocessableContent, detail: detail),
                [:]
            )
        case .rateLimited(let seconds):
            return (
                Problem(
                    slug: "rate-limited", title: "Too many attempts", status: .tooManyRequests,
                    detail: error.description),
                [.retryAfter: String(seconds)]
            )
        }
    }
}

/// Turns every error into a problem document: the product's own errors keep
/// their status, framework errors (unknown route, oversized body) are mapped,
/// and anything unexpected is logged and answered with a bare 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request: request, logger: context.logger)
        }
    }

    /// The problem response for any error a handler throws.
    static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let error as HelpDeskError:
            let (problem, headers) = Problem.from(error)
            return problem.response(headers: headers)
        case let error as DecodingError:
            return Problem.from(.invalid([fieldError(error)])).0.response()
        case let error as HTTPError:
            return problem(for: error, request: request).response(headers: error.headers)
        case let error as HTTPParserError:
            // The body broke HTTP's framing (a malformed chunk) while a handler read it: the
            // connection cannot carry another request, so it closes after this answer.
            return ProtocolErrorAnswer.problem(for: error).response(headers: [.connection: "close"])
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(
                slug: "internal", title: "Internal error", status: .internalServerError,
                detail: "the server failed; the error was logged"
            ).response()
        }
    }

    static func problem(for error: HTTPError, request: Request) -> Problem {
        switch error.status {
        case .notFound:
            return Problem(
                slug: "no-route", title: "Not found", status: .notFound,
                detail: "no route \(request.method) \(request.uri.path)")
        case .contentTooLarge:
            return Problem(
                slug: "payload-too-large", title: "Body too large", status: .contentTooLarge,
                detail: error.body ?? "the request body is larger than the server accepts")
        case .unsupportedMediaType:
            return Problem(
                slug: "unsupported-media-type", title: "Unsupported media type", status: .unsupportedMediaType,
                detail: error.body ?? "send the body as application/json")
        case .notImplemented:
            return Problem(
                slug: "method-not-implemented", title: "Method not implemented", status: .notImplemented,
                detail: error.body ?? "\(request.method) is not a method this server knows")
        case .methodNotAllowed:
            return Problem(
                slug: "method-not-allowed", title: "Method not allowed", status: .methodNotAllowed,
                detail: error.body ?? "\(request.method) is not allowed on \(request.uri.path)")
        default:
            return Problem(
                slug: "http-\(error.status.code)", title: error.status.reasonPhrase, status: error.status,
                detail: error.body ?? error.status.reasonPhrase)
        }
    }

    /// Names the field and the problem for a JSON body that decoded badly.
    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ codingPath: [any CodingKey]) -> String {
            let parts = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "body" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(field: path(context.codingPath + [key]), message: "is required")
        case .valueNotFound(_, let context):
            return FieldError(field: path(context.codingPath), message: "must not be null")
        case .typeMismatch(let type, let context):
            return FieldError(field: path(context.codingPath), message: "must be \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return FieldError(
                    field: "body",
                    message:
                        "is not valid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription))")
            }
            return FieldError(field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return FieldError(field: "body", message: "could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default:
            if "\(type)".hasPrefix("Array") { "an array" } else { "an object" }
        }
    }
}
