import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

/// Merging a ticket into another through the API: the source shows `merged`
/// and where it went, the target's timeline shows the source's entries marked
/// with their ticket, the customer's new messages follow, and an undo within
/// ten minutes puts both tickets back as they were.
@Suite struct MergeTests {
    static let start = Timestamp(microseconds: 1_800_000_000_000_000)

    static func merge(
        _ client: any TestClientProtocol, _ number: Int, into target: Any, token: String
    ) async throws -> TestResponse {
        try await client.call(
            .post, "/api/v1/tickets/\(number)/merge", token: token, json: json(["into": target]))
    }

    static func timeline(_ client: any TestClientProtocol, _ number: Int, token: String) async throws
        -> [[String: Any]]
    {
        try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: token).items
    }

    /// A JSON value written with sorted keys, for comparing whole documents.
    static func canonical(_ value: Any) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    static let mergeEvents: Set<String> = ["merged", "mergedInto", "unmerged"]

    @Test func theSourceShowsMergedAndTheTargetsTimelineJoinsItsEntries() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let source = try await openTicket(client, token: acme.ownerToken, subject: "Parcel late", body: "Where?")
            let target = try await openTicket(client, token: acme.ownerToken, subject: "Parcel", body: "Hello")
            let note = try await client.call(
                .post, "/api/v1/tickets/\(source)/notes", token: acme.ownerToken, json: json(["body": "Asked DHL"]))
            #expect(note.status == .created, "\(note.text)")
            #expect(
                try await client.call(.get, "/api/v1/tickets/\(source)", token: sam.token).object["mergedInto"]
                    is NSNull)

            // An operator may merge, as they may change any ticket of the team.
            let merged = try await Self.merge(client, source, into: target, token: sam.token)
            #expect(merged.status == .ok, "\(merged.text)")
            #expect(merged.object["number"] as? Int == target)
            #expect(merged.object["status"] as? String == "open")
            #expect(merged.object["mergedInto"] is NSNull)

            let shown = try await client.call(.get, "/api/v1/tickets/\(source)", token: acme.ownerToken).object
            #expect(shown["status"] as? String == "merged")
            #expect(shown["mergedInto"] as? Int == target)

            let joined = try await Self.timeline(client, target, token: acme.ownerToken)
            let ids = joined.compactMap { ($0["id"] as? String).flatMap { Int64($0) } }
            // The target's `created` event first, then every entry in time order.
            #expect(joined.first?["event"] as? String == "created" && joined.first?["mergedFrom"] == nil)
            #expect(Array(ids.dropFirst()) == ids.dropFirst().sorted(), "in time order")
            let fromSource = joined.filter { $0["mergedFrom"] as? Int == source }
            #expect(fromSource.contains { $0["body"] as? String == "Asked DHL" })
            #expect(fromSource.contains { $0["body"] as? String == "Where?" })
            #expect(fromSource.contains { $0["event"] as? String == "created" })
            #expect(fromSource.contains { $0["event"] as? String == "mergedInto" })
            #expect(!joined.contains { $0["body"] as? String == "Hello" && $0["mergedFrom"] != nil })
            let event = try #require(joined.first { $0["event"] as? String == "merged" })
            #expect(event["from"] as? String == String(source))
            #expect(event["mergedFrom"] == nil)
            #expect((event["actor"] as? [String: Any])?["name"] as? String == "Sam")

            let own = try await Self.timeline(client, source, token: acme.ownerToken)
            #expect(own.contains { $0["event"] as? String == "mergedInto" && $0["to"] as? String == String(target) })
            #expect(!own.contains { $0["body"] as? String == "Hello" })

            // Out of the unresolved views, listed with the resolved ones; not a status to filter by.
            let unassigned = try await client.call(.get, "/api/v1/tickets?view=unassigned", token: acme.ownerToken)
            #expect(unassigned.items.compactMap { $0["number"] as? Int } == [target])
            let resolved = try await client.call(.get, "/api/v1/tickets?view=resolved", token: acme.ownerToken)
            #expect(resolved.items.compactMap { $0["status"] as? String } == ["merged"])
            let all = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken)
            #expect(all.items.compactMap { $0["number"] as? Int } == [target, source])
            let filtered = try await client.call(.get, "/api/v1/tickets?status=merged", token: acme.ownerToken)
            #expect(filtered.status == .badRequest, "\(filtered.text)")

            // Only the undo changes a merged ticket; nobody sets `merged` by hand.
            let reopen = try await client.call(
                .patch, "/api/v1/tickets/\(source)", token: acme.ownerToken, json: json(["status": "open"]))
            #expect(reopen.status == .conflict, "\(reopen.text)")
            #expect((reopen.object["detail"] as? String)?.contains("merged into ticket \(target)") == true)
            let pickUp = try await client.call(.post, "/api/v1/tickets/\(source)/pickup", token: sam.token)
            #expect(pickUp.status == .conflict, "\(pickUp.text)")
            let byHand = try await client.call(
                .patch, "/api/v1/tickets/\(target)", token: acme.ownerToken, json: json(["status": "merged"]))
            #expect(byHand.status.code >= 400 && byHand.status.code < 500, "\(byHand.text)")
            #expect(
                try await client.call(.get, "/api/v1/tickets/\(target)", token: acme.ownerToken).object["status"]
                    as? String == "open")
        }
    }

    @Test func refusedMergesNameWhyAndAnotherTeamsTicketsAreNotFound() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let other = try await desk.team("Other")
        let hobby = try await desk.team("Small", plan: .hobby)
        try await desk.test { client in
            let a = try await openTicket(client, token: acme.ownerToken)
            let b = try await openTicket(client, token: acme.ownerToken)
            let c = try await openTicket(client, token: acme.ownerToken)
            for _ in 0..<4 { try await openTicket(client, token: other.ownerToken) }

            let itself = try await Self.merge(client, a, into: a, token: acme.ownerToken)
            #expect(itself.status == .conflict, "\(itself.text)")
            #expect((itself.object["detail"] as? String)?.contains("into itself") == true)

            #expect(try await Self.merge(client, a, into: b, token: acme.ownerToken).status == .ok)
            let again = try await Self.merge(client, a, into: c, token: acme.ownerToken)
            #expect(again.status == .conflict, "\(again.text)")
            #expect((again.object["detail"] as? String)?.contains("already merged into ticket \(b)") == true)
            let intoMerged = try await Self.merge(client, c, into: a, token: acme.ownerToken)
            #expect(intoMerged.status == .conflict, "\(intoMerged.text)")
            #expect((intoMerged.object["detail"] as? String)?.contains("itself merged into ticket \(b)") == true)

            let notMerged = try await client.call(.post, "/api/v1/tickets/\(c)/unmerge", token: acme.ownerToken)
            #expect(notMerged.status == .conflict, "\(notMerged.text)")
            #expect((notMerged.object["detail"] as? String)?.contains("not merged") == true)

            // The other team has a ticket numbered 10004; Acme does not.
            let unknownTarget = try await Self.merge(client, c, into: 10004, token: acme.ownerToken)
            #expect(unknownTarget.status == .notFound, "\(unknownTarget.text)")
            let unknownSource = try await Self.merge(client, 10004, into: c, token: acme.ownerToken)
            #expect(unknownSource.status == .notFound, "\(unknownSource.text)")
            // The other team's own 10001 is untouched by Acme's merge of its 10001.
            let theirs = try await client.call(.get, "/api/v1/tickets/\(a)", token: other.ownerToken).object
            #expect(theirs["status"] as? String == "open")
            let undoTheirs = try await client.call(.post, "/api/v1/tickets/\(a)/unmerge", token: other.ownerToken)
            #expect(undoTheirs.status == .conflict, "\(undoTheirs.text)")

            let badBody = try await Self.merge(client, c, into: "10002", token: acme.ownerToken)
            #expect(badBody.status == .badRequest, "\(badBody.text)")
            let noTicket = try await Self.merge(client, c, into: 0, token: acme.ownerToken)
            #expect(noTicket.status == .badRequest, "\(noTicket.text)")

            // Without the Help Desk plan there are no tickets to merge.
            let planless = try await Self.merge(client, 10001, into: 10002, token: hobby.ownerToken)
            #expect(planless.status == .forbidden, "\(planless.text)")
            #expect(
                try await client.call(.post, "/api/v1/tickets/10001/unmerge", token: hobby.ownerToken).status
                    == .forbidden)
        }
    }

    @Test func anUndoPutsBothTicketsBackAsTheyWere() async throws {
        let clock = TestClock(Self.start)
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let source = try await openTicket(client, token: acme.ownerToken, subject: "Refund", body: "Please")
            let target = try await openTicket(client, token: acme.ownerToken, subject: "Refund?", body: "Hi")
            #expect(
                try await client.call(.post, "/api/v1/tickets/\(source)/pickup", token: sam.token).status == .ok)
            #expect(
                try await client.call(
                    .patch, "/api/v1/tickets/\(source)", token: sam.token,
                    json: json(["status": "pending", "priority": "high"])
                ).status == .ok)
            try await client.call(
                .post, "/api/v1/tickets/\(target)/notes", token: acme.ownerToken, json: json(["body": "Same person"]))

            func openCount() async throws -> Int? {
                try await client.call(.get, "/api/v1/members", token: acme.ownerToken).items
                    .first { $0["displayName"] as? String == "Sam" }?["openTickets"] as? Int
            }
            /// Both tickets and both timelines, each as canonical JSON; the timelines without
            /// the merge and undo events, which stay as history.
            func snapshot() async throws -> [String] {
                var parts: [String] = []
                for number in [source, target] {
                    parts.append(
                        try Self.canonical(
                            try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken).object))
                }
                for number in [source, target] {
                    let entries = try await Self.timeline(client, number, token: acme.ownerToken)
                        .filter { !Self.mergeEvents.contains($0["event"] as? String ?? "") }
                    parts.append(try Self.canonical(entries))
                }
                return parts
            }
            let before = try await snapshot()
            #expect(try await openCount() == 1)

            clock.advance(seconds: 60)
            #expect(try await Self.merge(client, source, into: target, token: sam.token).status == .ok)
            #expect(try await openCount() == 0, "a merged ticket is not open work")
            #expect(try await snapshot() != before)

            clock.advance(seconds: 9 * 60)
            let undone = try await client.call(.post, "/api/v1/tickets/\(source)/unmerge", token: sam.token)
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(undone.object["number"] as? Int == source)
            #expect(undone.object["status"] as? String == "pending")
            #expect(undone.object["mergedInto"] is NSNull)

            let after = try await snapshot()
            #expect(after == before)
            #expect(try await openCount() == 1)
            // The history stays: merged and unmerged on both.
            let targetEvents = try await Self.timeline(client, target, token: acme.ownerToken)
                .compactMap { $0["event"] as? String }.filter(Self.mergeEvents.contains)
            #expect(targetEvents == ["merged", "unmerged"])
            let sourceEvents = try await Self.timeline(client, source, token: acme.ownerToken)
                .compactMap { $0["event"] as? String }.filter(Self.mergeEvents.contains)
            #expect(sourceEvents == ["mergedInto", "unmerged"])
        }
    }

    @Test func aMergeCanBeUndoneForTenMinutesOnly() async throws {
        let clock = TestClock(Self.start)
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        try await desk.test { client in
            let source = try await openTicket(client, token: acme.ownerToken)
            let target = try await openTicket(client, token: acme.ownerToken)
            #expect(try await Self.merge(client, source, into: target, token: acme.ownerToken).status == .ok)
            clock.advance(seconds: 10 * 60 + 1)
            let late = try await client.call(.post, "/api/v1/tickets/\(source)/unmerge", token: acme.ownerToken)
            #expect(late.status == .conflict, "\(late.text)")
            #expect(
                late.object["detail"] as? String
                    == "the merge can no longer be undone: a merge can be undone for 10 minutes")
            let shown = try await client.call(.get, "/api/v1/tickets/\(source)", token: acme.ownerToken).object
            #expect(shown["status"] as? String == "merged")
        }
    }

    @Test func theCustomersNextMessageOnTheMergedConversationLandsOnTheTarget() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            try await widget.say(client, token, "My order 4821 never arrived and the tracking link is dead")
            let escalated = try await widget.say(client, token, "I want to talk to a person")
            let source = try #require(escalated["ticketNumber"] as? Int)
            let owner = widget.acme.ownerToken
            let target = try await openTicket(client, token: owner, subject: "Order 4821", body: "By email")
            let resolve = try await client.call(
                .patch, "/api/v1/tickets/\(target)", token: owner, json: json(["status": "resolved"]))
            #expect(resolve.status == .ok)
            #expect(try await Self.merge(client, source, into: target, token: owner).status == .ok)

            try await widget.say(client, token, "Any news on my parcel?")

            // The target was resolved: the customer writing again reopens it, as on its own conversation.
            let shown = try await client.call(.get, "/api/v1/tickets/\(target)", token: owner).object
            #expect(shown["status"] as? String == "open")
            let timeline = try await Self.timeline(client, target, token: owner)
            #expect(
                timeline.contains {
                    $0["body"] as? String == "Any news on my parcel?" && $0["mergedFrom"] as? Int == source
                })
            #expect(timeline.last { $0["event"] as? String == "reopened" } != nil)
            let merged = try await client.call(.get, "/api/v1/tickets/\(source)", token: owner).object
            #expect(merged["status"] as? String == "merged")
        }
    }
}

