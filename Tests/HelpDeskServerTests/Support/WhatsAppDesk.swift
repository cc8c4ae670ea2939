import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A help desk whose WhatsApp channels talk to a fake Graph API on 127.0.0.1,
/// on a clock the test moves. The outbox worker runs only when a test calls
/// `worker.runOnce()`.
struct WhatsAppDesk: Sendable {
    let desk: TestHelpDesk
    let channels: ChatChannels
    let graph: FakeGraphAPI
    let clock: TestClock
    let logger: Logger

    static let phoneNumberID = "1122334455667"
    static let accessToken = "EAAG-access-token-never-shown"
    static let appSecret = "app-secret-never-shown-0123456789"
    static let verifyToken = "verify-token-never-shown"
    static let signatureHeader = HTTPField.Name(WhatsAppAdapter.signatureHeader)!
    /// Ana Silva's WhatsApp number.
    static let ana = "5511999990000"

    static func with<R: Sendable>(
        logger: Logger = Logger(label: "helpdesk"), _ body: @escaping @Sendable (WhatsAppDesk) async throws -> R
    ) async throws -> R {
        try await FakeGraphAPI.with { graph in
            let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
            let desk = try TestHelpDesk(configure: { $0.runsChannelWork = true }, clock: clock)
            let channels = ChatChannels(
                helpDesk: desk.helpDesk,
                configuration: ChatChannelsConfiguration(
                    outbound: desk.configuration.outbound, runsOutboxWorker: false, outboxIdle: .milliseconds(50),
                    typingGrace: .zero),
                logger: logger)
            return try await body(
                WhatsAppDesk(desk: desk, channels: channels, graph: graph, clock: clock, logger: logger))
        }
    }

    func test<R: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        let app = buildApplication(
            helpDesk: desk.helpDesk, configuration: desk.configuration, channels: channels, logger: logger)
        return try await app.test(.router) { client in try await body(client) }
    }

    /// The outbox worker with this process's deliverers, backing off 2 s, 4 s, … exactly (no jitter).
    var worker: OutboxWorker {
        OutboxWorker(
            store: desk.store, deliverers: channels.deliverers, policy: RetryPolicy(baseSeconds: 2, capSeconds: 60),
            clock: { clock.now() }, random: { 1 })
    }

    var config: [String: String] {
        [
            "phoneNumberId": Self.phoneNumberID, "accessToken": Self.accessToken, "appSecret": Self.appSecret,
            "verifyToken": Self.verifyToken, "apiBaseURL": graph.baseURL,
        ]
    }

    /// A pro team with an agent (FAQ, and a Support Handover unless `handover` is false) and a WhatsApp channel.
    func connect(_ client: any TestClientProtocol, handover: Bool = true) async throws -> (
        acme: TestTeam, agentID: String, channelID: String
    ) {
        try await TelegramDesk.connect(client, desk: desk, handover: handover, kind: "whatsapp", config: config)
    }

    /// Posts a notification to the channel's webhook, signed as Meta signs it (or with `signature`).
    @discardableResult
    func deliver(
        _ client: any TestClientProtocol, channelID: String, _ body: String, signature: String?? = .none
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        switch signature {
        case .none:
            headers[Self.signatureHeader] =
                "sha256=" + WhatsAppAdapter.signature(body: Array(body.utf8), appSecret: Self.appSecret)
        case .some(.some(let given)): headers[Self.signatureHeader] = given
        case .some(.none): break
        }
        return try await client.call(.post, "/hooks/whatsapp/\(channelID)", json: body, headers: headers)
    }

    /// A notification of one message from Ana Silva, as the Cloud API posts it.
    static func notification(
        _ id: String, text: String? = nil, message: [String: Any]? = nil, from: String = ana, name: String = "Ana Silva"
    ) -> String {
        var body = message ?? ["type": "text", "text": ["body": text ?? ""]]
        body["from"] = from
        body["id"] = id
        body["timestamp"] = "1764000000"
        return envelope([
            "messaging_product": "whatsapp",
            "metadata": ["display_phone_number": "15550001111", "phone_number_id": phoneNumberID],
            "contacts": [["profile": ["name": name], "wa_id": from]], "messages": [body],
        ])
    }

    /// A notification of a status (receipt) for a message the business sent.
    static func status(_ messageID: String, _ status: String, errorCode: Int? = nil) -> String {
        var item: [String: Any] = [
            "id": messageID, "status": status, "timestamp": "1764000100", "recipient_id": ana,
        ]
        if let errorCode {
            item["errors"] = [
                [
                    "code": errorCode, "title": "Re-engagement message", "message": "Re-engagement message",
                    "error_data": ["details": "More than 24 hours have passed since the customer last replied."],
                ]
            ]
        }
        return envelope([
            "messaging_product": "whatsapp",
            "metadata": ["display_phone_number": "15550001111", "phone_number_id": phoneNumberID],
            "statuses": [item],
        ])
    }

    static func envelope(_ value: [String: Any]) -> String {
        let object: [String: Any] = [
            "object": "whatsapp_business_account",
            "entry": [["id": "102290129340398", "changes": [["field": "messages", "value": value]]]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The messages of Ana's conversation on the channel.
    func messages(channelID: String, from: String = ana) async throws -> [(kind: AuthorKind, body: String)] {
        guard let conversation = try await desk.helpDesk.chatConversation(channelID: channelID, externalID: from)
        else { return [] }
        return try await desk.helpDesk.visitorMessages(conversation, after: nil).compactMap { entry in
            guard case .message(let author, _, let body, _) = entry.content else { return nil }
            return (author.kind, body)
        }
    }

    /// The team's WhatsApp outbox entries, oldest first.
    func outbox(_ acme: TestTeam) async throws -> [OutboxEntry] {
        try await desk.store.outbox(teamID: acme.team.id).filter { $0.kind == .replyWhatsApp }
    }
}
