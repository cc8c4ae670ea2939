import Foundation

/// The header section of a message or of one MIME part: its fields in order,
/// unfolded, looked up by name without regard to case (RFC 5322 §1.2.2, §2.2).
///
/// Values are the text as written, after unfolding and trimming; encoded-words
/// are left alone, since only some fields may contain them and each field's
/// own syntax decides where (`InboundMail` decodes the ones it exposes).
public struct MIMEHeaders: Sendable, Equatable {
    /// One `Name: value` field.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in the order they were written.
    public var fields: [Field]

    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The value of the first field named `name` (any case), if there is one.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The values of every field named `name` (any case), in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Whether any field is named `name` (any case).
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.caseInsensitiveEquals(name) }
    }

    /// Reads the header section at the start of `range` in `bytes`.
    ///
    /// The section ends at the first empty line; without one, everything is
    /// header. CRLF and bare LF both end a line. A line starting with a space
    /// or tab continues the field before it (unfolding keeps the white space,
    /// drops the line break). Byte values are read as UTF-8 when valid (RFC
    /// 6532) and as Windows-1252 otherwise, the usual source of raw 8-bit headers.
    ///
    /// A line that is not a field (no colon, or a name with spaces) is skipped
    /// and reported when the next line is a field again, since a stray line
    /// should not cost the sender's subject and address; otherwise it is taken
    /// as the start of a body whose blank separator line is missing.
    static func parse(_ bytes: [UInt8], in range: Range<Int>) -> (
        headers: MIMEHeaders, bodyStart: Int, defects: [InboundMailDefect]
    ) {
        var fields: [Field] = []
        var defects: [InboundMailDefect] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            if let field = field(current) { fields.append(field) }
            current.removeAll(keepingCapacity: true)
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let line = Self.line(bytes, at: index, end: range.upperBound)
            if line.content.isEmpty {
                flush()
                return (MIMEHeaders(fields), line.next, defects)
            }
            let first = bytes[line.content.lowerBound]
            if first == UInt8(ascii: " ") || first == 9 {
                if !current.isEmpty { current += bytes[line.content] }
            } else if fieldNameEnd(bytes, line.content) != nil {
                flush()
                current += bytes[line.content]
            } else {
                let next = Self.line(bytes, at: line.next, end: range.upperBound)
                let nextIsField = !next.content.isEmpty && fieldNameEnd(bytes, next.content) != nil
                let isMboxSeparator = index == range.lowerBound && bytes[line.content].starts(with: Array("From ".utf8))
                guard nextIsField || isMboxSeparator else {
                    flush()
                    return (MIMEHeaders(fields), index, defects)
                }
                if !isMboxSeparator {
                    let text = MIMECharset.utf8OrWindows1252(bytes[line.content].prefix(200))
                    defects.append(.headerLineWithoutColon(text))
                }
            }
            index = line.next
        }
        flush()
        return (MIMEHeaders(fields), range.upperBound, defects)
    }

    /// The line at `start`: its content without the line break, and where the next line starts.
    static func line(_ bytes: [UInt8], at start: Int, end: Int) -> (content: Range<Int>, next: Int) {
        var index = start
        while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        var contentEnd = index
        if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
        return (start..<contentEnd, min(index + 1, end))
    }

    /// The index of the colon ending a field name at the start of `line`, if
    /// the line starts with one: printable ASCII without spaces, then optional
    /// white space (obsolete syntax allows `Subject :`), then the colon.
    private static func fieldNameEnd(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound, bytes[index] > 32, bytes[index] < 127, bytes[index] != UInt8(ascii: ":") {
            index += 1
        }
        guard index > line.lowerBound else { return nil }
        while index < line.upperBound, bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 { index += 1 }
        return index < line.upperBound && bytes[index] == UInt8(ascii: ":") ? index : nil
    }

    private static func field(_ raw: [UInt8]) -> Field? {
        guard let colon = raw.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = String(decoding: raw[..<colon], as: UTF8.self).trimmingMailWhitespace()
        let value = MIMECharset.utf8OrWindows1252(raw[(colon + 1)...]).trimmingMailWhitespace()
        return name.isEmpty ? nil : Field(name: name, value: value)
    }
}

extension StringProtocol {
    /// ASCII case-insensitive equality, the comparison header names and MIME tokens use.
    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        let left = utf8
        let right = other.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
