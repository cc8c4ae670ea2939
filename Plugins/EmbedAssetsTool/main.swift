// Writes one Swift file that holds the given files' bytes, for the EmbedAssets
// build-tool plugin. Usage: EmbedAssetsTool OUTPUT.swift FILE...
//
// Each file becomes a base64 string literal: the compiler lexes a string literal
// of 150 KB in milliseconds, where an array literal of as many integers takes
// many seconds to type-check. Foundation only, so the tool itself builds quickly.

import Foundation

/// Characters per line of a base64 literal: short enough for a diff viewer.
let lineLength = 120

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else { fail("usage: EmbedAssetsTool OUTPUT.swift FILE...") }
let inputs = arguments.dropFirst()
    .map { URL(fileURLWithPath: $0) }
    .sorted { $0.lastPathComponent < $1.lastPathComponent }

// Files are looked up by name alone, so two with one name would shadow each other.
var seen: [String: URL] = [:]
for input in inputs {
    if let other = seen.updateValue(input, forKey: input.lastPathComponent) {
        fail("two embedded assets are named \(input.lastPathComponent): \(other.path) and \(input.path); rename one")
    }
}

var swift = """
    // Generated at build time by the EmbedAssets plugin (Plugins/EmbedAssets) from
    // \(inputs.map(\.lastPathComponent).joined(separator: ", ")). Edit those files, not this one.

    extension EmbeddedAssets {
        /// Each embedded file's bytes in base64, by file name. Line breaks are not
        /// part of the encoding.
        static let base64EncodedFiles: [String: String] = [

    """
for input in inputs {
    let bytes: Data
    do { bytes = try Data(contentsOf: input) } catch { fail("cannot read \(input.path): \(error)") }
    let encoded = bytes.base64EncodedString()
    swift += "        \"\(input.lastPathComponent)\": \"\"\"\n"
    var start = encoded.startIndex
    while start < encoded.endIndex {
        let end = encoded.index(start, offsetBy: lineLength, limitedBy: encoded.endIndex) ?? encoded.endIndex
        swift += "            \(encoded[start..<end])\n"
        start = end
    }
    swift += "            \"\"\",\n"
}
swift += "    ]\n}\n"

do {
    try Data(swift.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("cannot write \(outputPath): \(error)")
}
