/// A mailbox as a mail names it: an address and, for people, a display name
/// (`Support <support@helpdesk.example>`).
///
/// Addresses are held to a strict subset of RFC 5322's `addr-spec` (dot-atoms of
/// printable ASCII on both sides of one `@`): anything looser is either exotic
/// or an attempt to smuggle a line break, a second address or an SMTP command
/// into a header or the envelope. Non-ASCII addresses would need SMTPUTF8,
/// which this client does not speak.
public struct MailAddress: Sendable, Hashable {
    public var address: String
    /// Free text, shown by mail programs; line breaks and control characters in
    /// it are turned into spaces when the mail is rendered.
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The part after the `@`, where a Message-ID for mail from this address is minted.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[address.index(after: at)...])
    }

    /// The longest address accepted (RFC 5321's path limit less the angle brackets).
    static let maxLength = 254

    /// What is wrong with `address`, or nil when it is usable in a header and in
    /// the SMTP envelope.
    public static func problem(with address: String) -> String? {
        if address.containsLineBreak { return "contains a line break" }
        guard !address.isEmpty else { return "is empty" }
        guard address.utf8.count <= maxLength else { return "is longer than \(maxLength) characters" }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "must be one local part, an @ and a domain, such as support@example.com"
        }
        guard parts[0].utf8.allSatisfy({ isAtomByte($0) || $0 == UInt8(ascii: ".") }), isDotAtom(parts[0]) else {
            return "has a character a mail address cannot hold before the @"
        }
        let domainBytes: (UInt8) -> Bool = { $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "-") }
        guard parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty }),
            parts[1].utf8.allSatisfy({ domainBytes($0) || $0 == UInt8(ascii: ".") })
        else { return "has a domain that is not a host name such as example.com" }
        return nil
    }

    /// RFC 5322 `atext`: the characters an unquoted word may hold.
    static func isAtomByte(_ byte: UInt8) -> Bool {
        if byte.isASCIILetterOrDigit { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    private static func isDotAtom(_ text: Substring) -> Bool {
        !text.hasPrefix(".") && !text.hasSuffix(".") && !text.contains("..")
    }
}

extension String {
    /// Whether a CR or LF is anywhere in it. Checked on bytes: as characters,
    /// `"\r\n"` is one that equals neither `"\r"` nor `"\n"`.
    var containsLineBreak: Bool {
        utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
