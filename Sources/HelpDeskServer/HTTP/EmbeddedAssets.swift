import Crypto
import Foundation

/// A file compiled into the binary by the EmbedAssets build-tool plugin
/// (Plugins/EmbedAssets): every `.js`, `.css` and `.json` file in this target's
/// folders is one, looked up by its file name.
struct EmbeddedAsset: Sendable {
    let name: String
    let bytes: [UInt8]
    let contentType: String
    /// A strong entity tag (quotes included) that changes whenever the bytes do.
    let etag: String

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        self.contentType = Self.contentType(ofFileNamed: name)
        let digest = SHA256.hash(data: bytes)
        self.etag = "\"" + digest.map { String(format: "%02x", $0) }.joined() + "\""
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

/// The embedded files, decoded and hashed once, on first use.
enum EmbeddedAssets {
    /// The asset with this file name. A missing name is a packaging mistake that
    /// every request for it would hit, so it stops the server at start-up instead.
    static func file(named name: String) -> EmbeddedAsset {
        guard let asset = files[name] else {
            preconditionFailure("no embedded asset is named \(name); is the file in Sources/HelpDeskServer?")
        }
        return asset
    }

    private static let files: [String: EmbeddedAsset] = base64EncodedFiles.reduce(into: [:]) { files, entry in
        guard let data = Data(base64Encoded: entry.value, options: .ignoreUnknownCharacters) else {
            preconditionFailure("the generated encoding of \(entry.key) is not base64")
        }
        files[entry.key] = EmbeddedAsset(name: entry.key, bytes: Array(data))
    }
}
