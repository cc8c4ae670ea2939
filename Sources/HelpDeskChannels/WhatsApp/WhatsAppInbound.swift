import HelpDeskCore

/// What the help desk takes from one WhatsApp message: who wrote (the
/// `wa_id`, the profile name), and the message as text. Media become a
/// readable placeholder with WhatsApp's media id (the file stays on Meta's
/// side for a while: `GET {base}/{media id}` gives a short-lived URL), and a
/// reaction is recorded without owing an answer.
public struct WhatsAppInbound: Sendable, Equatable {
    /// WhatsApp's id of the message (a wamid): a redelivery has the same one.
    public var messageID: String
    /// The customer's number, digits only: where replies go.
    public var waID: String
    public var contact: Requester
    public var body: String
    /// Whether the AI owes an answer (not for a reaction).
    public var awaitsAnswer: Bool

    public init(_ message: WhatsAppNotification.Message, contacts: [WhatsAppNotification.Contact]) {
        messageID = message.id
        waID = message.from
        let profile = contacts.first { $0.waID == message.from }?.profile?.name?.trimmingWhitespace()
        let name = profile.flatMap { $0.isEmpty ? nil : $0 } ?? "+" + message.from
        contact = Requester(name: String(name.prefix(TextLimits.name)), phone: "+" + message.from)
        body = Self.body(of: message)
        awaitsAnswer = message.reaction == nil
    }

    /// The message as text: its text, or a placeholder naming what came.
    static func body(of message: WhatsAppNotification.Message) -> String {
        if let text = message.text?.body, !text.isEmpty { return text }
        func withMedia(_ label: String, _ media: WhatsAppNotification.Message.Media) -> String {
            let caption = media.caption.flatMap { $0.isEmpty ? nil : " " + $0 } ?? ""
            return "[\(label)]\(caption)" + (media.id.map { "\nWhatsApp media: \($0)" } ?? "")
        }
        if let image = message.image { return withMedia("Photo", image) }
        if let video = message.video { return withMedia("Video", video) }
        if let audio = message.audio { return withMedia(audio.voice == true ? "Voice message" : "Audio", audio) }
        if let sticker = message.sticker { return withMedia("Sticker", sticker) }
        if let document = message.document {
            return withMedia(document.filename.map { "Document: \($0)" } ?? "Document", document)
        }
        if let location = message.location {
            let place = [location.name, location.address].compactMap { $0 }.filter { !$0.isEmpty }
            let point = [location.latitude, location.longitude].compactMap { $0 }.map { "\($0)" }
            return "[Location: \((place + point).joined(separator: ", "))]"
        }
        if let cards = message.contacts, !cards.isEmpty {
            let described = cards.map { card in
                ([card.name?.formattedName] + (card.phones ?? []).map(\.phone)).compactMap { $0 }.joined(
                    separator: ", ")
            }
            return "[Contact: \(described.joined(separator: "; "))]"
        }
        if let reply = message.interactive?.buttonReply?.title ?? message.interactive?.listReply?.title {
            return reply
        }
        if let text = message.button?.text { return text }
        if let reaction = message.reaction {
            return reaction.emoji.flatMap { $0.isEmpty ? nil : "[Reacted \($0) to a message]" }
                ?? "[Removed a reaction]"
        }
        return "[A kind of WhatsApp message this help desk does not show]"
    }
}

/// A receipt read from a status: the delivery state it reports and, for a failure, why.
public struct WhatsAppReceipt: Sendable, Equatable {
    public var messageID: String
    public var state: DeliveryState
    public var error: String?

    /// nil for a status the help desk does not track (`played`, an unknown word).
    public init?(_ status: WhatsAppNotification.Status) {
        messageID = status.id
        switch status.status {
        case "sent": state = .sent
        case "delivered": state = .delivered
        case "read": state = .read
        case "failed":
            state = .failed
            error = Self.reason(status.errors?.first)
        default: return nil
        }
    }

    /// A failure's reason in an operator's words; the window's failure says what to do.
    static func reason(_ error: WhatsAppNotification.Status.StatusError?) -> String {
        guard let error else { return "WhatsApp could not deliver the message" }
        if error.code == CustomerServiceWindow.closedErrorCode {
            return
                "WhatsApp refused it: the 24-hour customer-service window had closed (131047); reply by email, or wait for the customer to write"
        }
        let words = error.errorData?.details ?? error.message ?? error.title ?? "no reason given"
        return "WhatsApp could not deliver the message" + (error.code.map { " (\($0))" } ?? "") + ": " + words
    }
}
