import Crypto
import Foundation
import HelpDeskCore
import HelpDeskStore

/// What a due `csat.*` outbox entry comes to: a message on the customer's chat, a mail, or
/// nothing any more.
public enum CSATDelivery: Sendable {
    /// A chat message: the question (with 1–5 buttons under it on Telegram, when
    /// `ratingButtonsFor` names the ticket) or a thank-you.
    case chat(text: String, ratingButtonsFor: Int?, channel: ChannelConnection, externalID: String)
    /// The question by email, with the five rating links.
    case email(OutboundEmail)
    /// The question on WhatsApp after the 24-hour window closed: the channel's approved
    /// rating template, with the ticket number as its one body parameter.
    case whatsAppTemplate(
        name: String, language: String, ticketNumber: Int, channel: ChannelConnection, externalID: String)
    /// No longer worth asking; the reason stays on the outbox entry.
    case skip(reason: String)
}

/// What became of a rating given on a chat (a Telegram button).
public enum ChatRatingOutcome: Sendable, Equatable {
    /// Kept; the thank-you is queued.
    case recorded(rating: Int)
    /// The ticket had its answer already: nothing kept.
    case alreadyRated
    /// The ticket takes no rating now (reopened, too old, the team stopped asking).
    case refused(String)
    /// Not a ticket of this chat, or a redelivered update: nothing done.
    case ignored
}

extension HelpDesk {
    struct CSATPayload: Decodable {
        var ticketNumber: Int?
        var conversationId: String?
        var to: String?
        var body: String?
    }

    /// Reads a due `csat.*` entry: a thank-you is always sent; an ask only while
    /// `CSAT.askStillDue` says so (else `.skip`). 404 when the conversation or its channel is
    /// gone; 422 when an email ask has no mail server, or no public URL for its links.
    public func csatDelivery(_ entry: OutboxEntry, publicURL: String?) async throws -> CSATDelivery {
        guard let payload = try? JSONDecoder().decode(CSATPayload.self, from: Data(entry.payload.utf8)),
            let number = payload.ticketNumber, let address = payload.to
        else { throw HelpDeskError.unprocessable("the rating request names no ticket or recipient") }
        guard let ticket = try await store.ticket(teamID: entry.teamID, number: number) else {
            throw HelpDeskError.notFound("ticket \(number) is gone")
        }
        if payload.body == nil {
            let settings = try await store.settings(teamID: entry.teamID).csat
            let rated = try await store.ratedTickets(teamID: entry.teamID, numbers: [number]).contains(number)
            if let reason = CSAT.askStillDue(
                ticket, rated: rated, settings: settings, queuedAt: entry.createdAt, now: clock())
            {
                return .skip(reason: "not asked: " + reason)
            }
            if entry.kind == .csatEmail {
                return .email(try await csatEmail(ticket: ticket, to: address, question: settings.question, publicURL))
            }
            let (channel, conversation) = try await csatChannelAndConversation(ticket)
            // WhatsApp takes only an approved template once the customer's last message is 24 hours old.
            if entry.kind == .csatWhatsApp, let whatsapp = channel.configuration.whatsapp,
                !CustomerServiceWindow.isOpen(lastCustomerMessage: conversation.lastCustomerMessageAt, now: clock())
            {
                guard !whatsapp.ratingTemplate.isEmpty else {
                    return .skip(
                        reason:
                            "not asked: the WhatsApp 24-hour customer-service window had closed and the channel names no rating template"
                    )
                }
                return .whatsAppTemplate(
                    name: whatsapp.ratingTemplate, language: whatsapp.ratingTemplateLanguage, ticketNumber: number,
                    channel: channel, externalID: address)
            }
            let question =
                entry.kind == .csatWhatsApp ? settings.question + "\n" + CSAT.replyInstruction : settings.question
            return .chat(
                text: question, ratingButtonsFor: entry.kind == .csatTelegram ? number : nil, channel: channel,
                externalID: address)
        }
        return .chat(
            text: payload.body ?? CSAT.thanks, ratingButtonsFor: nil, channel: try await csatChannel(ticket),
            externalID: address)
    }

    private func csatChannel(_ ticket: Ticket) async throws -> ChannelConnection {
        try await csatChannelAndConversation(ticket).0
    }

