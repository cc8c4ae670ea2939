import Foundation

extension OutboundMail {
    /// Header fields the renderer writes itself; an extra header may not repeat
    /// (or, for `Bcc` and `Sender`, add) one of them.
    static let reservedHeaderNames: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "in-reply-to",
        "references", "mime-version", "content-type", "content-transfer-encoding",
    ]
    /// A long conversation's `References` keeps its first id and its latest
    /// ones (RFC 5322 allows trimming the middle).
    static let maxReferences = 20

    /// The mail as RFC 5322 bytes, ready for SMTP `DATA`: ASCII only, CRLF line
    /// endings, headers folded, and a `multipart/alternative` body of the text
    /// and its escaped HTML rendering.
    ///
    /// Throws when an address, a Message-ID or an extra header is malformed,
    /// above all when it holds a line break: in a header that would end the
    /// field and let the rest pose as headers of its own (header injection).
    /// Free text (the subject, display names) cannot do harm and has its line
    /// breaks turned into spaces instead.
    ///
    /// - Parameter boundary: the MIME boundary; random unless a test pins it.
    public func rendered(boundary: String? = nil) throws(MailProblem) -> [UInt8] {
        try check()
        let boundary = boundary ?? Self.makeBoundary()
        var head = ""
        head += HeaderFolding.field("Date", [.text(RFC5322Date.format(date))])
        head += HeaderFolding.field("From", HeaderFolding.mailboxes([from]))
        if let replyTo { head += HeaderFolding.field("Reply-To", HeaderFolding.mailboxes([replyTo])) }
        if !to.isEmpty { head += HeaderFolding.field("To", HeaderFolding.mailboxes(to)) }
        if !cc.isEmpty { head += HeaderFolding.field("Cc", HeaderFolding.mailboxes(cc)) }
        head += HeaderFolding.field("Subject", HeaderFolding.unstructured(subject))
        head += HeaderFolding.field("Message-ID", [.text(Self.bracketed(messageID))])
        if let inReplyTo { head += HeaderFolding.field("In-Reply-To", [.text(Self.bracketed(inReplyTo))]) }
        let threaded = Self.trimmed(references)
        if !threaded.isEmpty { head += HeaderFolding.field("References", threaded.map { .text(Self.bracketed($0)) }) }
        for header in extraHeaders {
            head += HeaderFolding.field(header.name, HeaderFolding.unstructured(header.value))
        }
        head += "MIME-Version: 1.0\r\n"
        head += HeaderFolding.field(
            "Content-Type", [.text("multipart/alternative;"), .text("boundary=\"\(boundary)\"")])

        var mail = head + "\r\nThis is a multi-part message in MIME format.\r\n"
        for (type, content) in [("text/plain", text), ("text/html", PlainTextHTML.render(text))] {
            let encoded = MailBodyEncoding(text: content)
            mail += "--\(boundary)\r\n"
            mail += "Content-Type: \(type); charset=utf-8\r\n"
            mail += "Content-Transfer-Encoding: \(encoded.transferEncoding.rawValue)\r\n\r\n"
            mail += encoded.body
        }
        mail += "--\(boundary)--\r\n"
        return Array(mail.utf8)
    }

    /// Refuses what cannot go into a header safely; see `rendered()`.
    func check() throws(MailProblem) {
        try Self.checkAddress(from.address, field: "From")
        guard !to.isEmpty || !cc.isEmpty else { throw MailProblem(field: "To", reason: "names no recipient") }
        for address in to { try Self.checkAddress(address.address, field: "To") }
        for address in cc { try Self.checkAddress(address.address, field: "Cc") }
        if let replyTo { try Self.checkAddress(replyTo.address, field: "Reply-To") }
        try Self.checkMessageID(messageID, field: "Message-ID")
        if let inReplyTo { try Self.checkMessageID(inReplyTo, field: "In-Reply-To") }
        for id in references { try Self.checkMessageID(id, field: "References") }
        for header in extraHeaders {
            let name = header.name
            guard !name.isEmpty, name.utf8.count <= 76,
                name.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") })
            else { throw MailProblem(field: name, reason: "is not a header name (printable ASCII without a colon)") }
            guard !Self.reservedHeaderNames.contains(name.lowercased()) else {
                throw MailProblem(field: name, reason: "is written by the renderer and cannot be added again")
            }
            guard !header.value.containsLineBreak else {
                throw MailProblem(field: name, reason: "the value contains a line break")
            }
        }
    }

    static func checkAddress(_ address: String, field: String) throws(MailProblem) {
        if let problem = MailAddress.problem(with: address) {
            throw MailProblem(field: field, reason: "the address \(address.debugDescription) \(problem)")
        }
    }

    /// A Message-ID (brackets optional) must be printable ASCII without spaces
    /// or brackets inside, and short enough for a header line.
    static func checkMessageID(_ id: String, field: String) throws(MailProblem) {
        let bare = unbracketed(id)
        guard !String(bare).containsLineBreak else {
            throw MailProblem(field: field, reason: "the message id contains a line break")
        }
        guard !bare.isEmpty, bare.utf8.count <= 250,
            bare.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else {
            throw MailProblem(
                field: field, reason: "\(id.debugDescription) is not a message id such as <id@example.com>")
        }
    }

    static func unbracketed(_ id: String) -> Substring {
        var bare = id[...]
        if bare.hasPrefix("<"), bare.hasSuffix(">"), bare.count >= 2 { bare = bare.dropFirst().dropLast() }
        return bare
    }

    static func bracketed(_ id: String) -> String { "<" + unbracketed(id) + ">" }

    static func trimmed(_ references: [String]) -> [String] {
        guard references.count > maxReferences else { return references }
        return [references[0]] + references.suffix(maxReferences - 1)
    }

    /// A boundary that cannot occur in an encoded part: `=_` never appears in
    /// quoted-printable (which writes `=` as `=3D`) nor in base64.
    static func makeBoundary() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return "=_helpdesk_" + String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

/// Dates as mail headers write them (RFC 5322 §3.3), always in UTC.
enum RFC5322Date {
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
