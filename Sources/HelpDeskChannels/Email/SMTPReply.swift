/// One reply from an SMTP server: a three-digit code and its text lines
/// (`250-first`, `250 last` is one reply of two lines).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    /// The text after the code on each line, possibly empty.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The server's words, lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }

    /// The reply as a person would quote it: `550 5.1.1 No such user`.
    public var description: String { text.isEmpty ? "\(code)" : "\(code) \(text)" }

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: the server may accept the same command later.
    public var isTransient: Bool { (400..<500).contains(code) }
}

/// Reads reply lines (CRLF already removed) into replies (RFC 5321 §4.2): a
/// line is `NNN-text` while more follow and `NNN text` (or just `NNN`) at the
/// end, the same code on every line.
struct SMTPReplyParser {
    /// Replies longer than this are not an SMTP server's; reading stops.
    static let maxLines = 256

    private var code: Int?
    private var lines: [String] = []

    enum Failure: Error, Equatable {
        case malformed(String)
    }

    /// The finished reply when `line` ends one, else nil.
    mutating func feed(_ line: String) throws(Failure) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
            let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(lineCode)
        else { throw .malformed(Self.quoted(line)) }
        if let code, code != lineCode { throw .malformed("a reply changed its code: " + Self.quoted(line)) }
        code = lineCode
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maxLines else { throw .malformed("a reply of more than \(Self.maxLines) lines") }
        guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") else { return nil }
        defer {
            self.code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }

    /// Whether a reply is half read.
    var isMidReply: Bool { code != nil }

    private static func quoted(_ line: String) -> String {
        String(line.prefix(80)).debugDescription
    }
}

/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per
/// line after the first, with parameters.
public struct SMTPExtensions: Sendable, Equatable {
    /// Upper-cased keyword → its parameters, as written.
    public var keywords: [String: [String]]

    public init(keywords: [String: [String]] = [:]) {
        self.keywords = keywords
    }

    /// The extensions in a `250` reply to EHLO; its first line is the server's
    /// greeting, not an extension.
    public init(ehlo reply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            // Old servers write `AUTH=LOGIN PLAIN` beside (or instead of) `AUTH LOGIN PLAIN`.
            if first.uppercased().hasPrefix("AUTH=") {
                let mechanisms = [String(first.dropFirst(5))] + words.dropFirst()
                keywords["AUTH", default: []] += mechanisms.filter { !$0.isEmpty }
                continue
            }
            keywords[first.uppercased(), default: []] += words.dropFirst()
        }
        self.keywords = keywords
    }

    public func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    public var supportsStartTLS: Bool { supports("STARTTLS") }

    /// The SASL mechanisms offered, upper-cased.
    public var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }

    /// The largest message the server takes, in bytes; nil when it names no
    /// limit (`SIZE` alone or `SIZE 0` means none, RFC 1870).
    public var sizeLimit: Int? {
        guard let value = keywords["SIZE"]?.first, let limit = Int(value), limit > 0 else { return nil }
        return limit
    }
}
