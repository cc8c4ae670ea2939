import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// Holds responses against the served OpenAPI document: a documented
/// operation must document the status it answered, and a JSON body must
/// match the schema documented for that status and media type.
struct OpenAPIContract: Sendable {
    let document: JSONValue
    let validator: JSONSchemaValidator
    /// Path templates, most specific first (as the router prefers a literal segment to a parameter).
    let templates: [(path: String, segments: [Substring])]

    init(document: JSONValue) {
        self.document = document
        self.validator = JSONSchemaValidator(document: document)
        let paths = document["paths"]?.object?.keys.map { $0 } ?? []
        self.templates = paths.map { ($0, $0.split(separator: "/")) }.sorted { a, b in
            Self.moreSpecific(a.segments, than: b.segments)
        }
    }

    private static func moreSpecific(_ a: [Substring], than b: [Substring]) -> Bool {
        for (x, y) in zip(a, b) {
            let xParameter = x.hasPrefix("{")
            let yParameter = y.hasPrefix("{")
            if xParameter != yParameter { return !xParameter }
        }
        return a.count > b.count
    }

    /// The documented path template a request path is routed to, if any.
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/")
        return templates.first { template in
            template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.path
    }

    /// Every way the response breaks the document; empty when it keeps it.
    func violations(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
        let mediaType = contentType.map {
            String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces).lowercased()
        }
        let isJSON = mediaType == "application/json" || mediaType == "application/problem+json"
        let operation = template(for: path).flatMap { document["paths"]?[$0]?[method.lowercased()] }
        guard let operation else {
            // Not an operation of the API (a page, an asset, no route, a method the path lacks):
            // its errors are still problems.
            guard mediaType == "application/problem+json" else { return [] }
            return bodyViolations(body, schema: .object(["$ref": .string("#/components/schemas/Problem")]))
        }
        guard var response = operation["responses"]?[String(status)] ?? operation["responses"]?["default"] else {
            return ["the status \(status) is not documented"]
        }
        if let reference = response["$ref"]?.string {
            guard let target = validator.resolve(reference) else { return ["\(reference) does not resolve"] }
            response = target
        }
        guard isJSON, method != "HEAD" else { return [] }
        guard let mediaType, let schema = response["content"]?[mediaType]?["schema"] else {
            return ["the status \(status) documents no \(mediaType ?? "JSON") body, yet one was sent"]
        }
        return bodyViolations(body, schema: schema)
    }

    private func bodyViolations(_ body: Data, schema: JSONValue) -> [String] {
        guard let value = JSONValue.parse(body) else {
            return ["the body is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return validator.violations(of: value, against: schema)
    }

    /// The document every test process serves (it is the same for every application).
    static let shared = Mutex<OpenAPIContract?>(nil)

    /// Loads the served document once, through the client under test.
    static func load(_ client: any TestClientProtocol) async throws -> OpenAPIContract {
        if let contract = shared.withLock({ $0 }) { return contract }
        let response = try await client.execute(uri: "/openapi.json", method: .get, headers: [:], body: nil)
        let document = try #require(
            JSONValue.parse(Data(response.body.readableBytesView)), "GET /openapi.json is not JSON")
        let contract = OpenAPIContract(document: document)
        shared.withLock { $0 = contract }
        return contract
    }

    /// Records an issue, at the test's call site, for each way the response breaks the document.
    func check(
        method: HTTPRequest.Method, uri: String, response: TestResponse, sourceLocation: SourceLocation
    ) {
        let path = String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let problems = violations(
            method: method.rawValue, path: path, status: Int(response.status.code),
            contentType: response.headers[.contentType], body: Data(response.body.readableBytesView))
        for problem in problems {
            Issue.record(
                "\(method.rawValue) \(template(for: path) ?? path) answered \(response.status.code) against the OpenAPI document: \(problem)",
                sourceLocation: sourceLocation)
        }
    }
}
