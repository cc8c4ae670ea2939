import HTTPTypes
import Hummingbird

/// Turns the router's 404 for a path it knows, asked with a method it does not
/// serve there, into 405 Method Not Allowed with the `Allow` header HTTP
/// requires, so a client learns the path exists and what it may do with it.
///
/// Added to the router after every route, so it wraps only the router's
/// not-found responder: a handler's own 404 (an unknown ticket) stays 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    struct Template: Sendable {
        var segments: [Substring]
        var methods: [String]
    }

    /// Every served path with its methods, most specific first.
    let templates: [Template]

    /// - Parameter routes: every served route, API and pages alike; GET implies HEAD,
    ///   which the router answers for every GET route.
    init(routes: [RouteDescription]) {
        var byPath: [String: Set<String>] = [:]
        for route in routes {
            let key = route.path.split(separator: "/").map { Self.isParameter($0) ? "{}" : String($0) }.joined(
                separator: "/")
            byPath[key, default: []].insert(route.method)
            if route.method == HTTPRequest.Method.get.rawValue { byPath[key]?.insert(HTTPRequest.Method.head.rawValue) }
        }
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
        templates = byPath.map { path, methods in
            Template(
                segments: path.split(separator: "/"),
                methods: methods.sorted {
                    (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
                })
        }.sorted { Self.moreSpecific($0.segments, than: $1.segments) }
    }

    static func isParameter(_ segment: Substring) -> Bool { segment.hasPrefix(":") || segment.hasPrefix("{") }

    /// Like the router: at the first segment where two templates differ, a literal wins over a parameter.
    static func moreSpecific(_ a: [Substring], than b: [Substring]) -> Bool {
        for (x, y) in zip(a, b) where (x == "{}") != (y == "{}") {
            return y == "{}"
        }
        return a.count > b.count
    }

    /// The methods served on `path`, or nil when no route has that path.
    func allowedMethods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return templates.first { template in
            template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { $0 == "{}" || $0 == $1 }
        }?.methods
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = allowedMethods(for: request.uri.path), !allowed.contains(request.method.rawValue) else {
                throw error
            }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")],
                message:
                    "\(request.method) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", "))")
        }
    }
}

/// Answers 501 Not Implemented to a method outside HTTP's own set (RFC 9110's
/// eight, PATCH and QUERY), whatever the path, before authentication or the body: the
/// server implements none of them anywhere, so neither 405 (which promises the
/// method elsewhere) nor 404 would be true. A method the HTTP parser does not
/// know at all gets the same answer from `ProtocolErrorAnswer`.
struct UnknownMethodMiddleware<Context: RequestContext>: RouterMiddleware {
    /// HTTP's own methods, and QUERY (the IETF's safe method with a body, which clients and API
    /// testers already send): on a known path each is at worst 405 with `Allow`.
    static var known: Set<HTTPRequest.Method> {
        [.get, .head, .post, .put, .patch, .delete, .options, .trace, .connect, HTTPRequest.Method("QUERY")!]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.known.contains(request.method) else {
            throw HTTPError(.notImplemented, message: "\(request.method) is not a method this server knows")
        }
        return try await next(request, context)
    }
}