extension MergeTests {
    @Test func aMergeAndItsUndoArriveLiveOnBothTickets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let source = try await openTicket(client, token: acme.ownerToken, subject: "One")
            let target = try await openTicket(client, token: acme.ownerToken, subject: "Two")
            let url = "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)"
            let token = acme.ownerToken
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                let merged = try await Self.merge(client, source, into: target, token: token)
                #expect(merged.status == .ok)
                let undone = try await client.call(.post, "/api/v1/tickets/\(source)/unmerge", token: token)
                #expect(undone.status == .ok)
            }
            @Sendable func mergeEvents(_ messages: [[String: Any]]) -> [String] {
                messages.compactMap { message in
                    guard let entry = message["entry"] as? [String: Any], let event = entry["event"] as? String,
                        Self.mergeEvents.contains(event), let number = (message["ticket"] as? [String: Any])?["number"]
                    else { return nil }
                    return "\(event) \(number)"
                }
            }
            let messages = try await LiveUpdatesTests.collect(url: url) { mergeEvents($0).count >= 4 }
            try await writer.value
            #expect(
                mergeEvents(messages) == [
                    "mergedInto \(source)", "merged \(target)", "unmerged \(source)", "unmerged \(target)",
                ])
        }
    }
}

extension MergeTests {
    @Test func suggestionsAreTheRequestersOtherUnresolvedTicketsOfTheDay() async throws {
        let clock = TestClock(Self.start)
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        let other = try await desk.team("Other")
        try await desk.test { client in
            let token = acme.ownerToken
            let first = try await openTicket(client, token: token, email: "ana@example.com")
            clock.advance(seconds: 3600)
            let second = try await openTicket(client, token: token, email: "ANA@example.com")
            let stranger = try await openTicket(client, token: token, email: "bo@example.com")
            let done = try await openTicket(client, token: token, email: "ana@example.com")
            #expect(
                try await client.call(
                    .patch, "/api/v1/tickets/\(done)", token: token, json: json(["status": "resolved"])
                ).status == .ok)
            try await openTicket(client, token: other.ownerToken, email: "ana@example.com")
            clock.advance(seconds: 24 * 3600 - 60)
            let later = try await openTicket(client, token: token, email: "ana@example.com")

            func suggested(_ number: Int) async throws -> [Int] {
                let response = try await client.call(
                    .get, "/api/v1/tickets/\(number)/merge-suggestions", token: token)
                #expect(response.status == .ok, "\(response.text)")
                return response.items.compactMap { $0["number"] as? Int }
            }
            #expect(try await suggested(first) == [second])
            #expect(try await suggested(second) == [later, first], "newest first")
            #expect(try await suggested(stranger) == [])
            #expect(try await suggested(later) == [second], "the first is more than a day older")
            #expect(try await Self.merge(client, first, into: second, token: token).status == .ok)
            #expect(try await suggested(first) == [])
            #expect(try await suggested(later) == [second])
            let missing = try await client.call(.get, "/api/v1/tickets/10099/merge-suggestions", token: token)
            #expect(missing.status == .notFound)
        }
    }
}

