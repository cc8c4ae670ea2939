import AsyncHTTPClient
import Foundation
import HelpDeskAI
import HelpDeskCore
import NIOCore

/// Calls the Telegram Bot API (`{apiBaseURL}/bot<token>/<method>`, JSON in and
/// out) for one channel's settings, within a timeout.
///
/// The token is in every URL path, so no URL ever leaves this type: not in a
/// log line, not in an error. The base URL is a member's setting, so it is held
/// against the outbound policy before each call (its host resolved), and
/// redirects are not followed.
public struct TelegramBotAPI: Sendable {
    /// The process's client for provider APIs: it never follows a redirect.
    public static var client: HTTPClient { ProviderHTTP.client }

    let httpClient: HTTPClient
    let outbound: OutboundPolicy

    public init(httpClient: HTTPClient = TelegramBotAPI.client, outbound: OutboundPolicy = OutboundPolicy()) {
        self.httpClient = httpClient
        self.outbound = outbound
    }

    /// What one call came to.
    public enum Answer: Sendable, Equatable {
        /// `{"ok": true, "result": …}`: the result's JSON.
        case ok(Data)
        /// An error envelope or a non-2xx status: the status, Telegram's
        /// `description` (or the status line), and `parameters.retry_after`.
        case refused(status: Int, description: String, retryAfter: Double?)
        /// No answer: the host is refused by the outbound policy, does not
        /// resolve, or the connection failed or timed out.
        case unreachable(String)
    }

    struct Envelope: Decodable {
        var ok: Bool
        var description: String?
        var parameters: Parameters?
        struct Parameters: Decodable {
            var retryAfter: Double?
            enum CodingKeys: String, CodingKey { case retryAfter = "retry_after" }
        }
    }

    struct ResultEnvelope<Result: Decodable>: Decodable {
        var result: Result
    }

    /// Calls `method` with `parameters` as the JSON body.
    public func call(
        _ settings: TelegramSettings, _ method: String, _ parameters: some Encodable & Sendable, timeout: Duration
    ) async -> Answer {
        if let problem = outbound.problem(withBaseURL: settings.apiBaseURL) {
            return .unreachable("the Bot API base URL \(problem)")
        }
        guard let host = URLComponents(string: settings.apiBaseURL)?.host else {
            return .unreachable("the Bot API base URL has no host")
        }
        if let refusal = await OutboundGuard.refusal(host: host, policy: outbound) {
            return .unreachable(refusal)
        }
        var request = HTTPClientRequest(url: settings.apiBaseURL + "/bot" + settings.botToken + "/" + method)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(parameters)))
        } catch {
            return .unreachable("could not encode the \(method) request")
        }
        let status: Int
        let body: ByteBuffer
        do {
            (status, body) = try await send(request, timeout: timeout)
        } catch is CancellationError {
            return .unreachable("cancelled")
        } catch {
            return .unreachable(Self.describe(error, timeout: timeout))
        }
        let data = Data(body.readableBytesView)
        let envelope = try? JSONDecoder().decode(Envelope.self, from: data)
        guard (200..<300).contains(status), envelope?.ok == true else {
            return .refused(
                status: status, description: envelope?.description ?? "HTTP \(status)",
                retryAfter: envelope?.parameters?.retryAfter)
        }
        return .ok(data)
    }

    /// The `result` of a successful answer as `Result`.
    public static func result<Result: Decodable>(_ data: Data, as type: Result.Type) -> Result? {
        try? JSONDecoder().decode(ResultEnvelope<Result>.self, from: data).result
    }

    private func send(_ request: HTTPClientRequest, timeout: Duration) async throws -> (Int, ByteBuffer) {
        let response = try await ProviderHTTP.send(request, client: httpClient, timeout: timeout)
        return (response.status, response.body)
    }

    /// Words for a failed connection that hold no URL (the token is in it).
    static func describe(_ error: any Error, timeout: Duration) -> String {
        ProviderHTTP.describe(error, service: "Telegram Bot API", timeout: timeout)
    }
}

// MARK: - The methods the help desk calls

