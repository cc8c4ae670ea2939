import Foundation

/// A text body made safe for any mail server: 7-bit lines of at most 76
/// characters, CRLF between them, and the `Content-Transfer-Encoding` that
/// says how to read them back.
///
/// Plain ASCII with short lines goes as it is. Otherwise quoted-printable keeps
/// mostly-Latin text readable in the raw mail, and base64 is shorter for text
/// that is mostly beyond ASCII (Cyrillic, Greek, CJK), where quoted-printable
/// would triple every byte. Either way the message is pure ASCII, so no
/// 8BITMIME or SMTPUTF8 support is needed from the server.
struct MailBodyEncoding: Equatable {
    enum TransferEncoding: String {
        case sevenBit = "7bit"
        case quotedPrintable = "quoted-printable"
        case base64
    }

    var transferEncoding: TransferEncoding
    /// The encoded lines joined with CRLF, ending with CRLF.
    var body: String

    static let maxLineLength = 76

    init(text: String) {
        let lines = Self.lines(of: text)
        let bytes = lines.reduce(0) { $0 + $1.count + 2 }
        let unsafe = lines.reduce(0) { $0 + $1.count(where: { !Self.isLiteral($0) }) }
        let isPlain = lines.allSatisfy { line in
            line.count <= Self.maxLineLength && line.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 }
        }
        if isPlain {
            transferEncoding = .sevenBit
            body = lines.map { String(decoding: $0, as: UTF8.self) + "\r\n" }.joined()
        } else if unsafe * 3 > bytes {
            transferEncoding = .base64
            body = Self.base64(lines)
        } else {
            transferEncoding = .quotedPrintable
            body = lines.map { Self.quotedPrintable($0).joined(separator: "=\r\n") + "\r\n" }.joined()
        }
    }

    /// The text's UTF-8 lines, whatever ended them: CRLF, LF or a lone CR. A
    /// final line break ends the last line rather than starting an empty one.
    static func lines(of text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var afterCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n"), afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Bytes that stand for themselves in quoted-printable (and may go as 7bit):
    /// printable ASCII except `=`, and space and tab.
    static func isLiteral(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "=") || byte == 0x20 || byte == 0x09
    }

    /// One line in quoted-printable (RFC 2045 §6.7), cut into pieces of at most
    /// 75 characters that a soft line break (`=` CRLF) joins again. An escape is
    /// never cut, and a space or tab at the end of the line is escaped because
    /// mail servers may strip it.
    static func quotedPrintable(_ line: [UInt8]) -> [String] {
        var pieces: [String] = []
        var piece = ""
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let token: String
            if isLiteral(byte), !(isLast && (byte == 0x20 || byte == 0x09)) {
                token = String(UnicodeScalar(byte))
            } else {
                token = "=" + hex(byte)
            }
            if piece.utf8.count + token.utf8.count > maxLineLength - 1 {
                pieces.append(piece)
                piece = ""
            }
            piece += token
        }
        pieces.append(piece)
        return pieces
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The canonical text (lines joined by CRLF, RFC 2046 §4.1.1) in base64,
    /// 76 characters a line.
    static func base64(_ lines: [[UInt8]]) -> String {
        let canonical = Data(lines.map { $0 }.joined(separator: [13, 10]))
        let encoded = canonical.base64EncodedString()
        var result = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: maxLineLength, limitedBy: encoded.endIndex) ?? encoded.endIndex
            result += encoded[index..<end] + "\r\n"
            index = end
        }
        return result
    }
}
