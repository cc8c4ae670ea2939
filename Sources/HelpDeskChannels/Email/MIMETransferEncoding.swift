/// The `Content-Transfer-Encoding` of a part: how its bytes were made safe for
/// transport (RFC 2045 §6). Decoding is lenient, because a message with a
/// damaged line is still a customer's message: characters outside the
/// alphabet are skipped and reported, never fatal.
enum MIMETransferEncoding: Equatable {
    /// `7bit`, `8bit`, `binary` and anything unknown: the bytes as they are.
    case identity
    case base64
    case quotedPrintable

    init(headerValue: String?) {
        let token = headerValue.map { MIMEParameterizedValue(parsing: $0).value } ?? ""
        switch token {
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        default: self = .identity
        }
    }

    /// The decoded bytes, and whether anything had to be skipped to get them.
    func decode(_ bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        switch self {
        case .identity: (Array(bytes), false)
        case .base64: Self.decodeBase64(bytes)
        case .quotedPrintable: (Self.decodeQuotedPrintable(bytes), false)
        }
    }

    /// Base64 ignoring line breaks and white space. Padding ends a group, so
    /// two encoded blocks glued together (which some mailers produce) both
    /// decode; any other character outside the alphabet marks the part damaged.
    static func decodeBase64(_ bytes: some Collection<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var accumulator: UInt32 = 0
        var count = 0
        var damaged = false
        func flush() {
            switch count {
            case 2: output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            case 3:
                output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            case 1: damaged = true
            default: break
            }
            accumulator = 0
            count = 0
        }
        for byte in bytes {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                flush()
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            default:
                damaged = true
                continue
            }
            accumulator = accumulator << 6 | value
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flush()
        return (output, damaged)
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XY` is a byte (either case of hex
    /// accepted), `=` at the end of a line joins it to the next, white space at
    /// the end of a line is padding added in transit and dropped. A `=` not
    /// followed by two hex digits is kept as written, as readers do.
    static func decodeQuotedPrintable(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var lineStart = 0
        while lineStart < input.count {
            var lineEnd = lineStart
            while lineEnd < input.count, input[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let hasBreak = lineEnd < input.count
            var contentEnd = lineEnd
            if hasBreak, contentEnd > lineStart, input[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let breakBytes = input[contentEnd..<min(lineEnd + 1, input.count)]
            while contentEnd > lineStart, input[contentEnd - 1] == UInt8(ascii: " ") || input[contentEnd - 1] == 9 {
                contentEnd -= 1
            }
            var softBreak = false
            var index = lineStart
            while index < contentEnd {
                let byte = input[index]
                if byte == UInt8(ascii: "=") {
                    if index + 1 == contentEnd {
                        softBreak = true
                        index += 1
                        continue
                    }
                    if index + 2 < contentEnd, let high = hexValue(input[index + 1]),
                        let low = hexValue(input[index + 2])
                    {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                output.append(byte)
                index += 1
            }
            if !softBreak { output.append(contentsOf: breakBytes) }
            lineStart = lineEnd + 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
