import Crypto
import Foundation
import HelpDeskCore
import HelpDeskStore

/// Email channels: the inbound secret a mail provider's route proves itself
/// with (shown once, kept only as a hash), and the team's outgoing mail server.
extension HelpDesk {
    /// A fresh inbound secret and the hash the channel keeps of it.
    public static func newInboundSecret() -> (secret: String, hash: String) {
        let secret = "in_" + Tokens.random(bytes: 32)
        return (secret, inboundSecretHash(secret))
    }

    /// The lowercase hex SHA-256 of a secret.
    public static func inboundSecretHash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }

    /// The email channel an inbound delivery is for, once its bearer secret proved it: 404 for no
    /// such email channel, 401 when the secret is missing or wrong (compared as hashes, in constant time).
    public func inboundEmailChannel(id: String, bearer: String?) async throws -> ChannelConnection {
        let channel = try await chatChannel(id: id, kind: .email)
        guard let settings = channel.configuration.email, let bearer,
            Tokens.constantTimeEquals(Self.inboundSecretHash(bearer), settings.inboundSecretHash)
        else {
            throw HelpDeskError.unauthorized(
                "send the channel's inbound secret as Authorization: Bearer <inboundSecret>")
        }
        return channel
    }

    /// The team's email channel: its SMTP server sends replies and notifications; nil when the team has none.
    public func emailChannel(teamID: String) async throws -> ChannelConnection? {
        try await store.channels(teamID: teamID).first { $0.kind == .email }
    }
}

// MARK: - Threading tokens

extension HelpDesk {
    /// The key that signs reply addresses and Message-IDs (one per database, so every instance agrees).
    func threadingKey() async throws -> SymmetricKey {
        SymmetricKey(data: try await store.secret(named: "email-threading"))
    }

    /// Ten hex digits of the HMAC of `text`: enough that a token cannot be guessed.
    func threadingMAC(_ text: String) async throws -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: try await threadingKey())
        return Hex.encode(mac.prefix(5))
    }

    /// The detail of a ticket's reply address: `support+<token>@domain` reaches the ticket.
    public func replyToken(teamID: String, number: Int) async throws -> String {
        "t-\(number)-" + (try await threadingMAC("\(teamID):ticket:\(number)"))
    }

    /// The ticket a reply-address token names, when it is this team's and untampered.
    public func ticketNumber(replyToken token: String, teamID: String) async throws -> Int? {
        let parts = token.lowercased().split(separator: "-")
        guard parts.count == 3, parts[0] == "t", let number = Int(parts[1]), number > 0 else { return nil }
        let expected = try await replyToken(teamID: teamID, number: number)
        return Tokens.constantTimeEquals(token.lowercased(), expected) ? number : nil
    }

    /// The Message-ID (without `<>`) of the mail that delivers timeline entry `entryID`.
    public func outboundMessageID(teamID: String, entryID: Int64, domain: String) async throws -> String {
        "hd-\(entryID)-" + (try await threadingMAC("\(teamID):entry:\(entryID)")) + "@" + domain
    }

    /// The timeline entry a Message-ID of ours names, when it is this team's and untampered.
    public func entryID(outboundMessageID id: String, teamID: String) async throws -> Int64? {
        let local = id.lowercased().split(separator: "@").first ?? ""
        let parts = local.split(separator: "-")
        guard parts.count == 3, parts[0] == "hd", let entryID = Int64(parts[1]) else { return nil }
        let mac = try await threadingMAC("\(teamID):entry:\(entryID)")
        return Tokens.constantTimeEquals(String(parts[2]), mac) ? entryID : nil
    }
}

// MARK: - Inbound mail

/// An inbound mail, parsed, as the service takes it.
public struct InboundEmail: Sendable {
    public var messageID: String?
    /// The sender's address, and name when given.
    public var from: String
    public var fromName: String?
    public var subject: String
    /// The new text, quoted history cut off.
    public var text: String
    /// The whole text, when cutting the history removed something (kept as a file on the message).
    public var fullText: String?
    /// Reply-address tokens found on the channel's domain (`support+<token>@`).
    public var replyTokens: [String]
    /// In-Reply-To, then References newest first.
    public var parentMessageIDs: [String]
    /// Why the mail is automatic (an out-of-office reply, a list), if it is.
    public var automated: String?
    /// For a bounce: the Message-ID of the mail that bounced.
    public var bouncedMessageID: String?
    public var attachments: [Attachment]