    private func csatChannelAndConversation(_ ticket: Ticket) async throws -> (ChannelConnection, Conversation) {
        guard let conversation = try await store.conversation(id: ticket.conversationID, teamID: ticket.teamID),
            let channelID = conversation.channelID, let channel = try await store.channel(id: channelID)
        else { throw HelpDeskError.notFound("this conversation's channel was removed") }
        return (channel, conversation)
    }

    /// The question by email: five links, each a signed `GET /csat/{token}?rating=N`.
    private func csatEmail(ticket: Ticket, to address: String, question: String, _ publicURL: String?) async throws
        -> OutboundEmail
    {
        let setup = try await mailSetup(teamID: ticket.teamID)
        guard var root = publicURL?.trimmingWhitespace(), !root.isEmpty else {
            throw HelpDeskError.unprocessable(
                "the server has no public URL (--public-url), so a rating email would have no links to follow")
        }
        while root.hasSuffix("/") { root.removeLast() }
        let token = try await csatLinkToken(teamID: ticket.teamID, number: ticket.number, now: clock())
        let words = [1: "bad", 2: "poor", 3: "okay", 4: "good", 5: "great"]
        let links = CSAT.ratings.map { "\($0) (\(words[$0] ?? "")): \(root)/csat/\(token)?rating=\($0)" }
        let text = """
            \(question)

            Ticket \(ticket.number): \(ticket.subject)

            Choose a rating:
            \(links.joined(separator: "\n"))

            The links work for two weeks.
            """
        let local = setup.address.split(separator: "@").first.map(String.init) ?? "support"
        return OutboundEmail(
            server: setup.smtp, fromAddress: setup.address, fromName: nil, to: [address],
            toName: ticket.requester.name,
            replyTo: local + "+" + (try await replyToken(teamID: ticket.teamID, number: ticket.number)) + "@"
                + setup.domain,
            subject: "How did we do? [#\(ticket.number)]", text: text, messageID: nil, inReplyTo: nil,
            references: [], automatic: true)
    }
}

// MARK: - Answers on a chat

extension HelpDesk {
    /// A rating given with a Telegram button: only for a ticket of this chat's conversation
    /// (else `.ignored`), once per provider event, checked as the widget's are; a thank-you is
    /// queued with it.
    public func rateFromChat(
        channel: ChannelConnection, externalID: String, number: Int, rating: Int, eventID: String
    ) async throws -> ChatRatingOutcome {
        guard CSAT.ratings.contains(rating),
            let conversation = try await store.conversation(channelID: channel.id, externalID: externalID),
            let ticket = try await store.tickets(conversationID: conversation.id, teamID: conversation.teamID)
                .first(where: { $0.number == number })
        else { return .ignored }
        guard try await store.takeChannelEvent(channelID: channel.id, eventID: eventID, now: clock()) else {
            return .ignored
        }
        return try await record(rating, on: ticket, conversation: conversation, externalID: externalID)
    }

    /// A customer's text on a chat, taken as the answer to a pending rating question when it is
    /// one (`CSAT.rating(inReply:)`) and the chat's newest ticket is resolved, was asked and is
    /// not rated (`CSAT.isPending`). True when taken (kept, or a redelivery of one kept): the
    /// text is then no message, reopens nothing and goes to no AI. False: an ordinary message.
    public func takeRatingReply(channel: ChannelConnection, externalID: String, text: String, eventID: String)
        async throws -> Bool
    {
        guard let rating = CSAT.rating(inReply: text),
            let conversation = try await store.conversation(channelID: channel.id, externalID: externalID)
        else { return false }
        // The chat's newest ticket: with a newer one open, a "5" is about that one, not a rating.
        let tickets = try await store.tickets(conversationID: conversation.id, teamID: conversation.teamID)
        guard let ticket = tickets.max(by: { $0.number < $1.number }) else { return false }
        let settings = try await store.settings(teamID: conversation.teamID).csat
        let rated = try await store.ratedTickets(teamID: conversation.teamID, numbers: [ticket.number])
        let asked = try await store.csatAsked(teamID: conversation.teamID, number: ticket.number)
        guard CSAT.isPending(ticket, asked: asked, rated: !rated.isEmpty, settings: settings, now: clock()) else {
            return false
        }
        guard try await store.takeChannelEvent(channelID: channel.id, eventID: eventID, now: clock()) else {
            return true
        }
        _ = try await record(rating, on: ticket, conversation: conversation, externalID: externalID)
        return true
    }

