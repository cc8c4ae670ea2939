import Foundation

/// Turns the bytes of a header word or a body part into text, given the
/// charset the message declares. Mail in the wild mislabels, omits or misspells
/// charsets and carries bytes that are invalid in the declared one, so decoding
/// never fails: an undeclared or unknown charset is read as UTF-8 when the bytes
/// are valid UTF-8 and as Windows-1252 otherwise, and invalid bytes in a
/// declared charset become U+FFFD.
enum MIMECharset {
    /// The text of `bytes` in `charset` (a MIME charset name, any case, or nil).
    static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let name = charset.map(normalizedName) ?? ""
        switch name {
        case "", "us-ascii", "unknown-8bit", "x-unknown", "unknown", "default":
            return utf8OrWindows1252(bytes)
        case "utf-8":
            return String(decoding: bytes, as: UTF8.self)
        case "iso-8859-1", "windows-1252":
            // Senders labelling text ISO-8859-1 routinely use the Windows-1252
            // punctuation in 0x80–0x9F (curly quotes, the euro sign), which is
            // why every mail reader treats the two as one.
            return windows1252(bytes)
        case "iso-8859-15":
            return latin9(bytes)
        default:
            guard let encoding = encoding(named: name) else { return utf8OrWindows1252(bytes) }
            let array = Array(bytes)
            if let text = String(bytes: array, encoding: encoding) { return text }
            // A line break is not one byte in UTF-16 and UTF-32, so those cannot be split.
            if name.hasPrefix("utf-16") || name.hasPrefix("utf-32") { return utf8OrWindows1252(array) }
            // Foundation refuses a whole text for one invalid byte; decoding
            // line by line loses only the damaged lines, whose bytes become U+FFFD.
            return array.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                String(bytes: Array(line), encoding: encoding) ?? String(decoding: line, as: UTF8.self)
            }.joined(separator: "\n")
        }
    }

    /// Lower-cased, unquoted, with the spellings senders use for the same
    /// charset folded into one (`UTF8`, `latin1`, `iso8859_1`, `cp1252`).
    static func normalizedName(_ raw: String) -> String {
        var name = raw.trimmingScalars { $0 == "\"" || $0 == "'" || $0 == " " || $0 == "\t" }.lowercased()
        if name.containsText("_") { name = String(name.map { $0 == "_" ? "-" : $0 }) }
        // RFC 2231 allows a language after the charset: `utf-8*en`.
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "ascii", "ansi-x3.4-1968", "iso646-us", "us": return "us-ascii"
        case "latin1", "l1", "iso8859-1", "iso-8859-1:1987", "iso-ir-100", "cp819", "ibm819": return "iso-8859-1"
        case "latin9", "l9", "iso8859-15": return "iso-8859-15"
        case "gb2312", "gbk", "cp936", "x-gbk", "euc-cn", "gb-2312", "chinese": return "gb18030"
        case "tis-620", "windows-874", "cp874": return "iso-8859-11"
        case "ks-c-5601-1987", "cp949", "windows-949", "uhc": return "cp949"
        default: break
        }
        if name.hasPrefix("cp125"), name.count == 6 { return "windows-" + name.dropFirst(2) }
        if name.hasPrefix("iso8859-") { return "iso-" + name.dropFirst(3) }
        if name.hasPrefix("iso-8859-"), let dash = name.dropFirst(9).firstIndex(of: "-") {
            // `iso-8859-1-i` and similar carry a suffix that does not change the bytes.
            return String(name[..<dash])
        }
        return name
    }

    /// Foundation's encoding for a normalized charset name: its named
    /// encodings, then the Core Foundation encodings it decodes on every
    /// platform but has no IANA name lookup for on Linux, then whatever else
    /// its IANA name lookup knows.
    static func encoding(named name: String) -> String.Encoding? {
        if let known = foundationEncodings[name] { return known }
        if let known = coreFoundationEncodings[name] {
            return String.Encoding(rawValue: UInt(0x8000_0000 | known))
        }
        if #available(macOS 15, *) { return String.Encoding(ianaName: name) }
        return nil
    }

    private static let foundationEncodings: [String: String.Encoding] = [
        "shift-jis": .shiftJIS, "sjis": .shiftJIS, "x-sjis": .shiftJIS, "cp932": .shiftJIS,
        "windows-31j": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP, "utf-16": .utf16,
        "utf-16be": .utf16BigEndian, "utf-16le": .utf16LittleEndian, "utf-32": .utf32,
        "utf-32be": .utf32BigEndian, "utf-32le": .utf32LittleEndian, "macintosh": .macOSRoman,
        "x-mac-roman": .macOSRoman,
    ]

    /// Core Foundation encoding numbers (`CFStringEncoding`) by charset name;
    /// Foundation takes them as `0x8000_0000 | number`.
    private static let coreFoundationEncodings: [String: UInt32] = [
        "iso-8859-2": 0x0202, "iso-8859-3": 0x0203, "iso-8859-4": 0x0204, "iso-8859-5": 0x0205,
        "iso-8859-6": 0x0206, "iso-8859-7": 0x0207, "iso-8859-8": 0x0208, "iso-8859-9": 0x0209,
        "iso-8859-10": 0x020A, "iso-8859-11": 0x020B, "iso-8859-13": 0x020D, "iso-8859-14": 0x020E,
        "iso-8859-16": 0x0210,
        "windows-1250": 0x0501, "windows-1251": 0x0502, "windows-1253": 0x0503, "windows-1254": 0x0504,
        "windows-1255": 0x0505, "windows-1256": 0x0506, "windows-1257": 0x0507, "windows-1258": 0x0508,
        "koi8-r": 0x0A02, "koi8-u": 0x0A08, "big5": 0x0A03, "big5-hkscs": 0x0A06, "gb18030": 0x0632,
        "euc-kr": 0x0940, "cp949": 0x0422, "iso-2022-kr": 0x0840, "utf-7": 0x0400_0100,
    ]

    /// Valid UTF-8 as UTF-8 (plain ASCII is both), anything else as Windows-1252,
    /// the most common charset of unlabelled 8-bit mail.
    static func utf8OrWindows1252(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(bytes: Array(bytes), encoding: .utf8) { return text }
        return windows1252(bytes)
    }

    /// Windows-1252: ISO-8859-1 with printable characters in 0x80–0x9F. The five
    /// bytes Windows-1252 leaves undefined map to the C1 controls, as browsers do.
    static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80, byte <= 0x9F {
                let mapped = windows1252High[Int(byte) - 0x80]
                scalars.append(mapped == 0 ? Unicode.Scalar(byte) : Unicode.Scalar(mapped) ?? Unicode.Scalar(byte))
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// ISO-8859-15: ISO-8859-1 with eight positions replaced (the euro sign among them).
    static func latin9(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            scalars.append(latin9Differences[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// The characters of 0x80–0x9F in Windows-1252; 0 where it defines none.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
        0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0, 0x017E, 0x0178,
    ]

    private static let latin9Differences: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153,
        0xBE: 0x0178,
    ]
}
