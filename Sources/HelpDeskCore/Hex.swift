/// Lowercase hexadecimal text of bytes (digests, signatures, ETags).
///
/// Formatting each byte with `String(format:)` cost about a microsecond a
/// byte, and a session token's digest is taken on every authenticated request.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
