/// `format=flowed` plain text (RFC 3676): the sender wrapped long paragraphs
/// into lines ending in a space, which the reader joins again, so a reply
/// reads as the paragraphs its author typed rather than at a fixed width.
enum MIMEFlowedText {
    /// `text` (LF line breaks) with soft line breaks joined. Quote depth (the
    /// leading `>`s) is kept, a line joins only one of the same depth, a
    /// space-stuffed line loses its added space, and the signature separator
    /// `-- ` is never joined. With `deleteSpace` (`delsp=yes`) the space
    /// marking a soft break is removed, as the sender added it.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            let depth = line.prefix { $0 == ">" }.count
            line = line.dropFirst(depth)
            if line.hasPrefix(" ") { line = line.dropFirst() }
            if let open = paragraph, depth != paragraphDepth {
                output.append(quoted(open, depth: paragraphDepth))
                paragraph = nil
            }
            let isSignature = line == "-- "
            let isSoft = line.hasSuffix(" ") && !isSignature
            var content = String(line)
            if isSoft && deleteSpace { content.removeLast() }
            // Appending in place keeps a paragraph of many lines linear to build.
            if paragraph == nil {
                paragraph = content
            } else {
                paragraph?.append(contentsOf: content)
            }
            if isSoft {
                paragraphDepth = depth
            } else {
                output.append(quoted(paragraph ?? "", depth: depth))
                paragraph = nil
            }
        }
        if let open = paragraph { output.append(quoted(open, depth: paragraphDepth)) }
        return output.joined(separator: "\n")
    }

    private static func quoted(_ line: String, depth: Int) -> String {
        depth == 0 ? line : String(repeating: ">", count: depth) + " " + line
    }
}
