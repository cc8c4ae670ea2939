import Foundation

/// The files the EmbedAssets plugin compiled into the binary (its generated
/// `base64EncodedFiles`), decoded and hashed once, on first use.
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
