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
import Synchronization
import Testing

/// A help desk whose Telegram channels talk to a fake Bot API on 127.0.0.1,
/// on a clock the test moves. The outbox worker does not run by itself unless
/// asked: tests call `worker.runOnce()`.
struct TelegramDesk: Sendable {
    let desk: TestHelpDesk
    let channels: ChatChannels
    let bot: FakeBotAPI
    let clock: TestClock
    let logger: Logger

    static let botToken = "123456789:AAH4k-test_token_never_shown"
    static let secret = "webhook-secret_never_shown-42"
    static let secretHeader = HTTPField.Name(TelegramAdapter.secretHeader)!

    /// Runs `body` with a fresh help desk and fake Bot API; `publicURL` nil means long polling.
    static func with<R: Sendable>(
        publicURL: String? = "https://desk.example", logger: Logger = Logger(label: "helpdesk"),
        runsOutboxWorker: Bool = false, _ body: @escaping @Sendable (TelegramDesk) async throws -> R
    ) async throws -> R {
        try await FakeBotAPI.with { bot in
            let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
            let desk = try TestHelpDesk(
                configure: {
                    $0.publicURL = publicURL
                    $0.runsChannelWork = true
                }, clock: clock)
            let channels = ChatChannels(
                helpDesk: desk.helpDesk,
                configuration: ChatChannelsConfiguration(
                    publicURL: publicURL, outbound: desk.configuration.outbound, pollTimeoutSeconds: 0,
                    runsOutboxWorker: runsOutboxWorker, outboxIdle: .milliseconds(50), typingGrace: .zero),
                logger: logger)
            return try await body(TelegramDesk(desk: desk, channels: channels, bot: bot, clock: clock, logger: logger))
        }
    }

    /// Runs `body` against the application (its background services included) through the router test client.
    func test<R: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        let app = buildApplication(
            helpDesk: desk.helpDesk, configuration: desk.configuration, channels: channels, logger: logger)
        return try await app.test(.router) { client in try await body(client) }
    }

    /// The outbox worker with the Telegram deliverer, backing off 2 s, 4 s, … exactly (no jitter).
    var worker: OutboxWorker {
        OutboxWorker(
            store: desk.store, deliverers: channels.deliverers, policy: RetryPolicy(baseSeconds: 2, capSeconds: 60),
            clock: { clock.now() }, random: { 1 })
    }

    /// A pro team with an agent (FAQ, and a Support Handover unless `handover` is false) and a Telegram channel.
    func connect(_ client: any TestClientProtocol, handover: Bool = true) async throws -> (
        acme: TestTeam, agentID: String, channelID: String
    ) {
        try await Self.connect(
            client, desk: desk, handover: handover, kind: "telegram",
            config: ["botToken": Self.botToken, "secretToken": Self.secret, "apiBaseURL": bot.baseURL])
    }

    /// A pro team with an agent (FAQ, and a Support Handover unless `handover` is false) and a channel of `kind`.
    static func connect(
        _ client: any TestClientProtocol, desk: TestHelpDesk, handover: Bool, kind: String, config: [String: String]
    ) async throws -> (acme: TestTeam, agentID: String, channelID: String) {
        let acme = try await desk.team()
        var agent: [String: Any?] = ["name": "Shop Assistant", "faq": WidgetFixture.faq]
        if handover {
            agent["supportHandover"] = [
                "whenToUse": "When the customer asks for a person.", "defaultPriority": "high",
                "humanButton": false, "messageThreshold": 0, "waitingLabel": "Hang on, a person is coming.",
                "connectedLabel": "You are now talking to our team.",
                "autoReplyMessage": "Nobody is here right now; leave a message and we will write back.",
            ]
        }
        let created = try await client.call(.post, "/api/v1/agents", token: acme.ownerToken, json: json(agent))
        #expect(created.status == .created, "\(created.text)")
        let agentID = try #require(created.object["id"] as? String)
        let channel = try await client.call(
            .post, "/api/v1/channels", token: acme.ownerToken,
            json: json(["kind": kind, "agentId": agentID, "config": config]))
        #expect(channel.status == .created, "\(channel.text)")
        return (acme, agentID, try #require(channel.object["id"] as? String))
    }

    /// Posts an update to the channel's webhook as Telegram does.
    @discardableResult
    func deliver(
        _ client: any TestClientProtocol, channelID: String, _ update: String, secret: String? = TelegramDesk.secret
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let secret { headers[Self.secretHeader] = secret }
        return try await client.call(.post, "/hooks/telegram/\(channelID)", json: update, headers: headers)
    }

    /// A private chat's text message from Ana Silva (@anasilva).
    static func textUpdate(_ updateID: Int64, _ text: String, chat: Int64 = 4242) -> String {
        let message: [String: Any] = [
            "message_id": updateID, "date": 1_700_000_000, "text": text,
            "from": ["id": chat, "is_bot": false, "first_name": "Ana", "last_name": "Silva", "username": "anasilva"],
            "chat": ["id": chat, "type": "private", "first_name": "Ana"],
        ]
        let data = try! JSONSerialization.data(withJSONObject: ["update_id": updateID, "message": message])
        return String(decoding: data, as: UTF8.self)
    }

    /// The messages of the conversation of `chat` on the channel.
    func messages(channelID: String, chat: Int64 = 4242) async throws -> [(kind: AuthorKind, body: String)] {
        guard
            let conversation = try await desk.helpDesk.chatConversation(
                channelID: channelID, externalID: String(chat))
        else { return [] }
        return try await desk.helpDesk.visitorMessages(conversation, after: nil).compactMap { entry in
            guard case .message(let author, _, let body, _) = entry.content else { return nil }
            return (author.kind, body)
        }
    }

    /// The team's Telegram outbox entries, oldest first.
    func outbox(_ acme: TestTeam) async throws -> [OutboxEntry] {
        try await desk.store.outbox(teamID: acme.team.id).filter { $0.kind == .replyTelegram }
    }
}

/// Keeps every log line with its metadata, to hold secrets out of the log.
struct LineRecorder: LogHandler {
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
    }

    let lines: Lines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.all.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}
