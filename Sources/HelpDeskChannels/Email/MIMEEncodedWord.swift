/// RFC 2047 encoded-words, `=?charset?B?base64?=` and `=?charset?Q?text?=`,
/// the way non-ASCII text travels in headers (subjects, display names,
/// filenames).
enum MIMEEncodedWord {
    /// `text` with every encoded-word decoded. White space between two
    /// adjacent encoded-words is dropped (RFC 2047 §6.2), which is how a long
    /// subject is split across words and folded lines. Adjacent words in the
    /// same charset are decoded together, because senders split multi-byte
    /// characters across words. Words glued to other text are decoded too, as
    /// mail readers do, and anything that is not a well-formed word stays as written.
    static func decode(_ text: String) -> String {
        guard text.containsText("=?") else { return text }
        let bytes = Array(text.utf8)
        enum Segment {
            case literal(ArraySlice<UInt8>)
            case word(charset: String, bytes: [UInt8])
        }
        var segments: [Segment] = []
        var literalStart = 0
        var index = 0
        var noTerminatorBefore = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                let (charset, decoded, end) = parseWord(bytes, at: index, noTerminatorBefore: &noTerminatorBefore)
            {
                if literalStart < index { segments.append(.literal(bytes[literalStart..<index])) }
                segments.append(.word(charset: charset, bytes: decoded))
                index = end
                literalStart = end
            } else {
                index += 1
            }
        }
        if literalStart < bytes.count { segments.append(.literal(bytes[literalStart...])) }

        var output = ""
        var pending: (charset: String, bytes: [UInt8])?
        func flush() {
            if let word = pending { output += MIMECharset.decode(word.bytes, charset: word.charset) }
            pending = nil
        }
        for (position, segment) in segments.enumerated() {
            switch segment {
            case .word(let charset, let decoded):
                if let current = pending, current.charset == charset {
                    pending?.bytes += decoded
                } else {
                    flush()
                    pending = (charset, decoded)
                }
            case .literal(let literal):
                let onlySpace = literal.allSatisfy { $0 == UInt8(ascii: " ") || $0 == 9 || $0 == 13 || $0 == 10 }
                let betweenWords =
                    position > 0 && position + 1 < segments.count
                    && {
                        if case .word = segments[position - 1], case .word = segments[position + 1] { return true }
                        return false
                    }()
                if onlySpace && betweenWords { continue }
                flush()
                output += String(decoding: literal, as: UTF8.self)
            }
        }
        flush()
        return output
    }

    /// The word starting at `start` (`=?`): its charset (normalized), its
    /// decoded bytes and the index after its closing `?=`; nil if malformed.
    /// `noTerminatorBefore` is where an earlier search for `?=` gave up: a
    /// word whose text starts before it cannot end either, and knowing that
    /// keeps a header full of `=?` openers from costing quadratic time.
    private static func parseWord(_ bytes: [UInt8], at start: Int, noTerminatorBefore: inout Int)
        -> (String, [UInt8], Int)?
    {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            if bytes[index] <= 32 || bytes[index] >= 127 || index - charsetStart > 64 { return nil }
            index += 1
        }
        guard index + 2 < bytes.count, index > charsetStart, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let charset = MIMECharset.normalizedName(String(decoding: bytes[charsetStart..<index], as: UTF8.self))
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        index += 3
        let textStart = index
        guard textStart >= noTerminatorBefore else { return nil }
        while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: "=")) {
            // An encoded-word holds no white space; a space means this was not one.
            if bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 {
                noTerminatorBefore = index
                return nil
            }
            index += 1
        }
        guard index + 1 < bytes.count else {
            noTerminatorBefore = bytes.count
            return nil
        }
        let text = bytes[textStart..<index]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? MIMETransferEncoding.decodeBase64(text).bytes : decodeQ(text)
        return (charset, decoded, index + 2)
    }

    /// The Q encoding: quoted-printable where `_` stands for a space.
    private static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "="), index + 2 < text.endIndex,
                let high = MIMETransferEncoding.hexValue(text[index + 1]),
                let low = MIMETransferEncoding.hexValue(text[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