    public struct Attachment: Sendable {
        public var name: String?
        public var contentType: String
        public var data: Data
        public init(name: String?, contentType: String, data: Data) {
            self.name = name
            self.contentType = contentType
            self.data = data
        }
    }

    public init(
        messageID: String?, from: String, fromName: String?, subject: String, text: String, fullText: String? = nil,
        replyTokens: [String] = [], parentMessageIDs: [String] = [], automated: String? = nil,
        bouncedMessageID: String? = nil, attachments: [Attachment] = []
    ) {
        self.messageID = messageID
        self.from = from
        self.fromName = fromName
        self.subject = subject
        self.text = text
        self.fullText = fullText
        self.replyTokens = replyTokens
        self.parentMessageIDs = parentMessageIDs
        self.automated = automated
        self.bouncedMessageID = bouncedMessageID
        self.attachments = attachments
    }
}

/// What became of an inbound mail.
public enum EmailIntake: Sendable, Equatable {
    /// Stored on the ticket, which it opened or continued.
    case stored(ticketNumber: Int, opened: Bool)
    /// Taken before (the same Message-ID): nothing stored.
    case duplicate
    /// A bounce: the delivery it reports was marked failed (or, with no match, it was dropped).
    case bounce(matched: Bool)
}

extension HelpDesk {
    /// At most this many files of one mail are kept.
    static let emailAttachmentLimit = 10

    /// Takes an inbound mail on an email channel: a bounce fails the delivery it
    /// reports; any other mail continues the ticket the threading rules find
    /// (from that ticket's requester only), else opens a ticket when the
    /// support inbox is on — directly, with no AI, routed by the team's
    /// assignment method. With the support inbox off, a mail that continues no
    /// ticket is refused (422), nothing stored.
    public func receiveEmail(_ mail: InboundEmail, on channel: ChannelConnection) async throws -> EmailIntake {
        let teamID = channel.teamID
        if let bounced = mail.bouncedMessageID {
            guard let entryID = try await entryID(outboundMessageID: bounced, teamID: teamID) else {
                return .bounce(matched: false)
            }
            let reason = "the mail bounced: " + (mail.text.isEmpty ? "no reason given" : String(mail.text.prefix(500)))
            return .bounce(
                matched: try await store.recordBounce(teamID: teamID, entryID: entryID, reason: reason, now: clock()))
        }
        var candidates: [EmailThreading.Candidate] = []
        func add(_ number: Int?, _ rule: EmailThreading.Rule) async throws {
            guard let number, let ticket = try await store.ticket(teamID: teamID, number: number),
                !candidates.contains(where: { $0.ticket.id == ticket.id })
            else { return }
            candidates.append(EmailThreading.Candidate(rule: rule, ticket: ticket))
        }
        for token in mail.replyTokens {
            try await add(try await ticketNumber(replyToken: token, teamID: teamID), .replyAddress)
        }
        for id in mail.parentMessageIDs.prefix(20) {
            if let entryID = try await entryID(outboundMessageID: id, teamID: teamID) {
                try await add(try await store.ticketNumber(teamID: teamID, entryID: entryID), .headers)
            } else {
                try await add(try await store.ticketNumber(teamID: teamID, messageID: id), .headers)
            }
        }
        try await add(EmailThreading.subjectTicketNumber(mail.subject), .subjectNumber)

        let files = acceptedFiles(mail)
        var body = mail.text.trimmingWhitespace()
        if !files.refused.isEmpty {
            body += (body.isEmpty ? "" : "\n\n") + files.refused.map { "[Not kept: \($0)]" }.joined(separator: "\n")
        }
        if body.isEmpty && files.kept.isEmpty { body = "[An email with no text]" }
        let sender = mail.from.trimmingWhitespace().lowercased()
        let decision = EmailThreading.decide(candidates, sender: sender)
        var record = InboundEmailRecord(
            channel: channel, messageID: mail.messageID, ticketNumber: nil, newTicket: nil,
            body: String(body.unicodeScalars.prefix(TextLimits.messageBody).map(Character.init)),
            attachments: files.kept)
        switch decision {
        case .thread(let ticket, let rule):
            record.ticketNumber = ticket.number
            record.threadedBy = rule.words + (mail.automated.map { "; an automatic reply (\($0))" } ?? "")
        case .open(let refused):
            let settings = try await store.settings(teamID: teamID)
            guard settings.supportInboxEnabled else {
                throw HelpDeskError.unprocessable(
                    "the support inbox is off and this mail continues no ticket of its sender; nothing was stored")
            }
            var detail = "opened by an email to \(channel.configuration.email?.address ?? "the support inbox")"
            if let refused {
                detail +=
                    "; not added to ticket #\(refused.ticket.number), whose requester is someone else"
            }
            if let automated = mail.automated { detail += "; an automatic mail (\(automated))" }
            let subject = mail.subject.trimmingWhitespace()
            let name = mail.fromName.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? sender
            record.newTicket = NewTicket(
                teamID: teamID,
                subject: String((subject.isEmpty ? "(no subject)" : subject).prefix(TextLimits.subject)),
                requester: Requester(name: String(name.prefix(TextLimits.name)), email: sender),
                priority: mail.automated == nil ? .normal : .low, channel: .email, detail: detail)
        }
        guard let result = try await store.recordInboundEmail(record, now: clock()) else { return .duplicate }
        return .stored(ticketNumber: result.ticket.number, opened: result.opened)
    }

