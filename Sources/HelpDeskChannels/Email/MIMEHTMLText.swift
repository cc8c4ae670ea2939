/// Readable plain text from an HTML body, for messages that come without a
/// `text/plain` version: what a person would see, line breaks where the
/// blocks break, without markup, scripts or styles. Quoted blocks
/// (`<blockquote>`) come out with `> ` before each line, as a mail client
/// quotes plain text, so reply trimming treats both alike.
enum MIMEHTMLText {
    static func text(fromHTML html: String) -> String {
        var reader = Reader(Array(html.utf8))
        return reader.run()
    }

    /// Elements whose content is never shown.
    private static let hiddenElements: Set<String> = ["script", "style", "head", "title", "template", "xml"]
    /// Hidden elements whose content is shown after all when their end tag is missing.
    private static let closableElements: Set<String> = ["head", "title", "xml"]
    /// Elements that begin and end a line.
    private static let blockElements: Set<String> = [
        "div", "tr", "table", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "address",
        "center", "form", "fieldset", "figure", "figcaption", "main", "nav", "aside", "hr", "tbody", "thead",
        "tfoot", "caption", "body", "html",
    ]
    /// Elements that are paragraphs: a blank line before and after.
    private static let paragraphElements: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"]

    private struct Reader {
        let input: [UInt8]
        var index = 0
        var output: [UInt8] = []
        /// Line breaks owed before the next text (0, 1 or 2: a line or a paragraph).
        var pendingBreaks = 0
        var pendingSpace = false
        var lineHasText = false
        var quoteDepth = 0
        var preDepth = 0
        /// End tags searched for and not found: searching again from later
        /// would fail again, and repeating it for every start tag would take
        /// quadratic time on a hostile body.
        var missingEndTags: Set<String> = []

        init(_ input: [UInt8]) {
            self.input = input
        }

        mutating func run() -> String {
            while index < input.count {
                let byte = input[index]
                if byte == UInt8(ascii: "<") {
                    readMarkup()
                } else if byte == UInt8(ascii: "&") {
                    readEntity()
                } else if preDepth > 0 && byte == UInt8(ascii: "\n") {
                    lineBreak()
                    index += 1
                } else if preDepth == 0 && isSpace(byte) {
                    pendingSpace = true
                    index += 1
                } else if byte == UInt8(ascii: "\r") {
                    index += 1
                } else {
                    var end = index + 1
                    while end < input.count, !isSpecial(input[end]), preDepth > 0 || !isSpace(input[end]) {
                        end += 1
                    }
                    emit(input[index..<end])
                    index = end
                }
            }
            return Self.tidy(String(decoding: output, as: UTF8.self))
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12
        }

        private func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 10 || byte == 13
        }

        /// Writes text, first the line breaks, quote markers and space it is owed.
        private mutating func emit(_ text: some Collection<UInt8>) {
            guard !text.isEmpty else { return }
            if !output.isEmpty && pendingBreaks > 0 {
                output += Array(repeating: 10, count: min(pendingBreaks, 2))
                lineHasText = false
            }
            pendingBreaks = 0
            if !lineHasText {
                // Capped, so markup nesting thousands of quotes cannot multiply the output.
                if quoteDepth > 0 { output += Array(String(repeating: "> ", count: min(quoteDepth, 8)).utf8) }
                lineHasText = true
            } else if pendingSpace {
                output.append(32)
            }
            pendingSpace = false
            output += text
        }

        /// `<br>`: a line break even on an empty line, so two make a blank line.
        private mutating func lineBreak() {
            pendingBreaks += 1
            pendingSpace = false
        }

        private mutating func blockBreak(_ breaks: Int) {
            pendingBreaks = max(pendingBreaks, output.isEmpty ? 0 : breaks)
            pendingSpace = false
        }