    private func record(_ rating: Int, on ticket: Ticket, conversation: Conversation, externalID: String)
        async throws -> ChatRatingOutcome
    {
        let settings = try await store.settings(teamID: conversation.teamID).csat
        do {
            try CSAT.checkRateable(ticket, settings: settings, now: clock())
        } catch {
            return .refused(error.description)
        }
        let thanks = CSAT.askKind(on: conversation.channel).map {
            OutboxMessage(
                kind: $0, ticketNumber: ticket.number, conversationID: conversation.id, address: externalID,
                body: CSAT.thanks)
        }
        do {
            try await store.rateTicket(
                teamID: conversation.teamID, number: ticket.number, rating: rating, comment: nil,
                channel: conversation.channel, thanks: thanks, now: clock())
        } catch HelpDeskError.conflict(_) {
            return .alreadyRated
        }
        return .recorded(rating: rating)
    }
}

// MARK: - Rating links in email

/// The ticket a rating link is for, and where it stands.
public struct CSATLinkTicket: Sendable {
    public var number: Int
    public var subject: String
    public var question: String
    public var rated: Bool
}

extension HelpDesk {
    /// How long a rating link works: the answer window.
    static let csatLinkLifetime: Int64 = 14 * 86_400

    private func csatLinkKey() async throws -> SymmetricKey {
        SymmetricKey(data: try await store.secret(named: "csat-link-key"))
    }

    /// A rating link's token: `payload.signature`, both base64url, the payload
    /// `csat1|team|number|expires` and the signature its HMAC-SHA256 under a key of its own in the
    /// database (as visitor tokens are signed), so every instance accepts every other's links.
    public func csatLinkToken(teamID: String, number: Int, now: Timestamp) async throws -> String {
        let expires = now.microseconds / 1_000_000 + Self.csatLinkLifetime
        let payload = Data("csat1|\(teamID)|\(number)|\(expires)".utf8)
        let signature = HMAC<SHA256>.authenticationCode(for: payload, using: try await csatLinkKey())
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(signature))
    }

    /// The team and ticket a rating link names: 403 when the token is not one of ours
    /// (malformed, tampered) or has expired.
    func csatLinkTarget(_ token: String) async throws -> (teamID: String, number: Int) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 400, parts.count == 2, let payload = Base64URL.decode(String(parts[0])),
            let signature = Base64URL.decode(String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: try await csatLinkKey())
        else { throw HelpDeskError.forbidden("this rating link is not valid; use the link from the email as it came") }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|").map(String.init)
        guard fields.count == 4, fields[0] == "csat1", let number = Int(fields[2]), let expires = Int64(fields[3])
        else {
            throw HelpDeskError.forbidden("this rating link is not valid; use the link from the email as it came")
        }
        guard clock().microseconds / 1_000_000 <= expires else {
            throw HelpDeskError.forbidden("this rating link has expired: ratings are taken for two weeks")
        }
        return (fields[1], number)
    }

    /// What a rating link's page shows: the ticket, the question, whether it is rated already.
    public func csatLinkTicket(token: String) async throws -> CSATLinkTicket {
        let (teamID, number) = try await csatLinkTarget(token)
        guard let ticket = try await store.ticket(teamID: teamID, number: number) else {
            throw HelpDeskError.notFound("this ticket no longer exists")
        }
        let settings = try await store.settings(teamID: teamID).csat
        let rated = try await store.ratedTickets(teamID: teamID, numbers: [number]).contains(number)
        return CSATLinkTicket(number: number, subject: ticket.subject, question: settings.question, rated: rated)
    }

    /// A rating given through an email link: checked as the widget's are; the first answer wins
    /// (409 after).
    public func rateByLink(token: String, rating: Int, comment: String?) async throws {
        let (teamID, number) = try await csatLinkTarget(token)
        let (rating, comment) = try CSAT.validated(rating: rating, comment: comment)
        guard let ticket = try await store.ticket(teamID: teamID, number: number) else {
            throw HelpDeskError.notFound("this ticket no longer exists")
        }
        try CSAT.checkRateable(ticket, settings: try await store.settings(teamID: teamID).csat, now: clock())
        try await store.rateTicket(
            teamID: teamID, number: number, rating: rating, comment: comment, channel: .email, now: clock())
    }
}
