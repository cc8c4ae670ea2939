/// Trimming, searching and line-break normalization for the parser, in the
/// standard library. Foundation's `trimmingCharacters(in:)`,
/// `replacingOccurrences(of:with:)` and `contains(_:)` bridge every string to
/// `NSString` on Linux, which cost more than half of parsing a message
/// (`helpdesk-bench mail`); these give the same results per Unicode scalar
/// without the bridge.
extension StringProtocol {
    /// Whether `needle` occurs in the text, compared scalar by scalar (as
    /// Foundation's literal search does, not character by character); an
    /// empty needle occurs nowhere, as with Foundation.
    func containsText(_ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return false }
        let bytes = utf8
        var index = bytes.startIndex
        while let start = bytes[index...].firstIndex(of: first) {
            if bytes[start...].starts(with: needle) { return true }
            index = bytes.index(after: start)
        }
        return false
    }

    /// Without leading and trailing scalars that `isTrimmed` accepts.
    func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let string = String(self)
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return string }
        return String(Substring(scalars[first...last]))
    }

    /// Without leading and trailing white space as `CharacterSet.whitespaces`
    /// has it on Linux: the tab, the space separators and the zero-width space.
    func trimmingMailWhitespace() -> String {
        trimmingScalars(where: Unicode.Scalar.isMailWhitespace)
    }

    /// Without leading and trailing white space and line breaks, as
    /// `CharacterSet.whitespacesAndNewlines` has them.
    func trimmingMailWhitespaceAndNewlines() -> String {
        trimmingScalars { $0.isMailWhitespace || $0.isMailNewline }
    }
}

extension String {
    /// The text with each CRLF as LF and, if `convertingLoneCarriageReturns`,
    /// each remaining CR as LF too. CR and LF are single bytes in UTF-8, so the
    /// bytes are edited directly.
    func withLineFeeds(convertingLoneCarriageReturns: Bool = false) -> String {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        guard utf8.contains(cr) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pendingCR = false
        for byte in utf8 {
            if pendingCR {
                pendingCR = false
                if byte != lf { bytes.append(convertingLoneCarriageReturns ? lf : cr) }
            }
            if byte == cr {
                pendingCR = true
            } else {
                bytes.append(byte)
            }
        }
        if pendingCR { bytes.append(convertingLoneCarriageReturns ? lf : cr) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// The tab, a space separator (general category Zs: U+0020, U+00A0,
    /// U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) or U+200B ZERO WIDTH
    /// SPACE, which Foundation on Linux counts as white space too and which is
    /// invisible junk at the edge of a header value anyway.
    static func isMailWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.isMailWhitespace }

    var isMailWhitespace: Bool {
        switch value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// A line break in `CharacterSet.newlines`: LF, VT, FF, CR, NEL and the
    /// line and paragraph separators.
    var isMailNewline: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
