import HelpDeskCore

/// What the help desk takes from a Telegram update: a message in a private
/// chat with the bot, as text. Media become a readable placeholder with the
/// Telegram file reference (the file stays on Telegram's side: `getFile` with
/// that id fetches it), and an edit becomes a new message saying it is one.
public struct TelegramInbound: Sendable, Equatable {
    public var updateID: Int64
    /// The customer's address: where replies go.
    public var chatID: Int64
    public var contact: Requester
    public var body: String
    /// `/start`, which Telegram sends when someone opens the bot: greeted, not answered by the brain.
    public var isStart: Bool
    /// An edit of an earlier message: recorded, but no new answer is owed.
    public var isEdit: Bool

    /// nil for what a help desk does not take: other kinds of update (button
    /// presses, membership changes), group and channel chats, other bots.
    public init?(_ update: TelegramUpdate) {
        let isEdit = update.message == nil
        guard let message = update.message ?? update.editedMessage else { return nil }
        guard message.chat.type == nil || message.chat.type == "private", message.from?.isBot != true else {
            return nil
        }
        updateID = update.updateID
        chatID = message.chat.id
        contact = Self.contact(message.from, chatID: message.chat.id)
        let content = Self.body(of: message)
        isStart = !isEdit && Self.isStartCommand(message.text)
        self.isEdit = isEdit
        body = isEdit ? "[Edited] " + content : content
    }

    /// The sender as a requester: their name, and their @username as the handle.
    static func contact(_ user: TelegramUser?, chatID: Int64) -> Requester {
        let parts = [user?.firstName, user?.lastName].compactMap { $0?.trimmingWhitespace() }.filter { !$0.isEmpty }
        let username = user?.username.flatMap { $0.isEmpty ? nil : $0 }
        let name =
            !parts.isEmpty ? parts.joined(separator: " ") : username.map { "@" + $0 } ?? "Telegram user \(chatID)"
        return Requester(name: String(name.prefix(TextLimits.name)), handle: username.map { "@" + $0 })
    }

    /// `/start`, `/start <payload>` or `/start@TheBot`.
    static func isStartCommand(_ text: String?) -> Bool {
        guard let text, text.hasPrefix("/start") else { return false }
        let rest = text.dropFirst("/start".count)
        return rest.isEmpty || rest.first == " " || rest.first == "@"
    }

    /// The message as text: its text, or a placeholder naming the media and its file.
    static func body(of message: TelegramMessage) -> String {
        if let text = message.text, !text.isEmpty { return text }
        let caption = message.caption.flatMap { $0.isEmpty ? nil : " " + $0 } ?? ""
        func withFile(_ label: String, _ fileID: String) -> String {
            "[\(label)]\(caption)\nTelegram file: \(fileID)"
        }
        // The largest size of the picture (Telegram lists several).
        let area = { (size: TelegramPhotoSize) in Double(size.width ?? 0) * Double(size.height ?? 0) }
        if let photo = message.photo?.max(by: { area($0) < area($1) }) {
            return withFile("Photo", photo.fileID)
        }
        if let animation = message.animation { return withFile("GIF", animation.fileID) }
        if let document = message.document {
            return withFile(document.fileName.map { "Document: \($0)" } ?? "Document", document.fileID)
        }
        if let voice = message.voice {
            return withFile(voice.duration.map { "Voice message, \($0) s" } ?? "Voice message", voice.fileID)
        }
        if let audio = message.audio { return withFile(audio.fileName.map { "Audio: \($0)" } ?? "Audio", audio.fileID) }
        if let video = message.video { return withFile("Video", video.fileID) }
        if let note = message.videoNote { return withFile("Video message", note.fileID) }
        if let sticker = message.sticker {
            return withFile(sticker.emoji.map { "Sticker \($0)" } ?? "Sticker", sticker.fileID)
        }
        if let location = message.location { return "[Location: \(location.latitude), \(location.longitude)]" }
        if let contact = message.contact {
            let name = [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
            return "[Contact: \([name, contact.phoneNumber ?? ""].filter { !$0.isEmpty }.joined(separator: ", "))]"
        }
        return "[A kind of Telegram message this help desk does not show]\(caption)"
    }
}
