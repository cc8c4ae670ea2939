import HelpDeskCore
import HelpDeskService
import HelpDeskStore

/// Sends queued Telegram messages (operators' replies, the AI's answers,
/// notices) with sendMessage, a long one in several parts.
///
/// What Telegram says decides what the outbox does: 429 waits exactly its
/// `retry_after`; a 5xx, a timeout or no connection is tried again later; a
/// 400, 401, 403 or 404 (chat not found, bot blocked by the user, token
/// revoked) will fail the same way again, so it fails now with Telegram's words.
/// A retry of a long message sends only the parts that did not go out (`PartedDelivery`).
public final class TelegramDeliverer: OutboxDeliverer {
    public let kinds: Set<OutboxKind> = [.replyTelegram, .csatTelegram]
    let helpDesk: HelpDesk
    let api: TelegramBotAPI
    let parts = PartedDelivery()

    public init(helpDesk: HelpDesk, api: TelegramBotAPI) {
        self.helpDesk = helpDesk
        self.api = api
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryOutcome {
        if entry.kind == .csatTelegram { return await deliverRating(entry) }
        let message: OutboundChatMessage
        switch await Undeliverable.reading({ try await helpDesk.chatDelivery(entry) }) {
        case .success(let read): message = read
        case .failure(let stop): return stop.outcome
        }
        guard let settings = message.channel.configuration.telegram else {
            return .permanent(reason: "the conversation's channel is not a Telegram channel")
        }
        guard let chatID = Int64(message.externalID) else {
            return .permanent(reason: "the conversation has no Telegram chat id")
        }
        if message.body.trimmingWhitespace().isEmpty { return .delivered(providerID: nil) }
        return await parts.deliver(entryID: entry.id, parts: TelegramText.split(message.body)) { part in
            let answer = await api.sendMessage(settings, chatID: chatID, text: part)
            if let outcome = Self.failure(answer) { return .stop(outcome) }
            guard case .ok(let data) = answer, let sent = TelegramBotAPI.result(data, as: SentMessage.self) else {
                return .sent(providerID: nil)
            }
            return .sent(providerID: String(sent.messageID))
        }
    }

    /// The rating question with its 1–5 keyboard, or a thank-you; an ask no longer due is
    /// not sent (the entry fails with the reason, so it is never tried again).
    func deliverRating(_ entry: OutboxEntry) async -> DeliveryOutcome {
        switch await Undeliverable.reading({ try await helpDesk.csatDelivery(entry, publicURL: nil) }) {
        case .failure(let stop):
            return stop.outcome
        case .success(.skip(let reason)):
            return .permanent(reason: reason)
        case .success(.email), .success(.whatsAppTemplate):
            return .permanent(reason: "a Telegram rating request cannot go by email or as a WhatsApp template")
        case .success(.chat(let text, let ticketNumber, let channel, let externalID)):
            guard let settings = channel.configuration.telegram, let chatID = Int64(externalID) else {
                return .permanent(reason: "the conversation has no Telegram chat")
            }
            let answer = await api.sendMessage(
                settings, chatID: chatID, text: text, keyboard: ticketNumber.map(TelegramRating.keyboard(ticketNumber:))
            )
            return Self.failure(answer) ?? .delivered(providerID: nil)
        }
    }

    struct SentMessage: Decodable {
        var messageID: Int64
        enum CodingKeys: String, CodingKey { case messageID = "message_id" }
    }

    /// What a failed call means for the outbox; nil when it succeeded.
    static func failure(_ answer: TelegramBotAPI.Answer) -> DeliveryOutcome? {
        switch answer {
        case .ok:
            return nil
        case .refused(429, let description, let retryAfter):
            return .retryable(reason: "Telegram: \(description)", retryAfter: retryAfter)
        case .refused(let status, let description, _) where status >= 500 || status == 408:
            return .retryable(reason: "Telegram answered \(status): \(description)", retryAfter: nil)
        case .refused(let status, let description, _):
            return .permanent(reason: "Telegram refused the message (\(status)): \(description)")
        case .unreachable(let reason):
            return .retryable(reason: reason, retryAfter: nil)
        }
    }
}
