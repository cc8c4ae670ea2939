import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdTesting
import Logging

/// `helpdesk-bench widget`: a visitor's message to the stored AI reply, with the
/// built-in brain answering from 1,000 FAQ entries. Reports messages per second
/// through the `HelpDesk` verb (in process) and through HTTP on loopback.
struct WidgetBenchmark {
    var messages = 4000
    var faqEntries = 1000
    var concurrency = 8

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw BenchError.usage("\(name) needs a positive whole number")
            }
            switch name {
            case "--messages": messages = value
            case "--faq": faqEntries = value
            case "--concurrency": concurrency = value
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
    }

    static let topics = [
        "password", "invoice", "delivery", "refund", "subscription", "address", "order", "account", "voucher",
        "warranty", "battery", "charger", "screen", "keyboard", "printer", "router", "camera", "kettle", "jacket",
        "shoes",
    ]
    static let actions = [
        "reset", "change", "cancel", "track", "return", "repair", "replace", "update", "download", "activate",
    ]

    /// 1,000 distinct, realistic FAQ entries: action × topic × a model number.
    func faq() -> [FAQEntry] {
        (0..<faqEntries).map { index in
            let action = Self.actions[index % Self.actions.count]
            let topic = Self.topics[(index / Self.actions.count) % Self.topics.count]
            let model = "model\(index / (Self.actions.count * Self.topics.count) + 1)"
            return FAQEntry(
                question: "How do I \(action) the \(topic) of my \(model)?",
                answer:
                    "To \(action) the \(topic) of a \(model), open Settings → \(topic.capitalized) and choose \(action.capitalized)."
            )
        }
    }

    /// Customer messages that paraphrase FAQ questions (so each gets an answer).
    func message(_ index: Int) -> String {
        let action = Self.actions[(index * 7) % Self.actions.count]
        let topic = Self.topics[(index * 3) % Self.topics.count]
        return "hi, how can I \(action) my \(topic) on the model\(index % 5 + 1)?"
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-bench-widget-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = ServerConfiguration(dataDirectory: directory, bcryptCost: 4)
        // The benchmark is one client sending as fast as it can: the anonymous limits would measure themselves.
        configuration.anonymousLimits = .unlimited
        let store = try SQLiteStore(directory: directory)
        let helpDesk = HelpDesk(store: store, configuration: configuration)
        let team = try await helpDesk.createTeam(name: "Bench", plan: .pro)
        let owner = try await helpDesk.createMember(
            teamID: team.id, email: "owner@bench.test", password: "bench password", role: .owner, displayName: "Owner")
        let caller = Caller(member: owner, team: team)
        let agent = try await helpDesk.createAgent(
            caller,
            AgentDraft(name: "Bench Assistant", instructions: "", brain: .builtin, faq: faq(), supportHandover: nil))
        let channel = try await helpDesk.createChannel(
            caller, kind: .web, agentID: agent.id, configuration: .web(allowedOrigins: ["https://bench.example"]))
        say(
            "# helpdesk-bench widget — \(faqEntries) FAQ entries, built-in brain, \(messages) messages, \(concurrency) visitors at once"
        )

        // In process: the HelpDesk verb the widget route calls.
        var conversations: [Conversation] = []
        for _ in 0..<concurrency {
            conversations.append(
                try await helpDesk.startVisitorSession(
                    channelID: channel.id, token: nil, name: "V", email: nil, clientAddress: "127.0.0.1"
                ).conversation)
        }
        // warm the FAQ index
        _ = try await helpDesk.receiveCustomerMessage(conversations[0], body: message(0), clientAddress: "127.0.0.1")
        let visitors = conversations
        let verbResult = try await timeParallel(total: messages, workers: concurrency) { worker, index in
            let reply = try await helpDesk.receiveCustomerMessage(
                visitors[worker], body: message(index), clientAddress: "127.0.0.1")
            guard reply.reply != nil else { throw BenchError.check("no AI reply for message \(index)") }
        }
        say(
            String(
                format: "in process (HelpDesk.receiveCustomerMessage): %.0f messages/s (%d in %.2f s)",
                verbResult.rate, messages, verbResult.seconds))

        // Over HTTP on loopback: POST /widget/v1/{channel}/messages with the visitor token.
        var logger = Logger(label: "helpdesk-bench")
        logger.logLevel = .error
        let app = buildApplication(helpDesk: helpDesk, configuration: configuration, logger: logger)
        let messages = self.messages
        let workers = concurrency
        let httpResult = try await app.test(.live) { client in
            var tokens: [String] = []
            for _ in 0..<workers {
                let session = try await client.execute(
                    uri: "/widget/v1/\(channel.id)/sessions", method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: "{}"))
                let object =
                    try JSONSerialization.jsonObject(with: Data(session.body.readableBytesView)) as? [String: Any]
                guard let token = object?["visitorToken"] as? String else { throw BenchError.check("no visitor token") }
                tokens.append(token)
            }
            let visitorTokens = tokens
            return try await timeParallel(total: messages, workers: workers) { worker, index in
                let body = "{\"body\":\"\(message(index))\"}"
                let response = try await client.execute(
                    uri: "/widget/v1/\(channel.id)/messages", method: .post,
                    headers: [.authorization: "Bearer \(visitorTokens[worker])", .contentType: "application/json"],
                    body: ByteBuffer(string: body))
                guard response.status == .ok else {
                    throw BenchError.check("POST messages answered \(response.status.code)")
                }
            }
        }
        say(
            String(
                format: "over HTTP (POST /widget/v1/{channel}/messages): %.0f messages/s (%d in %.2f s)",
                httpResult.rate, messages, httpResult.seconds))
        let answered = try await store.messages(conversationID: conversations[1].id, teamID: team.id, after: nil)
        say("check: conversation 2 holds \(answered.count) messages (customer + AI, alternating)")
    }
}

/// Runs `total` calls spread over `workers` concurrent tasks; returns the rate.
func timeParallel(
    total: Int, workers: Int, _ body: @escaping @Sendable (_ worker: Int, _ index: Int) async throws -> Void
) async throws -> (rate: Double, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<workers {
            group.addTask {
                var index = worker
                while index < total {
                    try await body(worker, index)
                    index += workers
                }
            }
        }
        try await group.waitForAll()
    }
    let seconds = milliseconds(clock.now - start) / 1000
    return (Double(total) / seconds, seconds)
}
