import Crypto
import Foundation
import HelpDeskCore
import Hummingbird
import NIOCore

/// A file compiled into the binary by the EmbedAssets build-tool plugin
/// (Plugins/EmbedAssets): every `.js`, `.css` and `.json` file in this target's
/// folders is one, looked up by its file name.
struct EmbeddedAsset: Sendable {
    let name: String
    let bytes: ByteBuffer
    let contentType: String
    /// A strong entity tag (quotes included): the SHA-256 of the bytes, so it
    /// changes exactly when they do, in every build and on every instance.
    let etag: String

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = ByteBuffer(bytes: bytes)
        self.contentType = Self.contentType(ofFileNamed: name)
        let digest = SHA256.hash(data: bytes)
        self.etag = "\"" + Hex.encode(digest) + "\""
    }

    /// The asset, or `304 Not Modified` with no body when the request's
    /// `If-None-Match` names the copy the client already holds. The 304 repeats
    /// the validator and caching fields a 200 would carry, so caches update them.
    func response(to request: Request, cacheControl: String?) -> Response {
        var headers: HTTPFields = [.eTag: etag]
        if let cacheControl { headers[.cacheControl] = cacheControl }
        if IfNoneMatch(fieldValues: request.headers[values: .ifNoneMatch]).matches(etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: bytes))
    }

    static func contentType(ofFileNamed name: String) -> String {
        switch name.split(separator: ".").last {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
