import Hummingbird

/// One served route, spelled as in the OpenAPI document (`{number}` parameters).
public struct RouteDescription: Hashable, Sendable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var description: String { "\(method) \(path)" }

    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }
}

/// Registers routes on the router and remembers them, so a test can hold the
/// served set against the OpenAPI document.
final class RouteTable {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
    let router: Router<AppRequestContext>
    private(set) var routes: [RouteDescription] = []

    init(router: Router<AppRequestContext>) { self.router = router }

    /// Adds a page or static asset: served, but not part of the JSON API's OpenAPI document.
    func addPage(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
        pages.append(RouteDescription(method: method.rawValue, path: path))
    }

    private(set) var pages: [RouteDescription] = []

    func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
        let openAPIPath = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        routes.append(RouteDescription(method: method.rawValue, path: "/" + openAPIPath.joined(separator: "/")))
    }
}