extension TelegramBotAPI {
    struct SendMessage: Encodable, Sendable {
        var chatID: Int64
        var text: String
        var linkPreviewOptions = ["is_disabled": true]
        var replyMarkup: InlineKeyboard?
        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case text
            case linkPreviewOptions = "link_preview_options"
            case replyMarkup = "reply_markup"
        }
    }

    /// `{"inline_keyboard": [[{"text", "callback_data"}]]}`: buttons under a message.
    public struct InlineKeyboard: Encodable, Sendable, Equatable {
        public struct Button: Encodable, Sendable, Equatable {
            public var text: String
            public var callbackData: String
            enum CodingKeys: String, CodingKey {
                case text
                case callbackData = "callback_data"
            }
            public init(text: String, callbackData: String) {
                self.text = text
                self.callbackData = callbackData
            }
        }
        public var inlineKeyboard: [[Button]]
        enum CodingKeys: String, CodingKey { case inlineKeyboard = "inline_keyboard" }
        public init(_ rows: [[Button]]) { inlineKeyboard = rows }
    }

    struct AnswerCallbackQuery: Encodable, Sendable {
        var callbackQueryID: String
        var text: String
        enum CodingKeys: String, CodingKey {
            case callbackQueryID = "callback_query_id"
            case text
        }
    }

    /// No `reply_markup`: Telegram removes the message's inline keyboard.
    struct EditMessageReplyMarkup: Encodable, Sendable {
        var chatID: Int64
        var messageID: Int64
        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case messageID = "message_id"
        }
    }

    struct SendChatAction: Encodable, Sendable {
        var chatID: Int64
        var action = "typing"
        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case action
        }
    }

    struct SetWebhook: Encodable, Sendable {
        var url: String
        var secretToken: String
        var allowedUpdates: [String]
        enum CodingKeys: String, CodingKey {
            case url
            case secretToken = "secret_token"
            case allowedUpdates = "allowed_updates"
        }
    }

    struct DeleteWebhook: Encodable, Sendable {
        var dropPendingUpdates = false
        enum CodingKeys: String, CodingKey { case dropPendingUpdates = "drop_pending_updates" }
    }

    struct GetUpdates: Encodable, Sendable {
        var offset: Int64?
        var timeout: Int
        var allowedUpdates: [String]
        enum CodingKeys: String, CodingKey {
            case offset, timeout
            case allowedUpdates = "allowed_updates"
        }
    }

    /// The kinds of update the help desk reads; Telegram keeps the rest to itself.
    static let allowedUpdates = ["message", "edited_message", "callback_query"]

    /// Sends plain text (no parse mode: an operator's `*` or `_` is not markup) without link
    /// previews, with inline buttons under it when `keyboard` is given.
    public func sendMessage(
        _ settings: TelegramSettings, chatID: Int64, text: String, keyboard: InlineKeyboard? = nil
    ) async -> Answer {
        await call(
            settings, "sendMessage", SendMessage(chatID: chatID, text: text, replyMarkup: keyboard),
            timeout: .seconds(15))
    }

    /// Stops a pressed button's spinner, showing `text` to the customer for a moment.
    public func answerCallbackQuery(_ settings: TelegramSettings, id: String, text: String) async -> Answer {
        await call(
            settings, "answerCallbackQuery", AnswerCallbackQuery(callbackQueryID: id, text: text), timeout: .seconds(5))
    }

    /// Takes the inline buttons off one of the bot's messages (the rating question once rated).
    public func removeKeyboard(_ settings: TelegramSettings, chatID: Int64, messageID: Int64) async -> Answer {
        await call(
            settings, "editMessageReplyMarkup", EditMessageReplyMarkup(chatID: chatID, messageID: messageID),
            timeout: .seconds(5))
    }

    public func sendTyping(_ settings: TelegramSettings, chatID: Int64) async -> Answer {
        await call(settings, "sendChatAction", SendChatAction(chatID: chatID), timeout: .seconds(5))
    }

    public func setWebhook(_ settings: TelegramSettings, url: String) async -> Answer {
        await call(
            settings, "setWebhook",
            SetWebhook(url: url, secretToken: settings.secretToken, allowedUpdates: Self.allowedUpdates),
            timeout: .seconds(15))
    }

    public func deleteWebhook(_ settings: TelegramSettings) async -> Answer {
        await call(settings, "deleteWebhook", DeleteWebhook(), timeout: .seconds(15))
    }

    /// Long polls: Telegram holds the request up to `timeout` seconds, so the
    /// HTTP timeout is longer than that.
    public func getUpdates(_ settings: TelegramSettings, offset: Int64?, timeout: Int) async -> Answer {
        await call(
            settings, "getUpdates", GetUpdates(offset: offset, timeout: timeout, allowedUpdates: Self.allowedUpdates),
            timeout: .seconds(Int64(timeout) + 10))
    }
}
