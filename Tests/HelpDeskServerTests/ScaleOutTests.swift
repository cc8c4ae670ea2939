import AsyncHTTPClient
import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskServer
import HelpDeskService
import HummingbirdWSClient
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import Synchronization
import Testing

/// Three server instances on one PostgreSQL database, as behind a load balancer:
/// a burst of escalations spread over them is numbered and assigned as one
/// instance would, and every operator's live feed on every instance shows it all.
@Suite(.enabled(if: PostgresSchemas.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct ScaleOutTests {
    /// How many escalations the burst fires (`HELPDESK_SCALE_OUT_ESCALATIONS` to measure others).
    static let escalations =
        ProcessInfo.processInfo.environment["HELPDESK_SCALE_OUT_ESCALATIONS"].flatMap(Int.init) ?? 300

    @Test func threeInstancesTakeABurstOfEscalationsAsOne() async throws {
        try await PostgresSchemas.withInstances(3, poolSize: 8) { stores, schema in
            let (configuration, logger) = Self.instanceConfiguration()
            let desks = stores.map { HelpDesk(store: $0, configuration: configuration) }
            try await Self.serve(desks, configuration: configuration, logger: logger) { ports in
                // 32 connections per instance; the other requests queue for one (which counts against `connect`).
                var client = HTTPClient.Configuration()
                client.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
                client.timeout.connect = .seconds(60)
                let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: client)
                do {
                    try await Self.burst(desks, ports: ports, http: http, schema: schema)
                    try await http.shutdown()
                } catch {
                    try? await http.shutdown()
                    throw error
                }
            }
        }
    }

    static func burst(_ desks: [HelpDesk], ports: [Int], http: HTTPClient, schema: String) async throws {
        let team = try await desks[0].createTeam(name: "Acme", plan: .pro)
        let owner = try await desks[0].createMember(
            teamID: team.id, email: "owner@acme.test", password: TestHelpDesk.password, role: .owner,
            displayName: "Owner")
        var operators: [Member] = []
        for name in ["Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus"] {
            operators.append(
                try await desks[0].createMember(
                    teamID: team.id, email: "\(name.lowercased())@acme.test", password: TestHelpDesk.password,
                    role: .operator, displayName: name, availability: .online))
        }
        let token = try await desks[1].login(
            email: owner.email, password: TestHelpDesk.password, clientAddress: "test"
        ).token
        let base: @Sendable (Int) -> String = { instance in "http://127.0.0.1:\(ports[instance])" }
        let agent = try await http.post(
            base(2) + "/api/v1/agents", token: token,
            body: [
                "name": "Shop Assistant", "faq": WidgetFixture.faq,
                "supportHandover": [
                    "whenToUse": "When the customer asks for a person.", "defaultPriority": "high",
                    "humanButton": true, "messageThreshold": 0, "waitingLabel": "Hang on, a person is coming.",
                    "connectedLabel": "You are now talking to our team.",
                    "autoReplyMessage": "Nobody is here right now; leave a message and we will write back.",
                ],
            ])
        let agentID = try #require(agent["id"] as? String, "\(agent)")
        let channel = try await http.post(
            base(0) + "/api/v1/channels", token: token,
            body: ["kind": "web", "agentId": agentID, "config": ["allowedOrigins": [WidgetFixture.origin]]])
        let channelID = try #require(channel["id"] as? String, "\(channel)")
        let count = escalations
        let expected = Set((0..<count).map { 10_001 + $0 })

        // One operator feed per instance, open before the burst begins.
        let feeds = (0..<3).map { _ in LiveFeed() }
        let listening = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for instance in 0..<3 {
                    group.addTask {
                        try await feeds[instance].listen(
                            url: "ws://127.0.0.1:\(ports[instance])/api/v1/live?token=\(token)&after=0",
                            seconds: 60
                        ) { $0.isSuperset(of: expected) }
                    }
                }
                try await group.waitForAll()
            }
        }
        for feed in feeds { try await feed.opened() }

        let started = ContinuousClock.now
        // Each visitor starts a conversation and asks for a person, on instance i % 3, all at once.
        let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
            for visitor in 0..<count {
                group.addTask {
                    let url = base(visitor % 3) + "/widget/v1/\(channelID)"
                    let session = try await http.post(
                        url + "/sessions", body: ["name": "Visitor \(visitor)"])
                    guard let visitorToken = session["visitorToken"] as? String else { return nil }
                    let pressed = try await http.post(url + "/human", token: visitorToken, body: nil)
                    return pressed["ticketNumber"] as? Int
                }
            }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        let burst = ContinuousClock.now - started
        try await listening.value
        let delivered = ContinuousClock.now - started
        print(
            "scale-out: \(count) escalations over 3 instances in \(burst), every feed had them all after \(delivered)")

        // Every escalation got a ticket, numbered without gaps or repeats.
        #expect(outcomes.compactMap { $0 }.count == count)
        let tickets = try await PostgresSchemas.tickets(schema: schema)
        #expect(tickets.map(\.number).sorted() == expected.sorted())
        #expect(Set(tickets.map(\.conversationID)).count == count, "one ticket per conversation")
        // Balanced: the online operators' counts are within one of each other.
        var perOperator: [String: Int] = Dictionary(uniqueKeysWithValues: operators.map { ($0.id, 0) })
        for ticket in tickets {
            if let assignee = ticket.assigneeID { perOperator[assignee, default: 0] += 1 }
        }
        #expect(perOperator.values.reduce(0, +) == count, "every ticket was assigned")
        #expect(perOperator.count == operators.count, "only the online operators were assigned")
        #expect((perOperator.values.max() ?? 0) - (perOperator.values.min() ?? 0) <= 1, "\(perOperator)")
        // Every live feed on every instance saw every ticket.
        for (instance, feed) in feeds.enumerated() {
            let seen = feed.tickets
            #expect(seen.isSuperset(of: expected), "instance \(instance) missed \(expected.subtracting(seen).sorted())")
        }
    }

    /// A server configuration for in-process instances: a free port, no channel work, and no
    /// anonymous limits (one client address sends every request: the load, not abuse); warnings only.
    static func instanceConfiguration() -> (ServerConfiguration, Logger) {
        var configuration = ServerConfiguration(dataDirectory: NSTemporaryDirectory(), bcryptCost: 4)
        configuration.port = 0
        configuration.runsChannelWork = false
        configuration.anonymousLimits = .unlimited
        var logger = Logger(label: "helpdesk")
        logger.logLevel = .warning
        return (configuration, logger)
    }

    /// Runs each help desk as a server on a free port of 127.0.0.1, calls `body` with the ports, then stops them.
    static func serve<R: Sendable>(
        _ desks: [HelpDesk], configuration: ServerConfiguration, logger: Logger,
        _ body: @escaping @Sendable ([Int]) async throws -> R
    ) async throws -> R {
        let (ports, listening) = AsyncStream.makeStream(of: (Int, Int).self)
        let applications = desks.enumerated().map { index, desk in
            buildApplication(
                helpDesk: desk, configuration: configuration, logger: logger,
                onServerRunning: { listening.yield((index, $0)) })
        }
        let services = ServiceGroup(
            configuration: .init(services: applications.map { $0 as any Service }, logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { listening.finish() }
                try await services.run()
            }
            var found: [Int: Int] = [:]
            for await (index, port) in ports {
                found[index] = port
                if found.count == desks.count { break }
            }
            guard found.count == desks.count else { throw TestHelpDesk.ServerDidNotStart() }
            do {
                let value = try await body((0..<desks.count).map { found[$0]! })
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// An operator's live feed over a real WebSocket: the ticket numbers its entry events named.
final class LiveFeed: Sendable {
    private let seen = Mutex<Set<Int>>([])
    private let open = AsyncStream.makeStream(of: Void.self)

    var tickets: Set<Int> { seen.withLock { $0 } }

    /// Returns once the socket is open.
    func opened() async throws {
        var iterator = open.stream.makeAsyncIterator()
        guard await iterator.next() != nil else { throw FeedDidNotOpen() }
    }

    struct FeedDidNotOpen: Error {}

    /// Reads entry events until `enough` says so or `seconds` pass.
    func listen(url: String, seconds: Double, until enough: @escaping @Sendable (Set<Int>) -> Bool) async throws {
        defer { open.continuation.finish() }
        try await WebSocketClient.connect(url: url, configuration: .init(), logger: Logger(label: "test")) {
            inbound, outbound, _ in
            self.open.continuation.yield()
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            let reader = Task {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message,
                        let event = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                        event["type"] as? String == "entry",
                        let number = (event["ticket"] as? [String: Any])?["number"] as? Int
                    else { continue }
                    let done = self.seen.withLock { seen in
                        seen.insert(number)
                        return enough(seen)
                    }
                    if done { return }
                }
            }
            while ContinuousClock.now < deadline, !enough(self.tickets) {
                do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
            }
            reader.cancel()
            try? await outbound.close(.normalClosure, reason: nil)
        }
    }
}

extension HTTPClient {
    /// Posts a JSON request (with a bearer token when given) and answers the JSON object it got back.
    func post(_ url: String, token: String? = nil, body: [String: Any]?) async throws
        -> [String: Any]
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let object = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]
        return object ?? ["status": Int(response.status.code)]
    }
}

extension PostgresSchemas {
    struct StoredTicket {
        var number: Int
        var conversationID: String
        var assigneeID: String?
    }

    /// Every ticket in `schema`, read with SQL (the check must not trust the store it checks).
    static func tickets(schema: String) async throws -> [StoredTicket] {
        try await withConnection { connection, logger in
            var tickets: [StoredTicket] = []
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "SELECT number, conversation_id, assignee_id FROM \(PostgresStore.quoted(schema)).tickets ORDER BY number"
                ), logger: logger)
            for try await (number, conversationID, assigneeID) in rows.decode((Int64, String, String?).self) {
                tickets.append(
                    StoredTicket(number: Int(number), conversationID: conversationID, assigneeID: assigneeID))
            }
            return tickets
        }
    }
}
