import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// A clock tests can set and move.
final class TestClock: Sendable {
    private let current: Mutex<Timestamp>
    init(_ start: Timestamp) { current = Mutex(start) }
    /// Returns a distinct, increasing instant on each call, like a real clock.
    func now() -> Timestamp {
        current.withLock { value in
            value = Timestamp(microseconds: value.microseconds + 1)
            return value
        }
    }
    func advance(seconds: Double) { current.withLock { $0 = $0.adding(seconds: seconds) } }
}

/// A help desk on a fresh SQLite file with fast bcrypt, plus helpers to sign
/// people in and call the API as them.
struct TestHelpDesk {
    let helpDesk: HelpDesk
    let store: SQLiteStore
    let configuration: ServerConfiguration
    let directory: String

    init(
        configure: (inout ServerConfiguration) -> Void = { _ in }, brains: Brains? = nil,
        clock: TestClock? = nil
    ) throws {
        directory = NSTemporaryDirectory() + "helpdesk-test-" + UUID().uuidString
        var configuration = ServerConfiguration(dataDirectory: directory, bcryptCost: 4)
        // Test doubles of model endpoints listen on loopback, which production refuses.
        configuration.outbound = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])
        // Refusals answer at once in tests; one test sets the delay to see it kept.
        configuration.anonymousLimits.refusalDelay = .zero
        // No background work for chat channels unless a test asks for it: it is a service per application.
        configuration.runsChannelWork = false
        configure(&configuration)
        self.configuration = configuration
        store = try SQLiteStore(directory: directory)
        if let clock {
            helpDesk = HelpDesk(store: store, configuration: configuration, brains: brains, clock: { clock.now() })
        } else {
            helpDesk = HelpDesk(store: store, configuration: configuration, brains: brains)
        }
    }

    var application: some ApplicationProtocol {
        buildApplication(helpDesk: helpDesk, configuration: configuration)
    }

    /// Runs the application on a free port of 127.0.0.1 with no client connected,
    /// calls `body` with the port, then shuts the server down. (Hummingbird's live
    /// test client connects at once; a test that counts connections must open
    /// every one itself.)
    func serve<R: Sendable>(
        logger: Logger = Logger(label: "helpdesk"), _ body: @escaping @Sendable (_ port: Int) async throws -> R
    ) async throws -> R {
        var configuration = configuration
        configuration.port = 0
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let application = buildApplication(
            helpDesk: helpDesk, configuration: configuration, logger: logger,
            onServerRunning: { listening.yield($0) })
        let services = ServiceGroup(
            configuration: .init(services: [application], logger: Logger(label: "helpdesk-test")))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { listening.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ServerDidNotStart() }
            do {
                let value = try await body(port)
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    struct ServerDidNotStart: Error {}

    /// Runs `body` against the application through Hummingbird's router test client.
    func test<R: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        try await application.test(.router) { client in try await body(client) }
    }

    static let password = "correct horse battery"

    /// A team with an owner, and a signed-in token for them.
    func team(_ name: String = "Acme", plan: Plan = .pro) async throws -> TestTeam {
        let team = try await helpDesk.createTeam(name: name, plan: plan)
        let slug = name.lowercased().filter(\.isLetter) + "-" + team.id.suffix(6)
        let owner = try await helpDesk.createMember(
            teamID: team.id, email: "owner@\(slug).test", password: Self.password, role: .owner,
            displayName: "\(name) Owner")
        let signIn = try await helpDesk.login(email: owner.email, password: Self.password, clientAddress: "test")
        return TestTeam(team: team, owner: owner, ownerToken: signIn.token, slug: slug, helpDesk: helpDesk)
    }
}

struct TestTeam: Sendable {
    let team: Team
    let owner: Member
    let ownerToken: String
    let slug: String
    let helpDesk: HelpDesk

    /// Adds a member and signs them in.
    func member(
        _ name: String, role: Role = .operator, availability: Availability = .offline
    ) async throws -> (member: Member, token: String) {
        let member = try await helpDesk.createMember(
            teamID: team.id, email: "\(name.lowercased().filter { $0.isLetter || $0.isNumber })@\(slug).test",
            password: TestHelpDesk.password, role: role, displayName: name, availability: availability)
        let signIn = try await helpDesk.login(
            email: member.email, password: TestHelpDesk.password, clientAddress: "test")
        return (member, signIn.token)
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON body, and holds
    /// the response against the OpenAPI document (an issue per violation).
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if json != nil { fields[.contentType] = "application/json" }
        let response = try await execute(
            uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) })
        try await OpenAPIContract.load(self).check(
            method: method, uri: uri, response: response, sourceLocation: sourceLocation)
        return response
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) else {
            return [:]
        }
        return value as? [String: Any] ?? [:]
    }

    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }

    var problemType: String? { object["type"] as? String }
}

/// Builds a JSON body from a dictionary.
func json(_ object: [String: Any?]) -> String {
    let cleaned = object.mapValues { $0 ?? NSNull() }
    let data = try! JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// Opens a ticket through the API and returns its number.
@discardableResult
func openTicket(
    _ client: any TestClientProtocol, token: String, subject: String = "Printer on fire",
    requester: String = "Ana Cliente", email: String? = "ana@example.com", priority: String? = nil,
    body: String? = nil
) async throws -> Int {
    var fields: [String: Any?] = ["subject": subject, "requester": ["name": requester, "email": email as Any]]
    if let priority { fields["priority"] = priority }
    if let body { fields["body"] = body }
    let response = try await client.call(.post, "/api/v1/tickets", token: token, json: json(fields))
    #expect(response.status == .created, "\(response.text)")
    return response.object["number"] as? Int ?? -1
}
