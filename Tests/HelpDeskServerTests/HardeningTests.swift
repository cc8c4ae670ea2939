import AsyncHTTPClient
import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import NIOHTTP1
import Testing

/// Defences against abuse by volume and sharp edges: limits that count what is
/// stored, private files, counters that report.
@Suite struct HardeningTests {
    /// One visible character carrying 300,000 combining marks: 600 KB that a
    /// character count would call one character.
    static let zalgo = "a" + String(repeating: "\u{0301}", count: 300_000)

    @Test func textLimitsCountCodePointsSoFewCharactersCannotCarryMegabytes() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let subject = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": Self.zalgo, "requester": ["name": "Ana"]]))
            #expect(subject.status == .badRequest, "\(subject.text)")
            #expect(BadInputTests.fieldNames(subject) == ["subject"])
            let number = try await openTicket(client, token: acme.ownerToken)
            let note = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": String(repeating: "e\u{0301}", count: 10_001)]))
            #expect(note.status == .badRequest)
            // At the limit in code points is fine, whatever the characters.
            let fits = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": String(repeating: "e\u{0301}", count: 10_000)]))
            #expect(fits.status == .created)
        }
    }

    @Test func theDatabaseFileIsReadableByTheServerAlone() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-perms-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        _ = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let files = FileManager.default
        func mode(_ path: String) throws -> Int {
            try #require(files.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(directory) == 0o700)
        #expect(try mode(directory + "/helpdesk.sqlite") == 0o600)
        #expect(try mode(directory + "/helpdesk.sqlite-wal") == 0o600)
        // A file left readable by an older version is closed on the next start.
        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory + "/helpdesk.sqlite")
        _ = try SQLiteStore(directory: directory)
        #expect(try mode(directory + "/helpdesk.sqlite") == 0o600)
    }

    @Test func theRealServerExportsItsCounters() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-metrics-" + UUID().uuidString
        try ServerProcess.seedTeam("Counted", in: directory)
        let server = try ServerProcess.start(dataDirectory: directory)
        defer { server.kill() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let wrong = try await server.send(
            client, .POST, "/api/v1/auth/login", json: #"{"email":"o@counted.test","password":"not it at all"}"#)
        #expect(wrong.status == .unauthorized)
        let login = try await server.send(
            client, .POST, "/api/v1/auth/login", json: #"{"email":"o@counted.test","password":"counted password"}"#)
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any])?["token"] as? String)
        let created = try await server.send(
            client, .POST, "/api/v1/tickets", token: token, json: #"{"subject":"Counted","requester":{"name":"Ana"}}"#)
        #expect(created.status == .created)
        let metrics = try await server.send(client, .GET, "/metrics")
        try await client.shutdown()
        let lines = metrics.body.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("helpdesk_tickets_created_total") && $0.hasSuffix(" 1") }, "\(metrics.body)")
        #expect(lines.contains { $0.hasPrefix("helpdesk_login_failures_total") && $0.hasSuffix(" 1") }, "\(metrics.body)")
    }
}
