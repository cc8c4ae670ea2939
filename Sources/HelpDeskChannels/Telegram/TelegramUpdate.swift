// Wire types of the Telegram Bot API, the fields a help desk reads (channels.md
// §1.3). JSON names are exact; every field but the ids is optional, and unknown
// keys are ignored, since Telegram adds update and message kinds often.

/// One incoming update: an id and at most one kind of content.
public struct TelegramUpdate: Sendable, Equatable, Decodable {
    public var updateID: Int64
    public var message: TelegramMessage?
    public var editedMessage: TelegramMessage?
    /// A press of an inline button under one of the bot's messages (the rating keyboard).
    public var callbackQuery: TelegramCallbackQuery?

    enum CodingKeys: String, CodingKey {
        case updateID = "update_id"
        case message
        case editedMessage = "edited_message"
        case callbackQuery = "callback_query"
    }

    public init(
        updateID: Int64, message: TelegramMessage? = nil, editedMessage: TelegramMessage? = nil,
        callbackQuery: TelegramCallbackQuery? = nil
    ) {
        self.updateID = updateID
        self.message = message
        self.editedMessage = editedMessage
        self.callbackQuery = callbackQuery
    }
}

/// A press of an inline button: Telegram keeps a spinner on it until answerCallbackQuery.
public struct TelegramCallbackQuery: Sendable, Equatable, Decodable {
    public var id: String
    /// Who pressed it (always sent by Telegram; optional so a stray shape is ignored, not refused).
    public var from: TelegramUser?
    /// The bot's message the button was under (absent when too old).
    public var message: TelegramMessage?
    /// The button's `callback_data` (at most 64 bytes).
    public var data: String?

    public init(id: String, from: TelegramUser?, message: TelegramMessage?, data: String?) {
        self.id = id
        self.from = from
        self.message = message
        self.data = data
    }
}

public struct TelegramMessage: Sendable, Equatable, Decodable {
    public var messageID: Int64
    public var from: TelegramUser?
    public var chat: TelegramChat
    public var date: Int64?
    public var text: String?
    public var caption: String?
    public var photo: [TelegramPhotoSize]?
    public var document: TelegramFile?
    public var voice: TelegramFile?
    public var audio: TelegramFile?
    public var video: TelegramFile?
    public var videoNote: TelegramFile?
    public var animation: TelegramFile?
    public var sticker: TelegramSticker?
    public var location: TelegramLocation?
    public var contact: TelegramContact?

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case from, chat, date, text, caption, photo, document, voice, audio, video, animation, sticker, location,
            contact
        case videoNote = "video_note"
    }

    public init(messageID: Int64, from: TelegramUser?, chat: TelegramChat, text: String? = nil) {
        self.messageID = messageID
        self.from = from
        self.chat = chat
        self.text = text
    }
}

public struct TelegramUser: Sendable, Equatable, Decodable {
    public var id: Int64
    public var isBot: Bool?
    public var firstName: String?
    public var lastName: String?
    public var username: String?
    public var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case id
        case isBot = "is_bot"
        case firstName = "first_name"
        case lastName = "last_name"
        case username
        case languageCode = "language_code"
    }

    public init(id: Int64, firstName: String?, lastName: String? = nil, username: String? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
    }
}

public struct TelegramChat: Sendable, Equatable, Decodable {
    /// Can exceed 32 bits; negative for groups and channels.
    public var id: Int64
    /// `private`, `group`, `supergroup` or `channel`.
    public var type: String?

    public init(id: Int64, type: String?) {
        self.id = id
        self.type = type
    }
}

public struct TelegramPhotoSize: Sendable, Equatable, Decodable {
    public var fileID: String
    public var width: Int64?
    public var height: Int64?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case width, height
    }
}

/// A document, voice note, audio, video or animation: the fields they share.
public struct TelegramFile: Sendable, Equatable, Decodable {
    public var fileID: String
    public var fileName: String?
    public var mimeType: String?
    public var duration: Int64?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileName = "file_name"
        case mimeType = "mime_type"
        case duration
    }
}

public struct TelegramSticker: Sendable, Equatable, Decodable {
    public var fileID: String
    public var emoji: String?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case emoji
    }
}

public struct TelegramLocation: Sendable, Equatable, Decodable {
    public var latitude: Double
    public var longitude: Double
}

public struct TelegramContact: Sendable, Equatable, Decodable {
    public var phoneNumber: String?
    public var firstName: String?
    public var lastName: String?

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case firstName = "first_name"
        case lastName = "last_name"
    }
}
