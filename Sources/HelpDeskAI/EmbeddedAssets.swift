import Foundation

/// Data files compiled into the binary by the EmbedAssets plugin (Plugins/EmbedAssets):
/// the human-request detector's model. The plugin generates `base64EncodedFiles`.
enum EmbeddedAssets {
    /// The bytes of the file with this name. A missing name is a packaging mistake,
    /// so it stops the process at first use.
    static func file(named name: String) -> [UInt8] {
        guard let encoded = base64EncodedFiles[name],
            let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)
        else {
            preconditionFailure("no embedded file is named \(name); is it in Sources/HelpDeskAI?")
        }
        return Array(data)
    }
}
