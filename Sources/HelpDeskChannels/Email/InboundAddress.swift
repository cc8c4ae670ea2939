import Foundation

/// One mailbox from an address header: `Jane Doe <Jane.Doe@Example.com>`.
public struct InboundAddress: Sendable, Hashable {
    /// The display name, decoded (quoted strings unescaped, encoded-words
    /// decoded); nil when the sender gave none.
    public var name: String?
    /// The address as written. A system sender may write one without a
    /// domain (`MAILER-DAEMON`).
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The address lower-cased, the form to compare and look people up by:
    /// mail systems treat addresses without regard to case in practice,
    /// although RFC 5321 lets the local part be case-sensitive.
    public var normalizedAddress: String { address.lowercased() }

    /// The part before the last `@` (the whole address when there is none).
    public var localPart: Substring {
        address.lastIndex(of: "@").map { address[..<$0] } ?? address[...]
    }

    /// The part after the last `@`, if any.
    public var domain: Substring? {
        address.lastIndex(of: "@").map { address[address.index(after: $0)...] }
    }

    /// The mailboxes of an address-list header value (RFC 5322 §3.4), in order.
    ///
    /// Reads display names quoted, bare or encoded, angle addresses, bare
    /// addresses, groups (`Team: a@x, b@y;`, flattened, the group name
    /// dropped), comments (a comment is the name of a bare address, `jane@x
    /// (Jane Doe)`, the oldest style), and obsolete source routes
    /// (`<@relay:jane@x>`). Broken input (an unclosed quote or bracket) is read
    /// to the end rather than refused; an entry with no address is skipped.
    public static func list(_ value: String) -> [InboundAddress] {
        var parser = InboundAddressParser(Self.tokens(value))
        return parser.parse()
    }

    enum Token: Equatable {
        case word(String, quoted: Bool)
        case special(Unicode.Scalar)
        case comment(String)
        case angle([Token])
    }

    /// The header value as tokens, each flagged with whether white space came before it.
    static func tokens(_ value: String) -> [(token: Token, spaceBefore: Bool)] {
        let scalars = Array(value.unicodeScalars)
        var index = 0
        return tokens(scalars, &index, until: nil)
    }

    private static let specials: Set<Unicode.Scalar> = ["<", ">", "@", ",", ";", ":", ".", "[", "]"]

    private static func tokens(_ scalars: [Unicode.Scalar], _ index: inout Int, until closing: Unicode.Scalar?)
        -> [(token: Token, spaceBefore: Bool)]
    {
        var result: [(token: Token, spaceBefore: Bool)] = []
        var space = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == closing {
                index += 1
                return result
            }
            switch scalar {
            case " ", "\t", "\r", "\n":
                space = true
                index += 1
                continue
            case "\"":
                index += 1
                var text = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    text.append(scalars[index])
                    index += 1
                }
                index += 1
                result.append((.word(String(text), quoted: true), space))
            case "(":
                var depth = 0
                var text = String.UnicodeScalarView()
                repeat {
                    let current = scalars[index]
                    if current == "\\", index + 1 < scalars.count {
                        index += 1
                        text.append(scalars[index])
                    } else if current == "(" {
                        if depth > 0 { text.append(current) }
                        depth += 1
                    } else if current == ")" {
                        depth -= 1
                        if depth > 0 { text.append(current) }
                    } else {
                        text.append(current)
                    }
                    index += 1
                } while index < scalars.count && depth > 0
                result.append((.comment(String(text)), space))
            case "<" where closing == nil:
                index += 1
                let inner = tokens(scalars, &index, until: ">")
                result.append((.angle(inner.map(\.token)), space))
            case "[":
                // A domain literal, `[192.0.2.1]`, is one word.
                var text = String.UnicodeScalarView()
                while index < scalars.count {
                    text.append(scalars[index])
                    index += 1
                    if text.last == "]" { break }
                }
                result.append((.word(String(text), quoted: false), space))
            case _ where specials.contains(scalar):
                index += 1
                result.append((.special(scalar), space))
            default:
                var text = String.UnicodeScalarView()
                // An encoded-word is one word even when its Q text holds specials (`=?utf-8?Q?Doe,_J?=`).
                if scalar == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
                    let end = encodedWordEnd(scalars, from: index)
                {
                    text.append(contentsOf: scalars[index..<end])
                    index = end
                }
                while index < scalars.count {
                    let current = scalars[index]
                    if [" ", "\t", "\r", "\n", "\"", "(", ")"].contains(current) || specials.contains(current)
                        || current == closing
                    {
                        break
                    }
                    text.append(current)
                    index += 1
                }
                if text.isEmpty {
                    index += 1  // a stray `)` or `>`
                } else {
                    result.append((.word(String(text), quoted: false), space))
                }
            }
            space = false
        }
        return result
    }

    /// The index after the `?=` of an encoded-word starting at `start`, if one does.
    private static func encodedWordEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var questionMarks = 0
        var index = start + 2
        while index < scalars.count, index - start < 600 {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" { return nil }
            if scalar == "?" {
                questionMarks += 1
                if questionMarks == 3 {
                    return index + 1 < scalars.count && scalars[index + 1] == "=" ? index + 2 : nil
                }
            }
            index += 1
        }
        return nil
    }
}

