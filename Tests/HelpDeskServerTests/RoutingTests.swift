import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskStore
import HummingbirdTesting
import Testing

@Suite struct RoutingTests {
    static func setAssignment(_ client: any TestClientProtocol, token: String, _ method: String) async throws {
        let current = try await client.call(.get, "/api/v1/settings", token: token).object
        var settings = current
        settings["assignment"] = method
        let data = try JSONSerialization.data(withJSONObject: settings)
        let response = try await client.call(.put, "/api/v1/settings", token: token, json: String(decoding: data, as: UTF8.self))
        #expect(response.status == .ok, "\(response.text)")
    }

    static func counts(_ client: any TestClientProtocol, token: String) async throws -> [String: Int] {
        let members = try await client.call(.get, "/api/v1/members", token: token).items
        return Dictionary(uniqueKeysWithValues: members.map { ($0["displayName"] as! String, $0["openTickets"] as! Int) })
    }

    static func openConcurrently(_ client: any TestClientProtocol, token: String, count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask { _ = try await openTicket(client, token: token, subject: "Routed \(index)") }
            }
            try await group.waitForAll()
        }
    }

    @Test func balancedKeepsOnlineOperatorsWithinOneAndSkipsTheUnavailable() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        for name in ["Ann", "Ben", "Cid", "Dee"] { _ = try await acme.member(name, availability: .online) }
        _ = try await acme.member("Away", availability: .away)
        _ = try await acme.member("Busy", availability: .busy)
        _ = try await acme.member("Off", availability: .offline)
        try await desk.test { client in
            try await Self.openConcurrently(client, token: acme.ownerToken, count: 200)
            let counts = try await Self.counts(client, token: acme.ownerToken)
            let online = ["Ann", "Ben", "Cid", "Dee"].map { counts[$0] ?? -1 }
            #expect(online.reduce(0, +) == 200)
            #expect(online.max()! - online.min()! <= 1)
            #expect(counts["Away"] == 0 && counts["Busy"] == 0 && counts["Off"] == 0 && counts["Acme Owner"] == 0)
            // Each assignment says why on the timeline.
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: acme.ownerToken).items
            let assigned = try #require(timeline.first { $0["event"] as? String == "assigned" })
            #expect((assigned["detail"] as? String)?.hasPrefix("balanced: 0 unresolved, fewest of 4 online") == true)
        }
    }

    @Test func roundRobinGivesExactlyFiftyEachUnderConcurrency() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        for name in ["Ann", "Ben", "Cid", "Dee"] { _ = try await acme.member(name, availability: .online) }
        _ = try await acme.member("Away", availability: .away)
        try await desk.test { client in
            try await Self.setAssignment(client, token: acme.ownerToken, "roundRobin")
            try await Self.openConcurrently(client, token: acme.ownerToken, count: 200)
            let counts = try await Self.counts(client, token: acme.ownerToken)
            #expect(["Ann", "Ben", "Cid", "Dee"].map { counts[$0] } == [50, 50, 50, 50])
            #expect(counts["Away"] == 0)
        }
    }

    @Test func roundRobinRotationSurvivesARestart() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        for name in ["Ann", "Ben", "Cid"] { _ = try await acme.member(name, availability: .online) }
        try await desk.test { client in
            try await Self.setAssignment(client, token: acme.ownerToken, "roundRobin")
            _ = try await openTicket(client, token: acme.ownerToken)
        }
        // A new store on the same file, as after a restart, continues the rotation.
        let reopened = try TestHelpDesk(reusing: desk.directory)
        try await reopened.test { client in
            _ = try await openTicket(client, token: acme.ownerToken)
            _ = try await openTicket(client, token: acme.ownerToken)
            let counts = try await Self.counts(client, token: acme.ownerToken)
            #expect(["Ann", "Ben", "Cid"].map { counts[$0] } == [1, 1, 1])
        }
    }

    @Test func nobodyOnlineLeavesTheTicketUnassignedAndSaysSo() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        _ = try await acme.member("Away", availability: .away)
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken)
            #expect(ticket.object["assignee"] is NSNull)
            let timeline = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken).items
            #expect(timeline.contains { ($0["detail"] as? String)?.contains("nobody online") == true })
        }
    }

    @Test func manualLeavesTicketsForPickUp() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        _ = try await acme.member("Ann", availability: .online)
        try await desk.test { client in
            try await Self.setAssignment(client, token: acme.ownerToken, "manual")
            let number = try await openTicket(client, token: acme.ownerToken)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken)
            #expect(ticket.object["assignee"] is NSNull)
        }
    }
}

/// A help desk on an existing data directory, as a restarted server would open it.
extension TestHelpDesk {
    init(reusing directory: String) throws {
        self.directory = directory
        let configuration = ServerConfiguration(dataDirectory: directory, bcryptCost: 4)
        self.configuration = configuration
        store = try SQLiteStore(directory: directory)
        helpDesk = HelpDesk(store: store, configuration: configuration)
    }
}
