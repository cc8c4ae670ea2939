import HelpDeskCore
import HelpDeskService
import HelpDeskStore

/// Sends queued WhatsApp messages (operators' replies, the AI's answers,
/// notices) as text, a long one in several parts, and keeps WhatsApp's id of
/// each so its receipts (delivered, read, failed) reach the message.
///
/// What the Cloud API says decides what the outbox does: rate limits (HTTP
/// 429, codes 4, 80007, 130429, 131056) and transient errors (5xx, codes 1, 2,
/// 131000, 131016, 131057, 133004, `is_transient`) are tried again later,
/// honouring a `Retry-After`; a message outside the 24-hour window (131047)
/// and every other refusal (a bad token, an unknown number) would fail the same
/// way again, so it fails now with WhatsApp's words.
public final class WhatsAppDeliverer: OutboxDeliverer {
    public let kinds: Set<OutboxKind> = [.replyWhatsApp, .csatWhatsApp]
    /// WhatsApp takes at most 4,096 characters of text in one message.
    public static let textLimit = 4_096
    let helpDesk: HelpDesk
    let api: WhatsAppGraphAPI
    let parts = PartedDelivery()

    public init(helpDesk: HelpDesk, api: WhatsAppGraphAPI) {
        self.helpDesk = helpDesk
        self.api = api
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryOutcome {
        if entry.kind == .csatWhatsApp { return await deliverRating(entry) }
        let message: OutboundChatMessage
        switch await Undeliverable.reading({ try await helpDesk.chatDelivery(entry) }) {
        case .success(let read): message = read
        case .failure(let stop): return stop.outcome
        }
        guard let settings = message.channel.configuration.whatsapp else {
            return .permanent(reason: "the conversation's channel is not a WhatsApp channel")
        }
        if message.body.trimmingWhitespace().isEmpty { return .delivered(providerID: nil) }
        let split = TelegramText.split(message.body, limit: Self.textLimit)
        return await parts.deliver(entryID: entry.id, parts: split) { part in
            let answer = await api.sendText(settings, to: message.externalID, text: part)
            if let outcome = Self.failure(answer) { return .stop(outcome) }
            guard case .ok(let data) = answer else { return .sent(providerID: nil) }
            return .sent(providerID: WhatsAppGraphAPI.sentMessageID(data))
        }
    }

    /// The rating question (answered by replying with a number) or a thank-you; after the
    /// 24-hour window, the channel's rating template instead; an ask no longer due, or due after
    /// the window on a channel without a template, is not sent (the entry fails with the reason,
    /// so it is never tried again).
    func deliverRating(_ entry: OutboxEntry) async -> DeliveryOutcome {
        switch await Undeliverable.reading({ try await helpDesk.csatDelivery(entry, publicURL: nil) }) {
        case .failure(let stop):
            return stop.outcome
        case .success(.skip(let reason)):
            return .permanent(reason: reason)
        case .success(.email):
            return .permanent(reason: "a WhatsApp rating request cannot go by email")
        case .success(.chat(let text, _, let channel, let externalID)):
            guard let settings = channel.configuration.whatsapp else {
                return .permanent(reason: "the conversation's channel is not a WhatsApp channel")
            }
            return Self.failure(await api.sendText(settings, to: externalID, text: text)) ?? .delivered(providerID: nil)
        case .success(.whatsAppTemplate(let name, let language, let number, let channel, let externalID)):
            guard let settings = channel.configuration.whatsapp else {
                return .permanent(reason: "the conversation's channel is not a WhatsApp channel")
            }
            let answer = await api.sendTemplate(
                settings, to: externalID, name: name, language: language, bodyParameters: ["#\(number)"])
            return Self.failure(answer) ?? .delivered(providerID: nil)
        }
    }

    /// Rate limits: wait and try again.
    static let rateLimitCodes: Set<Int> = [4, 80007, 130429, 131056]
    /// Meta's own trouble: try again.
    static let transientCodes: Set<Int> = [1, 2, 131000, 131016, 131057, 133004]

    /// What a failed call means for the outbox; nil when it succeeded.
    static func failure(_ answer: WhatsAppGraphAPI.Answer) -> DeliveryOutcome? {
        switch answer {
        case .ok:
            return nil
        case .refused(_, CustomerServiceWindow.closedErrorCode, _, _, _):
            return .permanent(
                reason:
                    "WhatsApp refused it: the 24-hour customer-service window had closed (131047); reply by email, or wait for the customer to write"
            )
        case .refused(let status, let code, let message, _, let retryAfter)
        where status == 429 || code.map(rateLimitCodes.contains) == true:
            return .retryable(
                reason: "WhatsApp rate limit\(code.map { " (\($0))" } ?? ""): \(message)", retryAfter: retryAfter)
        case .refused(let status, let code, let message, let transient, let retryAfter)
        where transient || status >= 500 || status == 408 || code.map(transientCodes.contains) == true:
            return .retryable(
                reason: "WhatsApp answered \(status)\(code.map { " (\($0))" } ?? ""): \(message)",
                retryAfter: retryAfter)
        case .refused(let status, let code, let message, _, _):
            return .permanent(
                reason: "WhatsApp refused the message (\(status)\(code.map { ", \($0)" } ?? "")): \(message)")
        case .unreachable(let reason):
            return .retryable(reason: reason, retryAfter: nil)
        }
    }
}
