import Foundation

/// A header value of the shape `token; name=value; ...`: `Content-Type`,
/// `Content-Disposition`, `Content-Transfer-Encoding`, `Auto-Submitted`.
///
/// Parameters follow RFC 2045 (quoted or bare values) and RFC 2231 (charset
/// and percent-encoded values, `name*=utf-8''%E2%82%AC.pdf`, and values split
/// into numbered sections, `name*0*=`, `name*1=`). Encoded-words inside a
/// value are decoded too: they are not allowed there, but the mailers most
/// customers use write attachment names that way.
struct MIMEParameterizedValue: Sendable, Equatable {
    /// The leading token, lower-cased, comments removed: `multipart/mixed`, `attachment`.
    var value: String
    /// Decoded parameter values by lower-cased name.
    var parameters: [String: String]

    init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    init(parsing header: String) {
        let pieces = Self.splitOnSemicolons(header)
        value = Self.removingComments(pieces.first ?? "").trimmingMailWhitespace().lowercased()
        var plain: [String: String] = [:]
        var sections: [String: [Int: (text: String, extended: Bool)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingMailWhitespace().lowercased()
            guard !name.isEmpty else { continue }
            let rawValue = Self.unquoted(piece[piece.index(after: equals)...].trimmingMailWhitespace())
            // RFC 2231: `name*` is one extended value, `name*N` and `name*N*` are sections.
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                if rest.isEmpty {
                    sections[base, default: [:]][0] = (rawValue, true)
                } else {
                    let extended = rest.hasSuffix("*")
                    if let number = Int(extended ? rest.dropLast() : rest), number >= 0, number < 1_000 {
                        sections[base, default: [:]][number] = (rawValue, extended)
                    }
                }
            } else if plain[name] == nil {
                plain[name] = rawValue
            }
        }
        var parameters = plain.mapValues { MIMEEncodedWord.decode($0) }
        for (name, numbered) in sections {
            parameters[name] = Self.joinSections(numbered)
        }
        self.parameters = parameters
    }

    subscript(parameter: String) -> String? { parameters[parameter] }

    /// RFC 2231 sections in order. The first extended section names the
    /// charset (`utf-8'en'`); extended sections are percent-encoded bytes and
    /// the others literal text, all in that one charset.
    private static func joinSections(_ numbered: [Int: (text: String, extended: Bool)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for number in numbered.keys.sorted() {
            guard let section = numbered[number] else { continue }
            var text = Substring(section.text)
            if section.extended {
                if number == numbered.keys.min() {
                    let quoteParts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if quoteParts.count == 3 {
                        charset = String(quoteParts[0])
                        text = quoteParts[2]
                    }
                }
                bytes += percentDecoded(text)
            } else {
                bytes += Array(text.utf8)
            }
        }
        return MIMECharset.decode(bytes, charset: charset.flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let high = MIMETransferEncoding.hexValue(input[index + 1]),
                let low = MIMETransferEncoding.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    /// Splits on `;` outside quoted strings.
    private static func splitOnSemicolons(_ header: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = header.startIndex
        var inQuotes = false
        var escaped = false
        var index = header.startIndex
        while index < header.endIndex {
            let character = header[index]
            if escaped {
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                pieces.append(header[start..<index])
                start = header.index(after: index)
            }
            index = header.index(after: index)
        }
        pieces.append(header[start...])
        return pieces
    }

    /// A quoted string's content with its backslash escapes removed; an
    /// unquoted value as it is. A quote left open runs to the end.
    private static func unquoted(_ text: String) -> String {
        guard text.first == "\"" else { return text }
        var output = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                output.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// `text` without RFC 5322 comments, `(like this)`, which may nest.
    static func removingComments(_ text: some StringProtocol) -> String {
        guard text.containsText("(") else { return String(text) }
        var output = ""
        var depth = 0
        var escaped = false
        var inQuotes = false
        for character in text {
            if escaped {
                escaped = false
                if depth == 0 { output.append(character) }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                if depth == 0 { output.append(character) }
            case "\"" where depth == 0:
                inQuotes.toggle()
                output.append(character)
            case "(" where !inQuotes:
                depth += 1
            case ")" where !inQuotes && depth > 0:
                depth -= 1
            default:
                if depth == 0 { output.append(character) }
            }
        }
        return output
    }
}