    /// The mail's files the attachment policy accepts (at most ten), plus the full text when the
    /// quoted history was cut; and why each refused one was not kept.
    func acceptedFiles(_ mail: InboundEmail) -> (kept: [InboundEmailRecord.File], refused: [String]) {
        var kept: [InboundEmailRecord.File] = []
        var refused: [String] = []
        for file in mail.attachments {
            guard kept.count < Self.emailAttachmentLimit else {
                refused.append("\(file.name ?? "a file"): more than \(Self.emailAttachmentLimit) files")
                continue
            }
            do {
                let accepted = try AttachmentPolicy.accept(
                    name: file.name, declaredType: file.contentType, head: Array(file.data.prefix(64)),
                    size: file.data.count, maxBytes: maxAttachmentBytes)
                kept.append(.init(name: accepted.name, contentType: accepted.contentType, data: file.data))
            } catch {
                refused.append("\(file.name ?? "a file without a name"): \(error.description)")
            }
        }
        if let full = mail.fullText, full != mail.text, !full.isEmpty, kept.count < Self.emailAttachmentLimit {
            kept.append(.init(name: "full-message.txt", contentType: "text/plain", data: Data(full.utf8)))
        }
        return (kept, refused)
    }
}

// MARK: - Outbound mail

/// An email to send, as the email deliverer needs it.
public struct OutboundEmail: Sendable {
    public var server: SMTPServer
    /// The From address and name.
    public var fromAddress: String
    public var fromName: String?
    public var to: [String]
    public var toName: String?
    /// `support+<token>@domain`: replies reach the ticket whatever the mail client does with headers.
    public var replyTo: String?
    public var subject: String
    public var text: String
    /// Without `<>`.
    public var messageID: String?
    public var inReplyTo: String?
    public var references: [String]
    /// An automatic mail (an owners' notification): marked so that auto-responders stay quiet.
    public var automatic: Bool
}

extension HelpDesk {
    /// The team's mail server and support address, or a permanent error naming what to do.
    func mailSetup(teamID: String) async throws -> EmailSettings {
        guard let settings = try await emailChannel(teamID: teamID)?.configuration.email else {
            throw HelpDeskError.unprocessable(
                "the team has no email channel, so no mail server to send through; connect one on the Agents page, then retry"
            )
        }
        return settings
    }

