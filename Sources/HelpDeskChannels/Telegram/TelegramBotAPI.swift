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
    /// The process's client for the Bot API: it never follows a redirect. It
    /// lives as long as the process, like `HTTPClient.shared`.
    public static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    /// Larger answers are not the Bot API's; they are refused rather than buffered.
    static let maxResponseBytes = 8 * 1024 * 1024

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

    /// One attempt, bounded by `timeout` from sending to the last byte of the answer.
    private func send(_ request: HTTPClientRequest, timeout: Duration) async throws -> (Int, ByteBuffer) {
        let client = httpClient
        return try await withThrowingTaskGroup(of: (Int, ByteBuffer).self) { group in
            group.addTask {
                let response = try await client.execute(request, deadline: .now() + Self.timeAmount(timeout))
                let body = try await response.body.collect(upTo: Self.maxResponseBytes)
                return (Int(response.status.code), body)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TimedOut()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TimedOut() }
            return first
        }
    }

    struct TimedOut: Error {}

    /// Words for a failed connection that hold no URL (the token is in it).
    static func describe(_ error: any Error, timeout: Duration) -> String {
        if error is TimedOut { return "no answer from the Telegram Bot API within \(timeout)" }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return "no answer from the Telegram Bot API within \(timeout)"
            case .remoteConnectionClosed: return "the Telegram Bot API closed the connection"
            default: return "could not reach the Telegram Bot API"
            }
        }
        return "could not reach the Telegram Bot API (\(type(of: error)))"
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

// MARK: - The methods the help desk calls

extension TelegramBotAPI {
    struct SendMessage: Encodable, Sendable {
        var chatID: Int64
        var text: String
        var linkPreviewOptions = ["is_disabled": true]
        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case text
            case linkPreviewOptions = "link_preview_options"
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
    static let allowedUpdates = ["message", "edited_message"]

    /// Sends plain text (no parse mode: an operator's `*` or `_` is not markup) without link previews.
    public func sendMessage(_ settings: TelegramSettings, chatID: Int64, text: String) async -> Answer {
        await call(settings, "sendMessage", SendMessage(chatID: chatID, text: text), timeout: .seconds(15))
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
