import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

@testable import HelpDeskServer

/// `/api/v1/live` over a real WebSocket on loopback.
@Suite struct LiveUpdatesTests {
    /// Collects text messages until `until` says enough (or a time limit passes).
    static func collect(
        url: String, headers: HTTPFields = [:], send: [String] = [], seconds: Double = 5,
        until: @escaping @Sendable ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        let received = Received()
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = headers
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "test")) {
            inbound, outbound, _ in
            for text in send { try await outbound.write(.text(text)) }
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            let reader = Task {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { received.texts.withLock { $0.append(text) } }
                }
            }
            while ContinuousClock.now < deadline {
                let parsed = received.texts.withLock { $0 }.compactMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }
                if until(parsed) { break }
                // The client ends the handler's task when the connection closes; what arrived is kept.
                do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
            }
            reader.cancel()
            try? await outbound.close(.normalClosure, reason: nil)
        }
        return received.texts.withLock { $0 }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func newTicketsAndEntriesArriveLiveAndAReconnectResumes() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let other = try await desk.team("Other")
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let url = "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)"
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await openTicket(client, token: acme.ownerToken, subject: "Live one")
                _ = try await openTicket(client, token: other.ownerToken, subject: "Other team secret")
                _ = try await client.call(
                    .post, "/api/v1/tickets/10001/notes", token: acme.ownerToken, json: json(["body": "live note"]))
            }
            // From the team's first entry (`after=0`), so a socket that opens after the writer began misses nothing.
            let events = try await Self.collect(url: url + "&after=0", seconds: 15) { events in
                events.contains { ($0["entry"] as? [String: Any])?["kind"] as? String == "note" }
            }
            try await writer.value
            let entries = events.filter { $0["type"] as? String == "entry" }
            #expect(entries.contains { ($0["entry"] as? [String: Any])?["event"] as? String == "created" })
            #expect(entries.contains { ($0["ticket"] as? [String: Any])?["subject"] as? String == "Live one" })
            #expect(
                !entries.contains { ($0["ticket"] as? [String: Any])?["subject"] as? String == "Other team secret" })
            let ids = entries.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted())

            // Reconnect after the first entry: everything after it is replayed, nothing before.
            let first = try #require(ids.first)
            let replay = try await Self.collect(url: url + "&after=\(first)", seconds: 15) { $0.count >= ids.count - 1 }
            #expect(replay.compactMap { $0["id"] as? Int } == Array(ids.dropFirst()))

            // Without credentials there is no upgrade.
            await #expect(throws: (any Error).self) {
                _ = try await Self.collect(url: "ws://127.0.0.1:\(port)/api/v1/live", seconds: 0.5) { _ in false }
            }
        }
    }

    /// The open feeds of a team share one read per change: ten feeds, one note, one or two reads
    /// of the store (not ten), and every feed gets the same event.
    @Test func theFeedsOfATeamShareOneReadPerChange() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            _ = try await openTicket(client, token: acme.ownerToken)
            let cursor = try await desk.helpDesk.liveCursor(
                try #require(try await desk.helpDesk.authenticate(token: acme.ownerToken)).caller)
            let url = "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)&after=\(cursor)"
            func reads() -> Int { TeamFeed.reads.withLock { $0[acme.team.id] ?? 0 } }
            // Each feed's ids of the note's event.
            let feeds = (0..<10).map { _ in
                Task {
                    let events = try await Self.collect(url: url, seconds: 30) { events in
                        events.contains { ($0["entry"] as? [String: Any])?["body"] as? String == "shared note" }
                    }
                    return events.filter { ($0["entry"] as? [String: Any])?["body"] as? String == "shared note" }
                        .compactMap { $0["id"] as? Int }
                }
            }
            // Every feed is open and has read what there was before the note.
            try await Task.sleep(for: .milliseconds(2_000))
            let before = reads()
            _ = try await client.call(
                .post, "/api/v1/tickets/10001/notes", token: acme.ownerToken, json: json(["body": "shared note"]))
            var notes: [[Int]] = []
            for feed in feeds { notes.append(try await feed.value) }
            let after = reads()
            #expect((1...3).contains(after - before), "reads for one change with ten feeds: \(after - before)")
            #expect(notes.count == 10)
            #expect(Set(notes.map { $0.count }) == [1])
            #expect(Set(notes.flatMap { $0 }).count == 1)
        }
    }

    /// A member removed while their feed is open is sent nothing of the removal (their tickets
    /// unassigned and routed again, written in the same transaction) and their feed closes; the
    /// other feeds of the team get those events.
    @Test func aRemovedMembersFeedGetsNothingOfTheRemoval() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", availability: .online)
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let number = try await openTicket(client, token: acme.ownerToken)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken).object
            #expect((ticket["assignee"] as? [String: Any])?["id"] as? String == sam.member.id)
            let base = "ws://127.0.0.1:\(port)/api/v1/live?token="
            @Sendable func removal(_ events: [[String: Any]]) -> Bool {
                events.contains {
                    (($0["entry"] as? [String: Any])?["detail"] as? String)?.contains("Sam was removed") == true
                }
            }
            let samFeed = Task { removal(try await Self.collect(url: base + sam.token, seconds: 8) { removal($0) }) }
            let ownerFeed = Task {
                removal(try await Self.collect(url: base + acme.ownerToken, seconds: 15) { removal($0) })
            }
            try await Task.sleep(for: .milliseconds(1_500))
            let removed = try await client.call(
                .delete, "/api/v1/members/\(sam.member.id)", token: acme.ownerToken)
            #expect(removed.status == .noContent)
            #expect(try await ownerFeed.value)
            #expect(try await samFeed.value == false)
        }
    }

    @Test func presenceShowsWhoIsViewingAndTyping() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley")
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            _ = try await openTicket(client, token: acme.ownerToken)
            let rileyTask = Task {
                _ = try await Self.collect(
                    url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(riley.token)",
                    send: [#"{"type":"presence","ticketNumber":10001,"typing":true}"#], seconds: 3
                ) { _ in false }
            }
            let seen = try await Self.collect(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)",
                send: [#"{"type":"presence","ticketNumber":10001,"typing":false}"#]
            ) { events in
                events.contains { event in
                    (event["members"] as? [[String: Any]])?.contains {
                        $0["displayName"] as? String == "Riley" && $0["typing"] as? Bool == true
                    } == true
                }
            }
            rileyTask.cancel()
            let presence = seen.filter { $0["type"] as? String == "presence" }
            #expect(
                presence.contains { event in
                    (event["members"] as? [[String: Any]])?.contains {
                        $0["displayName"] as? String == "Riley" && $0["typing"] as? Bool == true
                    } == true
                })
        }
    }

    /// An idle widget socket reads nothing; a write to its conversation wakes
    /// it at once. (Before the change feed each socket read every 500 ms.)
    @Test func anIdleWidgetSocketReadsNothingAndAWriteWakesIt() async throws {
        let desk = try TestHelpDesk()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // The test client sends `Origin: ws://127.0.0.1`, which only "*" allows.
            let widget = try await WidgetFixture.make(desk, client: client, allowedOrigins: ["*"])
            let visitor = try await widget.session(client)
            let conversation = try await desk.helpDesk.visitorConversation(channelID: widget.channelID, token: visitor)
            func reads() -> Int? { WidgetLive.reads.withLock { $0[conversation.id]?.reads } }
            let url = "ws://127.0.0.1:\(port)\(widget.base)/live?visitorToken=\(visitor)"
            let idle = Mutex<(before: Int, after: Int)?>(nil)
            let writer = Task {
                while (reads() ?? 0) < 1 { try await Task.sleep(for: .milliseconds(20)) }
                let before = try #require(reads())
                // Polling every 500 ms would read at least twice in this second.
                try await Task.sleep(for: .milliseconds(1_000))
                idle.withLock { $0 = (before, reads() ?? -1) }
                try await widget.say(client, visitor, "are you there, live socket?")
            }
            // Generous: on a loaded 2-core machine the suite's other servers share the cores.
            let events = try await Self.collect(url: url, seconds: 30) { events in
                events.contains {
                    ($0["message"] as? [String: Any])?["body"] as? String == "are you there, live socket?"
                }
            }
            try await writer.value
            let counted = try #require(idle.withLock { $0 })
            #expect(counted.after == counted.before, "reads while idle: \(counted.before) → \(counted.after)")
            #expect(events.contains { $0["type"] as? String == "config" })
            #expect(
                events.contains {
                    ($0["message"] as? [String: Any])?["body"] as? String == "are you there, live socket?"
                })
        }
    }

    @Test func theHTTPRouteExplainsTheUpgradeAndCountsFeedTheTabs() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            #expect(try await client.call(.get, "/api/v1/live").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/live", token: acme.ownerToken).status == .upgradeRequired)
            _ = try await openTicket(client, token: acme.ownerToken)
            _ = try await openTicket(client, token: acme.ownerToken)
            _ = try await client.call(
                .patch, "/api/v1/tickets/10002", token: acme.ownerToken, json: json(["status": "resolved"]))
            _ = try await client.call(.post, "/api/v1/tickets/10001/pickup", token: acme.ownerToken)
            let counts = try await client.call(.get, "/api/v1/tickets/counts", token: acme.ownerToken).object
            #expect(counts["mine"] as? Int == 1)
            #expect(counts["unassigned"] as? Int == 0)
            #expect(counts["all"] as? Int == 1)
            #expect(counts["resolved"] as? Int == 1)
        }
    }
}

/// Text messages a test socket received.
final class Received: Sendable {
    let texts = Mutex<[String]>([])
}
