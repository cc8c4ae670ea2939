import Foundation
import HTTPTypes
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The files compiled into the binary are served byte for byte, with a strong
/// ETag, and answer a matching `If-None-Match` with an empty 304.
@Suite struct AssetTests {
    struct Asset: Sendable, CustomTestStringConvertible {
        var path: String
        var file: String
        var contentType: String
        var cacheControl: String?
        var testDescription: String { path }
    }

    static let assets = [
        Asset(
            path: "/assets/app.js", file: "WebApp/app.js", contentType: "text/javascript; charset=utf-8",
            cacheControl: "no-cache"),
        Asset(
            path: "/assets/app.css", file: "WebApp/app.css", contentType: "text/css; charset=utf-8",
            cacheControl: "no-cache"),
        Asset(
            path: "/widget.js", file: "Widget/widget.js", contentType: "text/javascript; charset=utf-8",
            cacheControl: "public, max-age=300"),
        Asset(
            path: "/widget.css", file: "Widget/widget.css", contentType: "text/css; charset=utf-8",
            cacheControl: "public, max-age=300"),
        Asset(path: "/openapi.json", file: "API/openapi.json", contentType: "application/json", cacheControl: nil),
    ]

    /// The file as checked in, read from the source tree.
    static func repositoryBytes(of file: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("Sources/HelpDeskServer/" + file))
    }

    @Test(arguments: assets) func servedWithAStrongETagAndTheRepositoryBytes(asset: Asset) async throws {
        let desk = try TestHelpDesk()
        let response = try await desk.test { client in try await client.call(.get, asset.path) }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == asset.contentType)
        #expect(response.headers[.cacheControl] == asset.cacheControl)
        let etag = try #require(response.headers[.eTag])
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, "a strong entity tag: \(etag)")
        #expect(Data(response.body.readableBytesView) == (try Self.repositoryBytes(of: asset.file)))
    }

    @Test(arguments: assets) func aMatchingIfNoneMatchIsAnEmpty304(asset: Asset) async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let etag = try #require(try await client.call(.get, asset.path).headers[.eTag])
            for condition in [etag, "W/\(etag)", "*", "\"older\", \(etag)", "\"a,b\" , W/\(etag) ,\"c\""] {
                let response = try await client.call(.get, asset.path, headers: [.ifNoneMatch: condition])
                #expect(response.status == .notModified, "If-None-Match: \(condition)")
                #expect(response.body.readableBytes == 0, "If-None-Match: \(condition)")
                #expect(response.headers[.eTag] == etag)
                #expect(response.headers[.cacheControl] == asset.cacheControl)
            }
            // Several If-None-Match fields are one list.
            var fields = HTTPFields()
            fields.append(HTTPField(name: .ifNoneMatch, value: "\"older\""))
            fields.append(HTTPField(name: .ifNoneMatch, value: etag))
            #expect(try await client.call(.get, asset.path, headers: fields).status == .notModified)
        }
    }

    @Test(arguments: assets) func aDifferentIfNoneMatchGetsTheWholeAsset(asset: Asset) async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let etag = try #require(try await client.call(.get, asset.path).headers[.eTag])
            let opaque = etag.dropFirst().dropLast()
            let conditions = [
                "\"older\"", "W/\"older\", \"newer\"", "\"\(opaque.dropLast())\"", "\(opaque)", "\"\(opaque)",
                "\"\(opaque)x\"", "",
            ]
            for condition in conditions {
                let response = try await client.call(.get, asset.path, headers: [.ifNoneMatch: condition])
                #expect(response.status == .ok, "If-None-Match: \(condition)")
                #expect(response.headers[.eTag] == etag)
                #expect(Data(response.body.readableBytesView) == (try Self.repositoryBytes(of: asset.file)))
            }
        }
    }

    @Test func eachAssetHasItsOwnETag() async throws {
        let desk = try TestHelpDesk()
        let tags = try await desk.test { client in
            var tags: [String] = []
            for asset in Self.assets { tags.append(try await client.call(.get, asset.path).headers[.eTag] ?? "") }
            return tags
        }
        #expect(Set(tags).count == Self.assets.count)
    }
}
