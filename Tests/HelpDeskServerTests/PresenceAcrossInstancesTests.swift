import AsyncHTTPClient
import Foundation
import HelpDeskCore
import HelpDeskService
import Logging
import Testing

@testable import HelpDeskServer

/// Presence and typing between two server instances on one PostgreSQL database: an operator
/// connected to one instance sees who is on the ticket and typing on the other, the customer's
/// widget on one sees the operator typing on the other, and the operator sees the customer typing.
@Suite(.enabled(if: PostgresSchemas.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct PresenceAcrossInstancesTests {
    @Test func presenceAndTypingReachTheOtherInstance() async throws {
        try await PostgresSchemas.withInstances(2) { stores, _ in
            let (configuration, logger) = ScaleOutTests.instanceConfiguration()
            let desks = stores.map { HelpDesk(store: $0, configuration: configuration) }
            try await ScaleOutTests.serve(desks, configuration: configuration, logger: logger) { ports in
                let http = HTTPClient(eventLoopGroupProvider: .singleton)
                do {
                    try await Self.scenario(desks, ports: ports, http: http)
                    try await http.shutdown()
                } catch {
                    try? await http.shutdown()
                    throw error
                }
            }
        }
    }

    static func scenario(_ desks: [HelpDesk], ports: [Int], http: HTTPClient) async throws {
        let team = try await desks[0].createTeam(name: "Acme", plan: .pro)
        let owner = try await desks[0].createMember(
            teamID: team.id, email: "owner@acme.test", password: TestHelpDesk.password, role: .owner,
            displayName: "Olga Owner")
        let riley = try await desks[0].createMember(
            teamID: team.id, email: "riley@acme.test", password: TestHelpDesk.password, role: .operator,
            displayName: "Riley", availability: .online)
        let ownerToken = try await desks[0].login(
            email: owner.email, password: TestHelpDesk.password, clientAddress: "test"
        ).token
        let rileyToken = try await desks[1].login(
            email: riley.email, password: TestHelpDesk.password, clientAddress: "test"
        ).token
        let base = { (instance: Int) in "http://127.0.0.1:\(ports[instance])" }
        let agent = try await http.post(
            base(0) + "/api/v1/agents", token: ownerToken,
            body: [
                "name": "Shop Assistant", "faq": WidgetFixture.faq,
                "supportHandover": [
                    "whenToUse": "When the customer asks for a person.", "defaultPriority": "high",
                    "humanButton": true, "messageThreshold": 0, "waitingLabel": "Hang on.",
                    "connectedLabel": "You are now talking to our team.", "autoReplyMessage": "Later.",
                ],
            ])
        let agentID = try #require(agent["id"] as? String, "\(agent)")
        // The test's WebSocket client sends `Origin: ws://127.0.0.1`, which only "*" allows.
        let channel = try await http.post(
            base(0) + "/api/v1/channels", token: ownerToken,
            body: ["kind": "web", "agentId": agentID, "config": ["allowedOrigins": ["*"]]])
        let channelID = try #require(channel["id"] as? String, "\(channel)")
        let widget = base(1) + "/widget/v1/\(channelID)"
        let session = try await http.post(widget + "/sessions", body: ["name": "Vera"])
        let visitor = try #require(session["visitorToken"] as? String)
        let pressed = try await http.post(widget + "/human", token: visitor, body: nil)
        let number = try #require(pressed["ticketNumber"] as? Int, "\(pressed)")
        let takeover = try await http.post(
            base(0) + "/api/v1/tickets/\(number)/takeover", token: ownerToken, body: nil)
        #expect(takeover["number"] as? Int == number, "\(takeover)")

        let typingAReply = #"{"type":"presence","ticketNumber":\#(number),"typing":true,"reply":true}"#
        let watching = #"{"type":"presence","ticketNumber":\#(number),"typing":false,"reply":false}"#
        let ownerLive = "ws://127.0.0.1:\(ports[0])/api/v1/live?token=\(ownerToken)"
        let rileyLive = "ws://127.0.0.1:\(ports[1])/api/v1/live?token=\(rileyToken)"
        let widgetLive = "ws://127.0.0.1:\(ports[1])/widget/v1/\(channelID)/live?visitorToken=\(visitor)"
        // Riley watches the ticket on instance 1; the customer's widget is on instance 1 too. The owner,
        // on instance 0, opens the ticket, types a reply, and stays until the customer has typed.
        let ownerSide = Task {
            try await Task.sleep(for: .milliseconds(800))
            let events = try await TypingTests.script(
                url: ownerLive, steps: [(0, typingAReply)], seconds: 15
            ) { events in
                events.contains { TypingTests.isTyping($0, type: "customerTyping") }
            }
            return events.contains {
                TypingTests.isTyping($0, type: "customerTyping") && $0["ticketNumber"] as? Int == number
            }
        }
        let customerSide = Task {
            let events = try await TypingTests.script(
                url: widgetLive,
                steps: [(2_000, #"{"type":"typing","typing":true}"#)], seconds: 15
            ) { events in events.contains { TypingTests.isTyping($0, type: "typing") } }
            return events.contains {
                TypingTests.isTyping($0, type: "typing") && $0["name"] as? String == "Olga Owner"
            }
        }
        let rileySide = try await TypingTests.script(
            url: rileyLive, steps: [(0, watching)], seconds: 15
        ) { events in
            events.contains { event in
                event["type"] as? String == "presence"
                    && (event["members"] as? [[String: Any]] ?? []).contains {
                        $0["displayName"] as? String == "Olga Owner" && $0["typing"] as? Bool == true
                    }
            }
        }
        let seenByOwner = try await ownerSide.value
        let seenByCustomer = try await customerSide.value

        let line = rileySide.last { $0["type"] as? String == "presence" }
        let names = (line?["members"] as? [[String: Any]] ?? []).compactMap { $0["displayName"] as? String }
        #expect(Set(names) == ["Olga Owner", "Riley"], "Riley's presence line: \(rileySide)")
        #expect(seenByCustomer, "the widget on the other instance shows the owner typing")
        #expect(seenByOwner, "the owner on the other instance sees the customer typing")
    }
}

/// Two `Presence` actors wired as two instances are: what one relays, the other receives.
@Suite struct PresenceRelayTests {
    /// The last presence line `stream` got, as member names (typing ones marked `*`).
    static func lastLine(_ received: [String]) -> [String]? {
        received.compactMap { text -> [String]? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                object["type"] as? String == "presence"
            else { return nil }
            return (object["members"] as? [[String: Any]] ?? []).map {
                ($0["displayName"] as? String ?? "") + ($0["typing"] as? Bool == true ? "*" : "")
            }
        }.last
    }

    @Test func anotherInstancesViewersShowUntilTheyAreNoLongerAnnounced() async throws {
        let (relayed, relay) = AsyncStream.makeStream(of: String.self)
        let first = Presence(relay: { relay.yield($0) })
        let second = Presence()
        let (stream, outgoing) = AsyncStream.makeStream(of: String.self)
        let (elsewhere, elsewhereOutgoing) = AsyncStream.makeStream(of: String.self)
        let riley = await second.join(
            teamID: "tm_a", member: MemberRef(id: "mb_r", displayName: "Riley"), outgoing: outgoing)
        await second.update(riley, ticketNumber: 10001, typing: false)
        let olga = await first.join(
            teamID: "tm_a", member: MemberRef(id: "mb_o", displayName: "Olga"), outgoing: elsewhereOutgoing)
        // Another team's viewer of its own ticket 10001 is not Riley's business.
        let stranger = await first.join(
            teamID: "tm_b", member: MemberRef(id: "mb_s", displayName: "Stranger"), outgoing: elsewhereOutgoing)
        await first.update(stranger, ticketNumber: 10001, typing: false)
        await first.update(olga, ticketNumber: 10001, typing: true)
        relay.finish()
        let start = ContinuousClock.now
        for await signal in relayed { await second.receive(signal, now: start) }
        outgoing.finish()
        elsewhereOutgoing.finish()
        var lines: [String] = []
        for await text in stream { lines.append(text) }
        #expect(Self.lastLine(lines) == ["Olga*", "Riley"])
        _ = elsewhere

        // Olga's instance stops announcing her (it died): after the lifetime she is gone.
        let (again, outgoingAgain) = AsyncStream.makeStream(of: String.self)
        let watcher = await second.join(
            teamID: "tm_a", member: MemberRef(id: "mb_w", displayName: "Wes"), outgoing: outgoingAgain)
        await second.update(watcher, ticketNumber: 10001, typing: false)
        await second.refresh(now: start + .seconds(10))
        await second.refresh(now: start + Presence.remoteLifetime + .seconds(1))
        outgoingAgain.finish()
        var after: [String] = []
        for await text in again { after.append(text) }
        #expect(Self.lastLine(after) == ["Riley", "Wes"])
    }
}
