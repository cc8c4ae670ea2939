import Foundation

/// One piece of a header value, as the folder sees it.
enum HeaderWord: Equatable {
    /// Printable ASCII written as it is; never cut, and a fold may come before it.
    case text(String)
    /// Free text written as RFC 2047 encoded words (`=?UTF-8?B?…?=`), cut into as
    /// many words as the lines need. Decoders drop the space between adjacent
    /// encoded words, so the cuts do not show.
    case encoded(String)
}

/// Writes header fields as RFC 5322 lines: words joined by single spaces,
/// folded before a word so that no line passes 78 characters (76 on a line
/// that holds an encoded word, RFC 2047's limit), each line ending in CRLF.
///
/// Folding is what lets a long subject or a long `References` travel through
/// every mail server intact; a line is only ever longer when a single `.text`
/// word is, and the callers keep those short.
enum HeaderFolding {
    static let lineLimit = 78
    static let encodedLineLimit = 76
    /// RFC 2047's ceiling on one encoded word.
    static let encodedWordLimit = 75
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// `name: value` as one or more CRLF-terminated lines.
    static func field(_ name: String, _ words: [HeaderWord]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasWord = false
        var lineHasEncoded = false

        func place(_ word: String, encoded: Bool) {
            line += " " + word
            lineHasWord = true
            lineHasEncoded = lineHasEncoded || encoded
        }
        func breakLine() {
            lines.append(line)
            line = ""
            lineHasWord = false
            lineHasEncoded = false
        }

        for word in words {
            switch word {
            case .text(let text):
                let limit = lineHasEncoded ? encodedLineLimit : lineLimit
                if lineHasWord, line.utf8.count + 1 + text.utf8.count > limit { breakLine() }
                place(text, encoded: false)
            case .encoded(let text):
                var scalars = Array(text.unicodeScalars)[...]
                while !scalars.isEmpty {
                    let room = encodedLineLimit - line.utf8.count - 1
                    var take = fittingScalars(scalars, wordLength: min(room, encodedWordLimit))
                    if take == 0 {
                        if lineHasWord {
                            breakLine()
                            continue
                        }
                        // A header name too long to leave room: one scalar, over the limit.
                        take = 1
                    }
                    var chunk = String.UnicodeScalarView()
                    chunk.append(contentsOf: scalars.prefix(take))
                    place(encodedWord(String(chunk)), encoded: true)
                    scalars = scalars.dropFirst(take)
                }
            }
        }
        lines.append(line)
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// How many of the leading scalars fit in one encoded word of at most
    /// `wordLength` characters. Whole scalars only, so a UTF-8 sequence is never
    /// split across two words (a decoder could not join the halves).
    static func fittingScalars(_ scalars: ArraySlice<Unicode.Scalar>, wordLength: Int) -> Int {
        let available = wordLength - prefix.utf8.count - suffix.utf8.count
        guard available >= 4 else { return 0 }
        let maxBytes = available / 4 * 3
        var bytes = 0
        var count = 0
        for scalar in scalars {
            let length = UTF8.width(scalar)
            guard bytes + length <= maxBytes else { break }
            bytes += length
            count += 1
        }
        return count
    }

    static func encodedWord(_ text: String) -> String {
        prefix + Data(text.utf8).base64EncodedString() + suffix
    }

    // MARK: Values

    /// Free text (a subject) as header words. Line breaks and other control
    /// characters become spaces (they could otherwise end the header and start
    /// another: header injection), and runs of spaces become one. Plain ASCII
    /// stays readable; anything else, or text that looks like an encoded word,
    /// is encoded whole.
    static func unstructured(_ text: String) -> [HeaderWord] {
        let clean = cleanText(text)
        guard !clean.isEmpty else { return [] }
        let words = clean.split(separator: " ").map(String.init)
        if isPlainASCII(clean), !clean.contains("=?"), words.allSatisfy({ $0.utf8.count <= 70 }) {
            return words.map(HeaderWord.text)
        }
        return [.encoded(clean)]
    }

    /// A display name as an RFC 5322 `phrase`: plain words when it is made only
    /// of atom characters, a quoted string when it holds specials such as a
    /// comma or a dot, encoded words when it holds anything beyond ASCII.
    static func phrase(_ name: String) -> [HeaderWord] {
        let clean = cleanText(name)
        guard !clean.isEmpty else { return [] }
        guard isPlainASCII(clean), !clean.contains("=?") else { return [.encoded(clean)] }
        let words = clean.split(separator: " ").map(String.init)
        if words.allSatisfy({ $0.utf8.allSatisfy(MailAddress.isAtomByte) && $0.utf8.count <= 70 }) {
            return words.map(HeaderWord.text)
        }
        let quoted =
            "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
        return quoted.utf8.count <= 70 ? [.text(quoted)] : [.encoded(clean)]
    }

    /// A mailbox list (`From`, `To`, `Reply-To`): comma-separated, a fold allowed
    /// between any two words. Addresses must have been checked already.
    static func mailboxes(_ addresses: [MailAddress]) -> [HeaderWord] {
        var words: [HeaderWord] = []
        for (index, mailbox) in addresses.enumerated() {
            let comma = index < addresses.count - 1 ? "," : ""
            let name = phrase(mailbox.name ?? "")
            if name.isEmpty {
                words.append(.text(mailbox.address + comma))
            } else {
                words += name
                words.append(.text("<" + mailbox.address + ">" + comma))
            }
        }
        return words
    }

    /// The text with every control character (CR and LF among them) and line
    /// separator turned into a space, runs of spaces made one, and the ends
    /// trimmed. Other spaces (a no-break space) are kept.
    static func cleanText(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator || scalar == " " {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}
