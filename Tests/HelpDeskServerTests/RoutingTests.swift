import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import Testing

@Suite struct RoutingTests {
    static func setAssignment(_ client: any TestClientProtocol, token: String, _ method: String) async throws {
        let current = try await client.call(.get, "/api/v1/settings", token: token).object
        var settings = current
        settings["assignment"] = method
        let data = try JSONSerialization.data(withJSONObject: settings)
        let response = try await client.call(
            .put, "/api/v1/settings", token: token, json: String(decoding: data, as: UTF8.self))
        #expect(response.status == .ok, "\(response.text)")
    }

    static func counts(_ client: any TestClientProtocol, token: String) async throws -> [String: Int] {
        let members = try await client.call(.get, "/api/v1/members", token: token).items
        return Dictionary(
            uniqueKeysWithValues: members.map { ($0["displayName"] as! String, $0["openTickets"] as! Int) })
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
            let timeline = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken)
                .items
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

@Suite struct BackfillAndSettingsTests {
    @Test func anOperatorComingOnlineTakesTheOldestWaitingTicketsFirst() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            var numbers: [Int] = []
            for index in 0..<3 {
                numbers.append(try await openTicket(client, token: acme.ownerToken, subject: "Waiting \(index)"))
            }
            // Nobody online: all three wait. Sam comes online and, alone, takes all of them, oldest first.
            let online = try await client.call(
                .patch, "/api/v1/me", token: sam.token, json: json(["availability": "online"]))
            #expect(online.status == .ok)
            let mine = try await InboxTests.walk(client, token: sam.token, query: "view=mine")
            #expect(Set(mine) == Set(numbers))
            let timeline = try await client.call(.get, "/api/v1/tickets/\(numbers[0])/timeline", token: sam.token).items
            let assigned = try #require(timeline.last { $0["event"] as? String == "assigned" })
            #expect((assigned["detail"] as? String)?.contains("backfill: Sam came online") == true)
            #expect(assigned["to"] as? String == "Sam")
        }
    }

    @Test func balancedBackfillStopsWhenTheNewcomerCatchesUp() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let ann = try await acme.member("Ann", availability: .online)
        let ben = try await acme.member("Ben")
        try await desk.test { client in
            try await RoutingTests.setAssignment(client, token: acme.ownerToken, "manual")
            var numbers: [Int] = []
            for index in 0..<10 {
                numbers.append(try await openTicket(client, token: acme.ownerToken, subject: "T\(index)"))
            }
            for number in numbers.prefix(4) {
                let picked = try await client.call(.post, "/api/v1/tickets/\(number)/pickup", token: ann.token)
                #expect(picked.status == .ok)
            }
            try await RoutingTests.setAssignment(client, token: acme.ownerToken, "balanced")
            _ = try await client.call(.patch, "/api/v1/me", token: ben.token, json: json(["availability": "online"]))
            // Ben takes the oldest waiting tickets until he has as many as Ann (4), then stops.
            let counts = try await RoutingTests.counts(client, token: acme.ownerToken)
            #expect(counts["Ann"] == 4)
            #expect(counts["Ben"] == 4)
            let mine = try await InboxTests.walk(client, token: ben.token, query: "view=mine")
            #expect(Set(mine) == Set(numbers[4..<8]))
            let waiting = try await InboxTests.walk(client, token: acme.ownerToken, query: "view=unassigned")
            #expect(Set(waiting) == Set(numbers[8..<10]))
        }
    }

    @Test func resolvingUnderBalancedPullsTheNextWaitingTicket() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let ann = try await acme.member("Ann", availability: .online)
        let ben = try await acme.member("Ben", availability: .online)
        try await desk.test { client in
            // → Ann (never assigned, lower position)
            let first = try await openTicket(client, token: acme.ownerToken, subject: "One")
            _ = try await openTicket(client, token: acme.ownerToken, subject: "Two")  // → Ben
            _ = try await client.call(.patch, "/api/v1/me", token: ann.token, json: json(["availability": "away"]))
            _ = try await client.call(.patch, "/api/v1/me", token: ben.token, json: json(["availability": "away"]))
            // nobody online: waits
            let waiting = try await openTicket(client, token: acme.ownerToken, subject: "Three")
            _ = try await client.call(.patch, "/api/v1/me", token: ann.token, json: json(["availability": "online"]))
            // Ann came online with 1 open ticket, Ben is away: backfill gave Ann the waiting ticket.
            var ticket = try await client.call(.get, "/api/v1/tickets/\(waiting)", token: acme.ownerToken)
            #expect((ticket.object["assignee"] as? [String: Any])?["id"] as? String == ann.member.id)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(waiting)", token: ann.token, json: #"{"assigneeId": null}"#)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(first)", token: ann.token, json: json(["status": "resolved"]))
            ticket = try await client.call(.get, "/api/v1/tickets/\(waiting)", token: acme.ownerToken)
            #expect((ticket.object["assignee"] as? [String: Any])?["id"] as? String == ann.member.id)
        }
    }

    @Test func settingsRoundTripAndNameEachBadField() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let defaults = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken)
            #expect(defaults.object["assignment"] as? String == "balanced")
            let hours = try #require(defaults.object["businessHours"] as? [String: Any])
            #expect(hours["start"] as? String == "09:00" && hours["end"] as? String == "17:00")
            #expect((defaults.object["supportInbox"] as? [String: Any])?["address"] is NSNull)

            let good = json([
                "businessHours": ["enabled": true, "start": "08:30", "end": "18:00", "timeZone": "America/New_York"],
                "emailNotifications": true, "assignment": "roundRobin",
                "supportInbox": ["enabled": true, "address": "support@acme.test"],
            ])
            let saved = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: good)
            #expect(saved.status == .ok)
            let again = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken)
            #expect(again.object["assignment"] as? String == "roundRobin")
            #expect((again.object["businessHours"] as? [String: Any])?["timeZone"] as? String == "America/New_York")
            #expect((again.object["supportInbox"] as? [String: Any])?["address"] as? String == "support@acme.test")

            let bad = json([
                "businessHours": ["enabled": true, "start": "18:00", "end": "08:00", "timeZone": "Mars/Olympus"],
                "emailNotifications": false, "assignment": "balanced",
                "supportInbox": ["enabled": true, "address": "not an address"],
            ])
            let rejected = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: bad)
            #expect(rejected.status == .badRequest)
            #expect(
                Set(BadInputTests.fieldNames(rejected)) == [
                    "businessHours.timeZone", "businessHours.end", "supportInbox.address",
                ])
            // Nothing was half-written.
            let unchanged = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken)
            #expect(unchanged.object["assignment"] as? String == "roundRobin")

            let method = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: good.replacingOccurrences(of: "roundRobin", with: "random"))
            #expect((method.object["detail"] as? String)?.contains("manual, balanced, roundRobin") == true)
            let noAddress = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: good.replacingOccurrences(of: "\"support@acme.test\"", with: "null"))
            #expect(BadInputTests.fieldNames(noAddress) == ["supportInbox.address"])
        }
    }
}