        private mutating func readMarkup() {
            if matches("<!--") {
                index = find(Array("-->".utf8), from: index + 4).map { $0 + 3 } ?? input.count
                return
            }
            var cursor = index + 1
            let closing = cursor < input.count && input[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            let nameStart = cursor
            while cursor < input.count, isNameByte(input[cursor]) { cursor += 1 }
            let isDeclaration =
                cursor < input.count && (input[cursor] == UInt8(ascii: "!") || input[cursor] == UInt8(ascii: "?"))
            if nameStart == cursor && !isDeclaration {
                emit([UInt8(ascii: "<")])  // a lone `<` in text
                index += 1
                return
            }
            let name = String(decoding: input[nameStart..<cursor], as: UTF8.self).lowercased()
            index = tagEnd(from: cursor)
            if isDeclaration { return }
            if !closing, MIMEHTMLText.hiddenElements.contains(name) {
                // Skip to the matching end tag. A script or style never closed
                // hides the rest; an unclosed head hides nothing, since the
                // body after it is the message.
                let endTag = Array("</\(name)".utf8)
                if !missingEndTags.contains(name), let end = findIgnoringCase(endTag, from: index) {
                    index = tagEnd(from: end + endTag.count)
                } else {
                    missingEndTags.insert(name)
                    if !MIMEHTMLText.closableElements.contains(name) { index = input.count }
                }
                return
            }
            switch name {
            case "br":
                lineBreak()
            case "li":
                blockBreak(1)
                if !closing {
                    emit([UInt8(ascii: "-")])
                    pendingSpace = true
                }
            case "td", "th":
                if !closing && lineHasText { pendingSpace = true }
            case "blockquote":
                blockBreak(1)
                quoteDepth = max(0, quoteDepth + (closing ? -1 : 1))
            case "pre":
                blockBreak(2)
                preDepth = max(0, preDepth + (closing ? -1 : 1))
            case _ where MIMEHTMLText.paragraphElements.contains(name):
                blockBreak(2)
            case _ where MIMEHTMLText.blockElements.contains(name):
                blockBreak(1)
            default:
                break
            }
        }

        private func isNameByte(_ byte: UInt8) -> Bool {
            (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "-")
        }

        /// The index after the `>` closing the tag that continues at `start`,
        /// skipping quoted attribute values; the end of input if it never closes.
        private func tagEnd(from start: Int) -> Int {
            var cursor = start
            var quote: UInt8?
            while cursor < input.count {
                let byte = input[cursor]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return cursor + 1
                }
                cursor += 1
            }
            return input.count
        }

        private func matches(_ text: String) -> Bool {
            input[index...].starts(with: Array(text.utf8))
        }

        private func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start < input.count else { return nil }
            var cursor = start
            while cursor + needle.count <= input.count {
                if input[cursor] == needle[0], input[cursor..<cursor + needle.count].elementsEqual(needle) {
                    return cursor
                }
                cursor += 1
            }
            return nil
        }

        private func findIgnoringCase(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start < input.count else { return nil }
            var cursor = start
            while cursor + needle.count <= input.count {
                if zip(input[cursor..<cursor + needle.count], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                    return cursor
                }
                cursor += 1
            }
            return nil
        }

        /// `&amp;`, `&#233;`, `&#xE9;`; a `&` that starts no known entity is text.
        private mutating func readEntity() {
            var cursor = index + 1
            while cursor < input.count, cursor - index <= 32, input[cursor] != UInt8(ascii: ";"),
                isNameByte(input[cursor]) || input[cursor] == UInt8(ascii: "#")
            {
                cursor += 1
            }
            let name = String(decoding: input[(index + 1)..<cursor], as: UTF8.self)
            let terminated = cursor < input.count && input[cursor] == UInt8(ascii: ";")
            if let scalar = MIMEHTMLEntities.scalar(for: name, terminated: terminated) {
                index = terminated ? cursor + 1 : cursor
                switch scalar {
                case "\u{AD}": break  // a soft hyphen shows nothing
                case "\u{A0}": emit([32])  // a no-break space is kept, as an ordinary space
                default: emit(Array(String(scalar).utf8))
                }
            } else {
                emit([UInt8(ascii: "&")])
                index += 1
            }
        }

        /// Trailing spaces off every line, at most one blank line in a row, no
        /// blank lines at the start or end.
        static func tidy(_ text: String) -> String {
            var lines: [Substring] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var trimmed = line
                while let last = trimmed.last, last == " " || last == "\t" || last == "\u{A0}" {
                    trimmed = trimmed.dropLast()
                }
                if trimmed.isEmpty && (lines.last?.isEmpty ?? true) { continue }
                lines.append(trimmed)
            }
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
    }
}
