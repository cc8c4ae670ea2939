import Crypto
import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Logging
import Synchronization

/// WhatsApp channels on the Cloud API: the webhook's verification handshake,
/// notifications in (each proven by its signature), the AI's answers scheduled
/// off the request path with "typing…" meanwhile, and receipts moving the
/// delivery state of what was sent. Replies go out through the outbox
/// (`WhatsAppDeliverer`). Meta's webhook subscription is made in Meta's own
/// dashboard, so connecting a channel calls nothing.
public struct WhatsAppAdapter: Sendable {
    let helpDesk: HelpDesk
    let api: WhatsAppGraphAPI
    let answers: AnswerQueue
    let logger: Logger

    public init(
        helpDesk: HelpDesk, api: WhatsAppGraphAPI, answers: AnswerQueue,
        logger: Logger = Logger(label: "helpdesk.whatsapp")
    ) {
        self.helpDesk = helpDesk
        self.api = api
        self.answers = answers
        self.logger = logger
    }

    /// The header Meta signs every notification in: `sha256=<hex HMAC-SHA256 of the raw body, keyed by the app secret>`.
    public static let signatureHeader = "X-Hub-Signature-256"

    /// What a notification came to.
    public struct Intake: Sendable, Equatable {
        /// Messages stored (redeliveries are not counted: nothing is stored again).
        public var stored = 0
        /// Receipts that changed a message's delivery state.
        public var receipts = 0
        /// Replies taken as the answer to a rating question (not stored as messages).
        public var ratings = 0
    }

    // MARK: - The webhook

    /// The verification handshake: Meta sends `hub.mode=subscribe`, the channel's
    /// verify token and a challenge, and gets the challenge back. 404 for no
    /// such WhatsApp channel; 403 for a wrong mode or token, or no challenge.
    public func verify(channelID: String, mode: String?, verifyToken: String?, challenge: String?) async throws
        -> String
    {
        let channel = try await helpDesk.chatChannel(id: channelID, kind: .whatsapp)
        guard let settings = channel.configuration.whatsapp, mode == "subscribe", let verifyToken,
            Tokens.constantTimeEquals(verifyToken, settings.verifyToken), let challenge, !challenge.isEmpty,
            challenge.count <= 256
        else {
            throw HelpDeskError.forbidden("hub.mode must be subscribe and hub.verify_token the channel's verify token")
        }
        return challenge
    }

    /// The channel a notification is for, once its signature proved it: 404 for
    /// no such WhatsApp channel, 401 when `X-Hub-Signature-256` is missing or is
    /// not the HMAC of these exact bytes under the channel's app secret
    /// (compared in constant time), so nothing is stored.
    public func webhookChannel(id: String, signature: String?, body: some Sequence<UInt8>) async throws
        -> ChannelConnection
    {
        let channel = try await helpDesk.chatChannel(id: id, kind: .whatsapp)
        guard let settings = channel.configuration.whatsapp, let signature,
            Self.signatureMatches(signature, body: body, appSecret: settings.appSecret)
        else {
            throw HelpDeskError.unauthorized("the \(Self.signatureHeader) header is missing or wrong")
        }
        return channel
    }

    /// Whether `header` is `sha256=` and the hex HMAC-SHA256 of `body` keyed by `appSecret`.
    public static func signatureMatches(_ header: String, body: some Sequence<UInt8>, appSecret: String) -> Bool {
        let given = header.trimmingWhitespace()
        guard given.lowercased().hasPrefix("sha256=") else { return false }
        let expected = signature(body: body, appSecret: appSecret)
        return Tokens.constantTimeEquals(String(given.dropFirst("sha256=".count)).lowercased(), expected)
    }

    /// The lowercase hex HMAC-SHA256 of `body` under `appSecret` (what Meta sends after `sha256=`).
    public static func signature(body: some Sequence<UInt8>, appSecret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(body), using: SymmetricKey(data: Data(appSecret.utf8)))
        return Hex.encode(mac)
    }

    /// Stores a notification's messages once each and schedules the AI's
    /// answers (not awaited), and applies its receipts. Changes for another
    /// phone number (one Meta app may serve several) are left alone.
    public func take(_ notification: WhatsAppNotification, on channel: ChannelConnection) async throws -> Intake {
        guard let settings = channel.configuration.whatsapp else { return Intake() }
        var intake = Intake()
        for change in notification.entry.flatMap(\.changes) where change.field == nil || change.field == "messages" {
            guard let value = change.value,
                value.metadata?.phoneNumberID == nil || value.metadata?.phoneNumberID == settings.phoneNumberID
            else { continue }
            for message in value.messages {
                let inbound = WhatsAppInbound(message, contacts: value.contacts)
                // "5" after the rating question is the answer to it, not a message that reopens the ticket;
                // so is a quick-reply button of the rating template whose text is the number.
                if let text = message.text?.body ?? message.button?.text,
                    try await helpDesk.takeRatingReply(
                        channel: channel, externalID: inbound.waID, text: text, eventID: inbound.messageID)
                {
                    intake.ratings += 1
                    continue
                }
                let chat = InboundChatMessage(
                    channel: channel, eventID: inbound.messageID, externalID: inbound.waID, contact: inbound.contact,
                    body: inbound.body, awaitsAnswer: inbound.awaitsAnswer)
                guard let result = try await helpDesk.receiveChatMessage(chat) else { continue }
                intake.stored += 1
                if result.awaitingAnswer {
                    let api = api
                    let once = Once()
                    await answers.schedule(
                        ConversationRef(id: result.conversation.id, teamID: result.conversation.teamID),
                        clientAddress: "whatsapp:\(channel.id):\(inbound.waID)",
                        typing: {
                            // Once: WhatsApp shows "typing…" until the answer comes (25 s at most).
                            guard once.first() else { return }
                            _ = await api.markReadTyping(settings, messageID: inbound.messageID)
                        })
                }
            }
            for status in value.statuses {
                guard let receipt = WhatsAppReceipt(status) else { continue }
                if try await helpDesk.recordReceipt(
                    channel: channel, providerID: receipt.messageID, state: receipt.state, error: receipt.error)
                {
                    intake.receipts += 1
                }
            }
        }
        return intake
    }
}

/// True the first time it is asked, false after.
final class Once: Sendable {
    private let done = Mutex(false)

    func first() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}
