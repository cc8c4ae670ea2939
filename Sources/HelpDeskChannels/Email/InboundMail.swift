import Foundation

/// An email as it arrived (RFC 5322 with MIME), read into what a help desk
/// needs: who wrote to whom, which conversation it continues, what it says,
/// which files came with it.
///
/// Every inbound path (an SMTP receiver, IMAP polling, a provider's webhook)
/// hands the raw bytes to `parse`, so there is one reading of mail. Parsing
/// is a pure function of the bytes: no I/O, no clock.
public struct InboundMail: Sendable, Equatable {
    /// The top-level header fields, unfolded, in order.
    public var headers: MIMEHeaders
    public var from: [InboundAddress]
    /// `Sender`, the mailbox that actually sent a message written for someone else.
    public var sender: InboundAddress?
    public var replyTo: [InboundAddress]
    public var to: [InboundAddress]
    public var cc: [InboundAddress]
    /// Every `Delivered-To` field, the mailboxes the final delivery was for
    /// (one per forwarding hop), which keep a reply token even when `To` does not.
    public var deliveredTo: [InboundAddress]
    /// The `Message-ID` without angle brackets.
    public var messageID: String?
    /// The ids in `In-Reply-To`, without angle brackets.
    public var inReplyTo: [String]
    /// The ids in `References`, oldest first, without angle brackets.
    public var references: [String]
    /// The decoded `Subject`; nil when the field is missing.
    public var subject: String?
    /// The `Date`; nil when missing or unparsable (the receipt time is then the caller's best guess).
    public var date: Date?
    /// The body as plain text (line breaks LF, no blank lines at the start or
    /// white space at the end), made from the HTML when there is no plain
    /// version; empty when the message has no text.
    public var text: String
    /// The HTML body as sent, for display; it must be sanitized before it is shown.
    public var html: String?
    /// Every leaf part that is not body text, in message order.
    public var attachments: [InboundAttachment]
    /// Damage that was read around.
    public var defects: [InboundMailDefect]
    /// For a bounce (a delivery status report), the Message-ID of the message
    /// that could not be delivered, without angle brackets; nil for any other
    /// mail. See `InboundBounce`.
    public var bouncedMessageID: String?

    /// A mail from its parts, for tests and for callers that build one
    /// without raw bytes; `parse` is the way to read a received message.
    public init(
        headers: MIMEHeaders = MIMEHeaders(), from: [InboundAddress] = [], sender: InboundAddress? = nil,
        replyTo: [InboundAddress] = [], to: [InboundAddress] = [], cc: [InboundAddress] = [],
        deliveredTo: [InboundAddress] = [], messageID: String? = nil, inReplyTo: [String] = [],
        references: [String] = [], subject: String? = nil, date: Date? = nil, text: String = "",
        html: String? = nil, attachments: [InboundAttachment] = [], defects: [InboundMailDefect] = [],
        bouncedMessageID: String? = nil
    ) {
        self.headers = headers
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.deliveredTo = deliveredTo
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
        self.attachments = attachments
        self.defects = defects
        self.bouncedMessageID = bouncedMessageID
    }

    /// Bounds on what `parse` accepts, so one hostile message can only cost a
    /// bounded amount of memory and time.
    public struct Limits: Sendable, Equatable {
        /// The largest raw message accepted. The default, 40 MiB, takes the
        /// 25 MB of attachments the big providers allow, grown by a third by base64.
        public var maximumBytes: Int
        /// How deep multiparts may nest; real mail uses three or four levels.
        public var maximumDepth: Int
        /// How many MIME parts a message may have in all.
        public var maximumParts: Int

        public init(maximumBytes: Int = 40 << 20, maximumDepth: Int = 20, maximumParts: Int = 500) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
            self.maximumParts = maximumParts
        }
    }

    /// Reads a raw message, CRLF or bare-LF line endings alike.
    ///
    /// Damaged input never fails: what cannot be read is skipped and listed in
    /// `defects`. Only a message over one of `limits` throws.
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits()) throws(InboundMailError) -> InboundMail {
        guard bytes.count <= limits.maximumBytes else {
            throw .tooLarge(bytes: bytes.count, limit: limits.maximumBytes)
        }
        var reader = MIMEPartReader(bytes: bytes, limits: limits)
        let root = try reader.read(0..<bytes.count, depth: 0)
        let headers = root.headers
        let body = InboundBody(root)
        func addresses(_ name: String) -> [InboundAddress] {
            headers.values(name).flatMap(InboundAddress.list)
        }
        return InboundMail(
            headers: headers,
            from: addresses("from"),
            sender: addresses("sender").first,
            replyTo: addresses("reply-to"),
            to: addresses("to"),
            cc: addresses("cc"),
            deliveredTo: addresses("delivered-to"),
            messageID: headers["message-id"].flatMap { MIMEMessageID.list($0).first },
            inReplyTo: headers["in-reply-to"].map(MIMEMessageID.list) ?? [],
            references: headers["references"].map(MIMEMessageID.list) ?? [],
            subject: headers["subject"].map(MIMEEncodedWord.decode),
            date: headers["date"].flatMap(MIMEDate.parse),
            text: body.text,
            html: body.html,
            attachments: body.attachments,
            defects: reader.defects,
            bouncedMessageID: InboundBounce.bouncedMessageID(root))
    }

    /// The address a reply goes to, the customer in help desk terms:
    /// `Reply-To` when given, else `From`.
    public var replyAddress: InboundAddress? { replyTo.first ?? from.first }

    /// The top-level content type, lower-cased, without parameters
    /// (`multipart/mixed`); `text/plain` when missing.
    public var contentType: String {
        headers["content-type"].map { MIMEParameterizedValue(parsing: $0).value } ?? "text/plain"
    }
}