extension MergeTests {
    @Test func suggestionsMatchThePhoneNumberHoweverItIsWritten() async throws {
        let clock = TestClock(Self.start)
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        try await desk.test { client in
            let token = acme.ownerToken
            func open(_ phone: String, name: String = "Bea") async throws -> Int {
                let response = try await client.call(
                    .post, "/api/v1/tickets", token: token,
                    json: json(["subject": "Call me", "requester": ["name": name, "phone": phone]]))
                #expect(response.status == .created, "\(response.text)")
                return response.object["number"] as? Int ?? -1
            }
            let first = try await open("+44 (20) 7946-0018")
            clock.advance(seconds: 600)
            let second = try await open("44.20.7946.0018", name: "B. Jones")
            _ = try await open("+44 20 7946 0019")
            let suggested = try await client.call(
                .get, "/api/v1/tickets/\(first)/merge-suggestions", token: token)
            #expect(suggested.status == .ok, "\(suggested.text)")
            #expect(suggested.items.compactMap { $0["number"] as? Int } == [second])
        }
    }
}

extension MergeTests {
    @Test func theTicketPageOffersTheMergeAndAMergedTicketLinksToItsTarget() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let token = acme.ownerToken
            let attack = "<script>alert(1)</script>"
            let source = try await openTicket(client, token: token, subject: "Late", email: "ana@example.com")
            let target = try await openTicket(client, token: token, subject: attack, email: "ana@example.com")
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)

            let page = try await client.call(.get, "/app/tickets/\(source)", headers: cookies)
            WebAppTests.expectSafePage(page, "/app/tickets/\(source)")
            #expect(page.text.contains("data-testid=\"merge-form\""))
            #expect(page.text.contains("class=\"button-quiet merge-suggestion\" data-into=\"\(target)\""))
            #expect(!page.text.contains(attack))
            #expect(!page.text.contains("data-testid=\"merged-notice\""))

            #expect(try await Self.merge(client, source, into: target, token: token).status == .ok)
            let merged = try await client.call(.get, "/app/tickets/\(source)", headers: cookies)
            WebAppTests.expectSafePage(merged, "/app/tickets/\(source)")
            #expect(merged.text.contains("data-testid=\"merged-notice\""))
            #expect(merged.text.contains("href=\"/app/tickets/\(target)\" id=\"merged-into-link\""))
            #expect(merged.text.contains("id=\"unmerge\""))
            #expect(!merged.text.contains("data-testid=\"merge-form\""))

            let joined = try await client.call(.get, "/app/tickets/\(target)", headers: cookies)
            #expect(joined.text.contains("<span class=\"badge merged-from\">from #\(source)</span>"))
        }
    }
}