    /// An operator's email reply ready to send: From the operator's name at their sending address
    /// (else the support address), the signature appended, Reply-To the ticket's reply address,
    /// threaded onto the customer's last mail, with a Message-ID of ours that a reply names.
    public func emailReplyDelivery(_ entry: OutboxEntry) async throws -> OutboundEmail {
        let setup = try await mailSetup(teamID: entry.teamID)
        guard let entryID = entry.entryID,
            let context = try await store.outboundEmail(teamID: entry.teamID, entryID: entryID)
        else { throw HelpDeskError.notFound("the reply to send is gone") }
        struct Payload: Decodable { var to: String? }
        let payload = try? JSONDecoder().decode(Payload.self, from: Data(entry.payload.utf8))
        guard let to = payload?.to ?? context.ticket.requester.email else {
            throw HelpDeskError.unprocessable("the requester has no email address")
        }
        let member = try await context.authorID.asyncFlatMap { try await store.member(id: $0, teamID: entry.teamID) }
        var text = context.body
        if let signature = member?.signature?.trimmingWhitespace(), !signature.isEmpty {
            text += "\n\n-- \n" + signature
        }
        let subject = context.ticket.subject
        let reply = subject.lowercased().hasPrefix("re:") ? subject : "Re: " + subject
        let local = setup.address.split(separator: "@").first.map(String.init) ?? "support"
        return OutboundEmail(
            server: setup.smtp, fromAddress: member?.sendingEmail ?? setup.address,
            fromName: member?.displayName ?? context.authorName, to: [to], toName: context.ticket.requester.name,
            replyTo: local + "+" + (try await replyToken(teamID: entry.teamID, number: context.ticket.number)) + "@"
                + setup.domain,
            subject: reply.contains("[#\(context.ticket.number)]") ? reply : reply + " [#\(context.ticket.number)]",
            text: text,
            messageID: try await outboundMessageID(teamID: entry.teamID, entryID: entryID, domain: setup.domain),
            inReplyTo: context.customerMessageIDs.first, references: Array(context.customerMessageIDs.reversed()),
            automatic: false)
    }

    /// The owners' notification ready to send: one mail per owner, each with a link to the ticket when
    /// the server knows its public URL.
    public func notificationDelivery(_ entry: OutboxEntry, publicURL: String?) async throws -> OutboundEmail {
        let setup = try await mailSetup(teamID: entry.teamID)
        struct Payload: Decodable {
            var to: [String]?
            var subject: String?
            var body: String?
            var ticketNumber: Int?
            var tickets: [OwnerDigest.Item]?
        }
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(entry.payload.utf8)),
            let to = payload.to, !to.isEmpty
        else { throw HelpDeskError.unprocessable("the notification names no recipient") }
        var text = payload.body ?? ""
        if let base = publicURL?.trimmingWhitespace(), !base.isEmpty {
            let numbers = payload.tickets?.map(\.number) ?? payload.ticketNumber.map { [$0] } ?? []
            let root = base.hasSuffix("/") ? String(base.dropLast()) : base
            if !numbers.isEmpty {
                text += "\n\n" + numbers.map { "Ticket \($0): \(root)/app/tickets/\($0)" }.joined(separator: "\n")
            }
        }
        return OutboundEmail(
            server: setup.smtp, fromAddress: setup.address, fromName: "HelpDesk", to: to, toName: nil, replyTo: nil,
            subject: payload.subject ?? "New tickets need a person", text: text, messageID: nil, inReplyTo: nil,
            references: [], automatic: true)
    }
}

// MARK: - The built-in listener's addresses

extension HelpDesk {
    /// The email channel an address reaches, and whether it is one of its reply addresses
    /// (`mailbox+detail@domain` under the support address); nil for none.
    public func emailChannel(receiving address: String) async throws -> (ChannelConnection, Bool)? {
        let lowered = address.trimmingWhitespace().lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0].split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        let bare = local[0] + "@" + parts[1]
        for channel in try await store.channels(kind: .email) {
            guard let support = channel.configuration.email?.address, support == bare else { continue }
            return (channel, local.count == 2)
        }
        return nil
    }

    /// Whether mail to the team's support address opens tickets.
    public func supportInboxEnabled(teamID: String) async throws -> Bool {
        try await store.settings(teamID: teamID).supportInboxEnabled
    }
}
