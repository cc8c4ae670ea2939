import Foundation

/// Just enough of a mail reader to check what the renderer wrote: unfolding,
/// RFC 2047 B-words, MIME parts, quoted-printable and base64.
enum MailParsing {
    /// The header block (before the first empty line) and the rest.
    static func split(_ mail: String) -> (head: String, body: String) {
        guard let range = mail.range(of: "\r\n\r\n") else { return (mail, "") }
        return (String(mail[..<range.lowerBound]) + "\r\n", String(mail[range.upperBound...]))
    }

    /// Header lines as written, CRLF removed.
    static func headerLines(_ mail: String) -> [String] {
        split(mail).head.components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    /// Each field unfolded (CRLF before white space removed), as name and value.
    static func fields(_ mail: String) -> [(name: String, value: String)] {
        let unfolded = split(mail).head.replacingOccurrences(of: "\r\n ", with: " ")
        return unfolded.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            let colon = line.firstIndex(of: ":")!
            return (
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
    }

    static func field(_ name: String, in mail: String) -> String? {
        fields(mail).first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The encoded words in a header value, decoded; white space between two
    /// encoded words dropped, as RFC 2047 says.
    static func decodeWords(_ value: String) -> String {
        let pattern = try! NSRegularExpression(
            pattern: "=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=(\\s+(?==\\?UTF-8\\?B\\?))?")
        var result = ""
        var last = value.startIndex
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
            let whole = Range(match.range, in: value)!
            result += value[last..<whole.lowerBound]
            let payload = Range(match.range(at: 1), in: value)!
            result += String(decoding: Data(base64Encoded: String(value[payload]))!, as: UTF8.self)
            last = whole.upperBound
        }
        return result + value[last...]
    }

    /// The MIME parts between `--boundary` lines: each part's headers and body.
    static func parts(_ mail: String, boundary: String) -> [(head: String, body: String)] {
        let body = split(mail).body
        let pieces = body.components(separatedBy: "--\(boundary)")
        // Before the first delimiter: the preamble; after the last: "--" and the epilogue.
        return pieces.dropFirst().dropLast().map { piece in
            // "\r\n" is a single Character, so one is dropped.
            let trimmed = piece.hasPrefix("\r\n") ? String(piece.dropFirst()) : piece
            return split(trimmed)
        }
    }

    /// A part's body decoded by its Content-Transfer-Encoding, as UTF-8.
    static func decodedBody(_ part: (head: String, body: String)) -> String {
        let encoding = part.head.lowercased()
        if encoding.contains("content-transfer-encoding: base64") {
            let data = Data(base64Encoded: part.body, options: .ignoreUnknownCharacters)!
            return String(decoding: data, as: UTF8.self)
        }
        if encoding.contains("content-transfer-encoding: quoted-printable") {
            return String(decoding: decodeQuotedPrintable(part.body), as: UTF8.self)
        }
        return part.body
    }

    static func decodeQuotedPrintable(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return bytes
    }
}
