/// One way an inbound message may name the ticket it continues. A message can
/// carry several; `candidates` lists them strongest first, and the help desk
/// files the message under the first one it can resolve, or opens a new ticket.
///
/// The order follows how much each link can be trusted: a reply token was
/// written by the help desk into the address it asked replies to go to and
/// carries a MAC, so it cannot be guessed; a parent message id survives every
/// mail client that threads but can name a conversation outside the help desk
/// (a colleague's message in a reply the help desk was copied on); a `[#N]` tag
/// in the subject is typed text that anyone can copy, so it comes last.
public enum InboundThreadingHint: Sendable, Hashable, CustomStringConvertible {
    /// The token of a `<mailbox>+t-<token>@<support domain>` recipient, as written.
    case token(String)
    /// A message id the mail answers, without angle brackets, to look up among
    /// the ids of the messages the help desk sent and received.
    case header(String)
    /// A ticket number from a `[#N]` tag in the subject.
    case subject(Int)

    /// `token:<token>`, `header:<message id>` or `subject:<number>`.
    public var description: String {
        switch self {
        case .token(let token): "token:\(token)"
        case .header(let id): "header:\(id)"
        case .subject(let number): "subject:\(number)"
        }
    }

    /// What starts the sub-address detail of a reply address, `support+t-<token>@…`;
    /// other details (`support+billing@…`) are a mailbox's aliases, not tokens.
    public static let tokenPrefix = "t-"

    /// The longest ticket number a subject tag may hold: nine digits, so the
    /// number fits any integer column and a long digit run (an order or
    /// parcel number someone bracketed) is not mistaken for one.
    public static let maximumTicketNumberDigits = 9

    /// Every link `mail` has to an existing ticket, strongest first: the reply
    /// tokens of its recipients on `supportDomain` (envelope recipients first,
    /// then `Delivered-To`, `To`, `Cc`), its parent message ids (`In-Reply-To`,
    /// then `References` newest first), then the ticket number in its subject.
    /// Empty means the message starts a new ticket.
    ///
    /// Only addresses on the help desk's own domain count, since another
    /// help desk's reply address in `Cc` uses the same convention.
    public static func candidates(
        for mail: InboundMail, supportDomain: String, envelopeRecipients: [String] = []
    ) -> [InboundThreadingHint] {
        var hints = replyTokens(in: mail, supportDomain: supportDomain, envelopeRecipients: envelopeRecipients)
            .map(InboundThreadingHint.token)
        hints += mail.parentMessageIDs.map(InboundThreadingHint.header)
        if let number = mail.subject.flatMap(ticketNumber(inSubject:)) {
            hints.append(.subject(number))
        }
        return hints
    }

    /// The distinct reply tokens among `mail`'s sub-addressed recipients on
    /// `supportDomain` (any case), in the order of `subaddressedRecipients`.
    public static func replyTokens(
        in mail: InboundMail, supportDomain: String, envelopeRecipients: [String] = []
    ) -> [String] {
        let domain = supportDomain.lowercased()
        var seen: Set<String> = []
        return mail.subaddressedRecipients(envelopeRecipients: envelopeRecipients).compactMap { recipient in
            guard recipient.domain == domain, recipient.detail.hasPrefix(tokenPrefix) else { return nil }
            let token = String(recipient.detail.dropFirst(tokenPrefix.count))
            return token.isEmpty || !seen.insert(token).inserted ? nil : token
        }
    }

    /// The number in the first `[#N]` of `subject` whose N is one to nine
    /// ASCII digits: `Re: Delivery address [#10042]` gives 10042. A bare
    /// `#10042` or `Ticket 10042` does not count, because order and invoice
    /// numbers are written that way too.
    public static func ticketNumber(inSubject subject: String) -> Int? {
        let bytes = Array(subject.utf8)
        var index = 0
        while index + 3 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "#") else { continue }
            var end = index + 2
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            let digits = end - (index + 2)
            guard digits >= 1, digits <= maximumTicketNumberDigits, end < bytes.count, bytes[end] == UInt8(ascii: "]")
            else { continue }
            return bytes[(index + 2)..<end].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return nil
    }
}
