/// A recipient address split at its sub-address delimiter (RFC 5233):
/// `support+t-4821.k9f2c1@helpdesk.example` is mailbox `support`, detail
/// `t-4821.k9f2c1`, domain `helpdesk.example`. Replies to a ticket go to an
/// address whose detail names the ticket, so the reply finds its ticket
/// even when its threading headers were lost.
public struct InboundSubaddress: Sendable, Hashable {
    /// The mailbox, lower-cased: `support`.
    public var mailbox: String
    /// What follows the delimiter, as written (a token's case is the caller's
    /// to judge; lower-case tokens survive mail systems that lower-case addresses).
    public var detail: String
    /// The domain, lower-cased.
    public var domain: String

    public init(mailbox: String, detail: String, domain: String) {
        self.mailbox = mailbox
        self.detail = detail
        self.domain = domain
    }

    /// `address` split at the first `delimiter` of its local part; nil when it
    /// has no domain, no delimiter, or nothing after the delimiter.
    public init?(_ address: String, delimiter: Character = "+") {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard let split = local.firstIndex(of: delimiter), !domain.isEmpty else { return nil }
        let detail = local[local.index(after: split)...]
        guard !detail.isEmpty else { return nil }
        self.init(mailbox: local[..<split].lowercased(), detail: String(detail), domain: domain.lowercased())
    }
}

extension InboundMail {
    /// The sub-addressed recipients a reply token may be in, most reliable
    /// first: the envelope recipients (from the SMTP `RCPT TO` or a provider's
    /// envelope, which the sender cannot have mangled), then `Delivered-To`,
    /// `To` and `Cc`. Each address appears once.
    public func subaddressedRecipients(envelopeRecipients: [String] = [], delimiter: Character = "+")
        -> [InboundSubaddress]
    {
        let addresses = envelopeRecipients + (deliveredTo + to + cc).map(\.address)
        var seen: Set<InboundSubaddress> = []
        return addresses.compactMap { InboundSubaddress($0, delimiter: delimiter) }.filter { seen.insert($0).inserted }
    }

    /// The first reply token `decode` accepts among the sub-addressed
    /// recipients, in the order of `subaddressedRecipients`. The token's
    /// format is the caller's: `decode` checks the mailbox and domain are the
    /// help desk's and the detail is a valid token, and returns what it names.
    ///
    ///     mail.replyToken { $0.mailbox == "support" && $0.detail.hasPrefix("t-") ? String($0.detail.dropFirst(2)) : nil }
    public func replyToken<Token>(
        envelopeRecipients: [String] = [], delimiter: Character = "+",
        _ decode: (InboundSubaddress) throws -> Token?
    ) rethrows -> Token? {
        for candidate in subaddressedRecipients(envelopeRecipients: envelopeRecipients, delimiter: delimiter) {
            if let token = try decode(candidate) { return token }
        }
        return nil
    }

    /// The message ids this message may answer, to look up in the order
    /// given: `In-Reply-To` first (the message being answered), then
    /// `References` newest first (its last id is the parent, the first the
    /// thread's root). Each id appears once, without angle brackets.
    public var parentMessageIDs: [String] {
        var seen: Set<String> = []
        return (inReplyTo + references.reversed()).filter { seen.insert($0).inserted }
    }
}
