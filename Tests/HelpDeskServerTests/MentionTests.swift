import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// @mentions in notes: stored with the note, returned by the API and on the
/// live feed (where the operator app alerts the mentioned member).
@Suite struct MentionTests {
    @Test func aNoteNamesTheMembersItMentionsInTheTeamOnly() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        let sam = try await acme.member("Sam")
        let other = try await desk.team("Other")
        _ = try await other.member("Riley Quinn")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let note = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: sam.token,
                json: json(["body": "@riley quinn can you call them? (not ana@example.com, not @Samuel)"]))
            #expect(note.status == .created, "\(note.text)")
            #expect(note.object["mentions"] as? [String] == [riley.member.id])

            let plain = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: sam.token, json: json(["body": "No one."]))
            #expect(plain.object["mentions"] as? [String] == [])

            let timeline = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken)
            let notes = timeline.items.filter { $0["kind"] as? String == "note" }
            #expect(notes.map { $0["mentions"] as? [String] } == [[riley.member.id], []])
        }
    }

    @Test func theLiveFeedCarriesTheMentions() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley")
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let number = try await openTicket(client, token: acme.ownerToken)
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await client.call(
                    .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                    json: json(["body": "@Riley please look"]))
            }
            let events = try await LiveUpdatesTests.collect(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(riley.token)&after=0", seconds: 15
            ) { events in
                events.contains { ($0["entry"] as? [String: Any])?["kind"] as? String == "note" }
            }
            try await writer.value
            let note = events.compactMap { $0["entry"] as? [String: Any] }.first { $0["kind"] as? String == "note" }
            #expect(note?["mentions"] as? [String] == [riley.member.id])
        }
    }
}
