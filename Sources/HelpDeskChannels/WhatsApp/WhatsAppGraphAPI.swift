import AsyncHTTPClient
import Foundation
import HelpDeskAI
import HelpDeskCore
import NIOCore

/// Calls WhatsApp's Cloud API (`POST {apiBaseURL}/{phoneNumberId}/messages`
/// with the access token as a Bearer header, JSON in and out) for one
/// channel's settings, within a timeout.
///
/// The base URL is a member's setting, so it is held against the outbound
/// policy before each call (its host resolved); redirects are not followed, so
/// the token never goes anywhere else. No error or log line holds the token.
public struct WhatsAppGraphAPI: Sendable {
    let httpClient: HTTPClient
    let outbound: OutboundPolicy

    public init(httpClient: HTTPClient = ProviderHTTP.client, outbound: OutboundPolicy = OutboundPolicy()) {
        self.httpClient = httpClient
        self.outbound = outbound
    }

    /// What one call came to.
    public enum Answer: Sendable, Equatable {
        /// A 2xx answer: its JSON.
        case ok(Data)
        /// A non-2xx answer: the status, the Graph API's error `code` and
        /// words (`error_data.details` when given, else `message`), whether it
        /// calls the error transient, and a `Retry-After` header's seconds.
        case refused(status: Int, code: Int?, message: String, transient: Bool, retryAfter: Double?)
        /// No answer: the host is refused by the outbound policy, does not
        /// resolve, or the connection failed or timed out.
        case unreachable(String)
    }

    struct ErrorEnvelope: Decodable {
        var error: Body
        struct Body: Decodable {
            var message: String?
            var code: Int?
            var isTransient: Bool?
            var errorData: ErrorData?
            enum CodingKeys: String, CodingKey {
                case message, code
                case isTransient = "is_transient"
                case errorData = "error_data"
            }
        }
        struct ErrorData: Decodable {
            var details: String?
        }
    }

    /// Posts `body` to the number's messages endpoint.
    func postMessage(_ settings: WhatsAppSettings, _ body: some Encodable & Sendable, timeout: Duration) async
        -> Answer
    {
        if let problem = outbound.problem(withBaseURL: settings.apiBaseURL) {
            return .unreachable("the Graph API base URL \(problem)")
        }
        guard let host = URLComponents(string: settings.apiBaseURL)?.host else {
            return .unreachable("the Graph API base URL has no host")
        }
        if let refusal = await OutboundGuard.refusal(host: host, policy: outbound) {
            return .unreachable(refusal)
        }
        var request = HTTPClientRequest(url: settings.apiBaseURL + "/" + settings.phoneNumberID + "/messages")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer " + settings.accessToken)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } catch {
            return .unreachable("could not encode the message")
        }
        let response: ProviderHTTP.Response
        do {
            response = try await ProviderHTTP.send(request, client: httpClient, timeout: timeout)
        } catch is CancellationError {
            return .unreachable("cancelled")
        } catch {
            return .unreachable(ProviderHTTP.describe(error, service: "WhatsApp Cloud API", timeout: timeout))
        }
        let status = response.status
        let data = Data(response.body.readableBytesView)
        guard (200..<300).contains(status) else {
            let error = (try? JSONDecoder().decode(ErrorEnvelope.self, from: data))?.error
            let words = error?.errorData?.details ?? error?.message ?? "HTTP \(status)"
            return .refused(
                status: status, code: error?.code, message: words, transient: error?.isTransient ?? false,
                retryAfter: response.retryAfter)
        }
        return .ok(data)
    }
}

// MARK: - The calls the help desk makes

extension WhatsAppGraphAPI {
    /// A message to a customer: the envelope every kind shares (`messaging_product`,
    /// `recipient_type`, `to`, `type`), and the content under the key its type names
    /// (`"text": {…}`, `"template": {…}`).
    struct OutgoingMessage<Content: Encodable & Sendable>: Encodable, Sendable {
        var to: String
        var type: String
        var content: Content

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.init(stringValue) }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("whatsapp", forKey: Key("messaging_product"))
            try container.encode("individual", forKey: Key("recipient_type"))
            try container.encode(to, forKey: Key("to"))
            try container.encode(type, forKey: Key("type"))
            try container.encode(content, forKey: Key(type))
        }
    }

    struct Text: Encodable, Sendable {
        var body: String
        var previewURL = false
        enum CodingKeys: String, CodingKey {
            case body
            case previewURL = "preview_url"
        }
    }

    struct Template: Encodable, Sendable {
        var name: String
        var language: Language
        var components: [Component]
        struct Language: Encodable, Sendable {
            var code: String
            var policy = "deterministic"
        }
        struct Component: Encodable, Sendable {
            var type: String
            var parameters: [Parameter]
        }
        struct Parameter: Encodable, Sendable {
            var type: String
            var text: String
        }
    }

    struct ReadReceipt: Encodable, Sendable {
        var messagingProduct = "whatsapp"
        var status = "read"
        var messageID: String
        var typingIndicator: [String: String]? = ["type": "text"]
        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product"
            case status
            case messageID = "message_id"
            case typingIndicator = "typing_indicator"
        }
    }

    struct Sent: Decodable {
        var messages: [Message]
        struct Message: Decodable {
            var id: String
        }
    }

    /// Sends plain text without link previews.
    public func sendText(_ settings: WhatsAppSettings, to waID: String, text: String) async -> Answer {
        await postMessage(
            settings, OutgoingMessage(to: waID, type: "text", content: Text(body: text)), timeout: .seconds(15))
    }

    /// Sends an approved message template with its body's text parameters (the only message
    /// WhatsApp delivers once the customer's last message is 24 hours old).
    public func sendTemplate(
        _ settings: WhatsAppSettings, to waID: String, name: String, language: String, bodyParameters: [String]
    ) async -> Answer {
        let template = Template(
            name: name, language: .init(code: language),
            components: bodyParameters.isEmpty
                ? [] : [.init(type: "body", parameters: bodyParameters.map { .init(type: "text", text: $0) })])
        let message = OutgoingMessage(to: waID, type: "template", content: template)
        return await postMessage(settings, message, timeout: .seconds(15))
    }

    /// Marks the customer's message read and shows "typing…" (WhatsApp shows it
    /// for up to 25 seconds, or until the answer arrives).
    public func markReadTyping(_ settings: WhatsAppSettings, messageID: String) async -> Answer {
        await postMessage(settings, ReadReceipt(messageID: messageID), timeout: .seconds(5))
    }

    /// The id WhatsApp gave a sent message.
    public static func sentMessageID(_ data: Data) -> String? {
        (try? JSONDecoder().decode(Sent.self, from: data))?.messages.first?.id
    }
}