extension MergeTests {
    @Test func theTicketPageOffersTheUndoOnlyWhileItCanWork() async throws {
        let clock = TestClock(Self.start)
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        try await desk.test { client in
            let token = acme.ownerToken
            let source = try await openTicket(client, token: token, subject: "Late")
            let target = try await openTicket(client, token: token, subject: "Parcel")
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            #expect(try await Self.merge(client, source, into: target, token: token).status == .ok)
            // To the second: the test clock moves on a microsecond at each reading.
            let deadline = Timestamp(microseconds: Self.start.microseconds + 600_000_000).rfc3339.prefix(19)

            clock.advance(seconds: 599)
            let open = try await client.call(.get, "/app/tickets/\(source)", headers: cookies)
            WebAppTests.expectSafePage(open, "/app/tickets/\(source)")
            #expect(open.text.contains("id=\"unmerge\""))
            #expect(open.text.contains("data-undo-until=\"\(deadline)"), "app.js hides the button then")
            #expect(open.text.contains("id=\"merge-final\" data-testid=\"merge-final\" hidden"))

            clock.advance(seconds: 2)
            let closed = try await client.call(.get, "/app/tickets/\(source)", headers: cookies)
            WebAppTests.expectSafePage(closed, "/app/tickets/\(source)")
            #expect(closed.text.contains("data-testid=\"merged-notice\""))
            #expect(!closed.text.contains("id=\"unmerge\""))
            #expect(!closed.text.contains("data-undo-until"))
            #expect(closed.text.contains("The merge can no longer be undone"))
            let refused = try await client.call(.post, "/api/v1/tickets/\(source)/unmerge", token: token)
            #expect(refused.status == .conflict, "the page agrees with the API")
        }
    }
}