/// Reads mailboxes and groups from address tokens; see `InboundAddress.list`.
private struct InboundAddressParser {
    typealias Token = InboundAddress.Token
    let tokens: [(token: Token, spaceBefore: Bool)]
    var index = 0
    var result: [InboundAddress] = []

    init(_ tokens: [(token: Token, spaceBefore: Bool)]) {
        self.tokens = tokens
    }

    mutating func parse() -> [InboundAddress] {
        var words: [(token: Token, spaceBefore: Bool)] = []
        var angle: [Token]?
        var comment: String?
        func finish() {
            defer {
                words = []
                angle = nil
                comment = nil
            }
            if let angle {
                var address = Self.joined(angle)
                // An obsolete source route, `@relay1,@relay2:jane@x`, precedes the address.
                if address.hasPrefix("@"), let colon = address.lastIndex(of: ":") {
                    address = String(address[address.index(after: colon)...])
                }
                guard !address.isEmpty else { return }
                let name = Self.displayName(words) ?? comment.flatMap(Self.cleanName)
                result.append(InboundAddress(name: name, address: address))
                return
            }
            guard !words.isEmpty else { return }
            if let at = words.lastIndex(where: { $0.token == .special("@") }) {
                var start = at
                while start > 0, !words[start].spaceBefore || Self.isDot(words[start - 1].token) {
                    start -= 1
                }
                var end = at
                while end + 1 < words.count, !words[end + 1].spaceBefore || Self.isDot(words[end].token) {
                    end += 1
                }
                let address = Self.joined(words[start...end].map(\.token))
                let name = Self.displayName(Array(words[..<start])) ?? comment.flatMap(Self.cleanName)
                result.append(InboundAddress(name: name, address: address))
            } else if words.count == 1, case .word(let text, quoted: false) = words[0].token {
                // A local part alone, as system senders write `MAILER-DAEMON`.
                result.append(InboundAddress(name: comment.flatMap(Self.cleanName), address: text))
            }
        }
        while index < tokens.count {
            let (token, spaceBefore) = tokens[index]
            index += 1
            switch token {
            case .special(","), .special(";"):
                finish()
            case .special(":") where angle == nil:
                // A group's name: drop it, keep reading its members.
                words = []
                comment = nil
            case .angle(let inner):
                if angle == nil { angle = inner }
            case .comment(let text):
                if comment == nil { comment = text }
            case .word, .special:
                if angle == nil { words.append((token, spaceBefore)) }
            }
        }
        finish()
        return result
    }

    private static func isDot(_ token: Token) -> Bool { token == .special(".") }

    /// An address from its tokens: words and specials joined without white
    /// space, comments dropped, quoted local parts kept quoted.
    private static func joined(_ tokens: [Token]) -> String {
        var text = ""
        for token in tokens {
            switch token {
            case .word(let word, let quoted):
                text += quoted ? "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : word
            case .special(let scalar): text.unicodeScalars.append(scalar)
            case .comment, .angle: break
            }
        }
        return text
    }

    /// The display name from the words before an address: joined with the
    /// white space the sender put between them, encoded-words decoded.
    private static func displayName(_ words: [(token: Token, spaceBefore: Bool)]) -> String? {
        var text = ""
        for (token, spaceBefore) in words {
            if spaceBefore && !text.isEmpty { text += " " }
            switch token {
            case .word(let word, _): text += word
            case .special(let scalar): text.unicodeScalars.append(scalar)
            case .comment, .angle: break
            }
        }
        return cleanName(text)
    }

    /// Decodes, trims, and drops the single quotes some mailers wrap names in (`'Jane Doe'`).
    private static func cleanName(_ raw: String) -> String? {
        var name = MIMEEncodedWord.decode(raw).trimmingMailWhitespaceAndNewlines()
        if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") {
            name = name.dropFirst().dropLast().trimmingMailWhitespace()
        }
        return name.isEmpty ? nil : name
    }
}
