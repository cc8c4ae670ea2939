import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

/// Tags through the API: owners and managers keep the team's list, every
/// member tags the tickets they work on (once, with one timeline event), the
/// inbox shows and filters by them, and another team's never show.
@Suite struct TagsTests {
    static func fields(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    static func names(_ response: TestResponse) -> [String] {
        response.items.compactMap { $0["name"] as? String }
    }

    static func tags(_ response: TestResponse) -> [String]? {
        response.object["tags"] as? [String]
    }

    /// The ticket's tag events, as "tagAdded vip by Sam".
    static func tagEvents(_ client: any TestClientProtocol, token: String, number: Int) async throws -> [String] {
        let timeline = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: token)
        return timeline.items.compactMap { entry -> String? in
            guard let event = entry["event"] as? String, event.hasPrefix("tag") else { return nil }
            let name = (event == "tagAdded" ? entry["to"] : entry["from"]) as? String ?? "?"
            let actor = (entry["actor"] as? [String: Any])?["name"] as? String ?? "nobody"
            return "\(event) \(name) by \(actor)"
        }
    }

    @Test func ownersAndManagersManageTagsAndEveryoneReadsThem() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let manager = try await acme.member("Max", role: .manager)
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let created = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "  VIP ", "color": "#FF8800"]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["name"] as? String == "vip")
            #expect(created.object["color"] as? String == "#ff8800")
            let billing = try await client.call(
                .post, "/api/v1/tags", token: manager.token, json: json(["name": "Billing"]))
            #expect(billing.status == .created, "\(billing.text)")
            #expect(billing.object["color"] as? String == "#6b7280", "the default colour")

            for token in [acme.ownerToken, manager.token, sam.token] {
                let list = try await client.call(.get, "/api/v1/tags", token: token)
                #expect(list.status == .ok)
                #expect(Self.names(list) == ["billing", "vip"])
            }

            // Names compare ignoring case.
            let duplicate = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "BILLING"]))
            #expect(duplicate.status == .conflict, "\(duplicate.text)")

            // An operator changes nothing in the list.
            let refusals = [
                try await client.call(.post, "/api/v1/tags", token: sam.token, json: json(["name": "mine"])),
                try await client.call(.put, "/api/v1/tags/vip", token: sam.token, json: json(["color": "#000000"])),
                try await client.call(.delete, "/api/v1/tags/vip", token: sam.token),
                try await client.call(.post, "/api/v1/tags", token: sam.token, json: "{not json"),
            ]
            for refusal in refusals {
                #expect(refusal.status == .forbidden, "\(refusal.text)")
                #expect((refusal.object["detail"] as? String)?.contains("owners and managers") == true)
            }

            // Recoloured by any case of its name; then deleted.
            let recoloured = try await client.call(
                .put, "/api/v1/tags/Vip", token: manager.token, json: json(["color": "#00AA00"]))
            #expect(recoloured.status == .ok, "\(recoloured.text)")
            #expect(recoloured.object["name"] as? String == "vip")
            #expect(recoloured.object["color"] as? String == "#00aa00")
            let deleted = try await client.call(.delete, "/api/v1/tags/VIP", token: acme.ownerToken)
            #expect(deleted.status == .noContent)
            let list = try await client.call(.get, "/api/v1/tags", token: sam.token)
            #expect(list.items.map { "\($0["name"] ?? "") \($0["color"] ?? "")" } == ["billing #6b7280"])
            for (method, body) in [(HTTPRequest.Method.delete, nil as String?), (.put, json(["color": "#000000"]))] {
                let gone = try await client.call(method, "/api/v1/tags/vip", token: acme.ownerToken, json: body)
                #expect(gone.status == .notFound, "\(method)")
            }
            let anonymous = try await client.call(.get, "/api/v1/tags")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let cases: [([String: Any?], [String])] = [
                (["name": " \t "], ["name"]),
                (["name": String(repeating: "n", count: 41)], ["name"]),
                (["name": "two\nlines"], ["name"]),
                (["name": "ok", "color": "red"], ["color"]),
                (["name": "ok", "color": "#12345"], ["color"]),
                (["name": "", "color": "#zzzzzz"], ["name", "color"]),
            ]
            for (body, expected) in cases {
                let refused = try await client.call(.post, "/api/v1/tags", token: acme.ownerToken, json: json(body))
                #expect(refused.status == .badRequest, "\(body)")
                #expect(Self.fields(refused) == expected, "\(body): \(refused.text)")
            }
            let fortyIsFine = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": String(repeating: "n", count: 40)]))
            #expect(fortyIsFine.status == .created)
            let missing = try await client.call(.post, "/api/v1/tags", token: acme.ownerToken, json: json([:]))
            #expect(missing.status == .badRequest)
            let nullColor = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "x", "color": nil]))
            #expect(nullColor.status == .badRequest)

            _ = try await client.call(.post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "vip"]))
            let badColour = try await client.call(
                .put, "/api/v1/tags/vip", token: acme.ownerToken, json: json(["color": "blue"]))
            #expect(badColour.status == .badRequest)
            #expect(Self.fields(badColour) == ["color"])

            // A name in a path follows the same rules.
            for path in ["/api/v1/tickets/\(number)/tags/a%0Ab", "/api/v1/tags/a%09b"] {
                let refused = try await client.call(
                    .put, path, token: acme.ownerToken, json: json(["color": "#000000"]))
                #expect(refused.status == .badRequest, "\(path): \(refused.text)")
                #expect(Self.fields(refused) == ["name"])
            }
            let long = try await client.call(
                .delete, "/api/v1/tickets/\(number)/tags/\(String(repeating: "x", count: 41))", token: acme.ownerToken)
            #expect(long.status == .badRequest)
            #expect(Self.fields(long) == ["name"])
        }
    }

    @Test func taggingATicketIsIdempotentAndOnTheTimeline() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            _ = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "vip", "color": "#ff0000"]))

            // An operator tags with a name the team has no tag for: the tag is made, with the default colour.
            let added = try await client.call(.put, "/api/v1/tickets/\(number)/tags/Late%20Refund", token: sam.token)
            #expect(added.status == .ok, "\(added.text)")
            #expect(Self.tags(added) == ["late refund"])
            #expect(added.object["number"] as? Int == number)
            let list = try await client.call(.get, "/api/v1/tags", token: sam.token)
            #expect(
                list.items.map { "\($0["name"] ?? "") \($0["color"] ?? "")" } == ["late refund #6b7280", "vip #ff0000"])

            let vip = try await client.call(.put, "/api/v1/tickets/\(number)/tags/VIP", token: sam.token)
            #expect(Self.tags(vip) == ["late refund", "vip"])
            // Again: the same answer, nothing written.
            let again = try await client.call(.put, "/api/v1/tickets/\(number)/tags/vip", token: acme.ownerToken)
            #expect(again.status == .ok)
            #expect(Self.tags(again) == ["late refund", "vip"])

            let detail = try await client.call(.get, "/api/v1/tickets/\(number)", token: sam.token)
            #expect(Self.tags(detail) == ["late refund", "vip"])

            let removed = try await client.call(.delete, "/api/v1/tickets/\(number)/tags/vip", token: sam.token)
            #expect(removed.status == .ok)
            #expect(Self.tags(removed) == ["late refund"])
            let removedAgain = try await client.call(.delete, "/api/v1/tickets/\(number)/tags/vip", token: sam.token)
            #expect(removedAgain.status == .ok)
            #expect(Self.tags(removedAgain) == ["late refund"])
            let neverThere = try await client.call(.delete, "/api/v1/tickets/\(number)/tags/unknown", token: sam.token)
            #expect(neverThere.status == .ok)

            #expect(
                try await Self.tagEvents(client, token: sam.token, number: number) == [
                    "tagAdded late refund by Sam", "tagAdded vip by Sam", "tagRemoved vip by Sam",
                ])

            for method in [HTTPRequest.Method.put, .delete] {
                let noTicket = try await client.call(method, "/api/v1/tickets/99999/tags/vip", token: sam.token)
                #expect(noTicket.status == .notFound, "\(method)")
                let badNumber = try await client.call(method, "/api/v1/tickets/abc/tags/vip", token: sam.token)
                #expect(badNumber.status == .badRequest, "\(method)")
            }
        }
    }

    @Test func namesWithSpacesSlashesAndPercentSignsTravelInThePath() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            for (encoded, name) in [("a%2Fb", "a/b"), ("100%25", "100%"), ("caf%C3%A9%20%C3%A9t%C3%A9", "café été")] {
                let added = try await client.call(
                    .put, "/api/v1/tickets/\(number)/tags/\(encoded)", token: acme.ownerToken)
                #expect(added.status == .ok, "\(encoded): \(added.text)")
                #expect(Self.tags(added)?.contains(name) == true, "\(encoded): \(added.text)")
                let recoloured = try await client.call(
                    .put, "/api/v1/tags/\(encoded)", token: acme.ownerToken, json: json(["color": "#111111"]))
                #expect(recoloured.object["name"] as? String == name, "\(encoded): \(recoloured.text)")
                let inbox = try await client.call(
                    .get, "/api/v1/tickets?tag=\(encoded)", token: acme.ownerToken)
                #expect(inbox.items.count == 1, "\(encoded)")
                let removed = try await client.call(
                    .delete, "/api/v1/tickets/\(number)/tags/\(encoded)", token: acme.ownerToken)
                #expect(Self.tags(removed)?.contains(name) == false, "\(encoded): \(removed.text)")
            }
        }
    }

    @Test func inboxRowsCarryTheirTagsAndFilterByOne() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let first = try await openTicket(client, token: acme.ownerToken, subject: "First")
            let second = try await openTicket(client, token: acme.ownerToken, subject: "Second")
            let third = try await openTicket(client, token: acme.ownerToken, subject: "Third")
            for (number, name) in [(first, "billing"), (third, "billing"), (third, "vip")] {
                let tagged = try await client.call(
                    .put, "/api/v1/tickets/\(number)/tags/\(name)", token: acme.ownerToken)
                #expect(tagged.status == .ok)
            }
            let all = try await client.call(.get, "/api/v1/tickets", token: acme.ownerToken)
            var byNumber: [Int: [String]] = [:]
            for row in all.items { byNumber[row["number"] as? Int ?? 0] = row["tags"] as? [String] }
            #expect(byNumber == [first: ["billing"], second: [], third: ["billing", "vip"]])

            let billing = try await client.call(.get, "/api/v1/tickets?tag=Billing", token: acme.ownerToken)
            #expect(billing.status == .ok)
            #expect(billing.items.compactMap { $0["number"] as? Int } == [third, first])
            let vip = try await client.call(.get, "/api/v1/tickets?view=all&tag=vip&limit=1", token: acme.ownerToken)
            #expect(vip.items.compactMap { $0["number"] as? Int } == [third])
            let none = try await client.call(.get, "/api/v1/tickets?tag=no-such-tag", token: acme.ownerToken)
            #expect(none.status == .ok)
            #expect(none.items.isEmpty)
            let any = try await client.call(.get, "/api/v1/tickets?tag=", token: acme.ownerToken)
            #expect(any.items.count == 3, "an empty tag means any")

            // Deleting the tag takes it off every ticket.
            _ = try await client.call(.delete, "/api/v1/tags/billing", token: acme.ownerToken)
            let after = try await client.call(.get, "/api/v1/tickets?tag=billing", token: acme.ownerToken)
            #expect(after.items.isEmpty)
            let third2 = try await client.call(.get, "/api/v1/tickets/\(third)", token: acme.ownerToken)
            #expect(Self.tags(third2) == ["vip"])
            #expect(
                try await Self.tagEvents(client, token: acme.ownerToken, number: third).count == 2,
                "deleting a tag writes no event on each ticket")
        }
    }

    @Test func aTicketCarriesAtMost20TagsAndATeamKeepsAtMost200() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            for index in 0..<20 {
                let tagged = try await client.call(
                    .put, "/api/v1/tickets/\(number)/tags/t\(index)", token: acme.ownerToken)
                #expect(tagged.status == .ok)
            }
            let tooMany = try await client.call(.put, "/api/v1/tickets/\(number)/tags/t20", token: acme.ownerToken)
            #expect(tooMany.status == .unprocessableContent, "\(tooMany.text)")
            #expect((tooMany.object["detail"] as? String)?.contains("20 tags") == true)
            let still = try await client.call(.put, "/api/v1/tickets/\(number)/tags/t3", token: acme.ownerToken)
            #expect(still.status == .ok, "a tag it has is no addition")

            for index in 20..<200 {
                let created = try await client.call(
                    .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "t\(index)"]))
                #expect(created.status == .created)
            }
            let full = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": "overflow"]))
            #expect(full.status == .unprocessableContent, "\(full.text)")
            let other = try await openTicket(client, token: acme.ownerToken, subject: "Other")
            let byTagging = try await client.call(
                .put, "/api/v1/tickets/\(other)/tags/overflow", token: acme.ownerToken)
            #expect(byTagging.status == .unprocessableContent)
            let existing = try await client.call(.put, "/api/v1/tickets/\(other)/tags/t199", token: acme.ownerToken)
            #expect(existing.status == .ok)
        }
    }

    @Test func anotherTeamsTagsAreNeitherSeenNorUsed() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team("Acme")
        let globex = try await desk.team("Globex")
        try await desk.test { client in
            let acmeTicket = try await openTicket(client, token: acme.ownerToken, subject: "Acme only")
            let tagged = try await client.call(
                .put, "/api/v1/tickets/\(acmeTicket)/tags/secret", token: acme.ownerToken)
            #expect(tagged.status == .ok)

            let list = try await client.call(.get, "/api/v1/tags", token: globex.ownerToken)
            #expect(list.items.isEmpty)
            let recolour = try await client.call(
                .put, "/api/v1/tags/secret", token: globex.ownerToken, json: json(["color": "#000000"]))
            #expect(recolour.status == .notFound)
            let delete = try await client.call(.delete, "/api/v1/tags/secret", token: globex.ownerToken)
            #expect(delete.status == .notFound)
            let filtered = try await client.call(.get, "/api/v1/tickets?tag=secret", token: globex.ownerToken)
            #expect(filtered.items.isEmpty)
            // Globex has no ticket of that number yet: Acme's is not found, not tagged.
            let acrossTeams = try await client.call(
                .put, "/api/v1/tickets/\(acmeTicket + 1)/tags/secret", token: globex.ownerToken)
            #expect(acrossTeams.status == .notFound)

            let globexTicket = try await openTicket(client, token: globex.ownerToken, subject: "Globex only")
            let own = try await client.call(
                .put, "/api/v1/tickets/\(globexTicket)/tags/secret", token: globex.ownerToken)
            #expect(Self.tags(own) == ["secret"])
            let acmeInbox = try await client.call(.get, "/api/v1/tickets?tag=secret", token: acme.ownerToken)
            #expect(acmeInbox.items.compactMap { $0["subject"] as? String } == ["Acme only"])
            _ = try await client.call(.delete, "/api/v1/tags/secret", token: globex.ownerToken)
            let acmeStill = try await client.call(.get, "/api/v1/tickets/\(acmeTicket)", token: acme.ownerToken)
            #expect(Self.tags(acmeStill) == ["secret"])
        }
    }

    @Test func tagChangesArriveOnTheLiveFeedWithTheTicketsTags() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let number = try await openTicket(client, token: acme.ownerToken)
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await client.call(.put, "/api/v1/tickets/\(number)/tags/vip", token: acme.ownerToken)
                _ = try await client.call(.delete, "/api/v1/tickets/\(number)/tags/vip", token: acme.ownerToken)
            }
            let events = try await LiveUpdatesTests.collect(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)&after=0", seconds: 15
            ) { events in
                events.contains { ($0["entry"] as? [String: Any])?["event"] as? String == "tagRemoved" }
            }
            try await writer.value
            let tagEvents = events.compactMap { event -> String? in
                guard let entry = event["entry"] as? [String: Any], let kind = entry["event"] as? String,
                    kind.hasPrefix("tag")
                else { return nil }
                return "\(kind) \(entry["to"] ?? entry["from"] ?? "")"
            }
            #expect(tagEvents == ["tagAdded vip", "tagRemoved vip"])
            let added = events.first { ($0["entry"] as? [String: Any])?["event"] as? String == "tagAdded" }
            #expect((added?["ticket"] as? [String: Any])?["tags"] is [String])
        }
    }

    @Test func thePagesShowTagsAsChipsEscaped() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let attack = "<script>alert(1)</script>"
            let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
            let number = try await openTicket(client, token: acme.ownerToken)
            _ = try await client.call(
                .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": attack, "color": "#123456"]))
            let encoded = try #require(attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let tagged = try await client.call(.put, "/api/v1/tickets/\(number)/tags/\(encoded)", token: sam.token)
            #expect(tagged.status == .ok, "\(tagged.text)")

            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let tagsPage = try await client.call(.get, "/app/tags", headers: owner)
            #expect(tagsPage.status == .ok)
            WebAppTests.expectSafePage(tagsPage, "/app/tags")
            #expect(!tagsPage.text.contains(attack) && tagsPage.text.contains(escaped))
            #expect(tagsPage.text.contains("data-color=\"#123456\""))
            for id in ["tag-name", "tag-color", "tag-save"] { #expect(tagsPage.text.contains("data-testid=\"\(id)\"")) }
            #expect(tagsPage.text.contains("class=\"tag-delete") && tagsPage.text.contains("class=\"tag-color\""))
            #expect(tagsPage.text.contains("href=\"/app/tags\" aria-current=\"page\""))

            let operatorCookies = try await WebAppTests.signIn(client, email: sam.member.email)
            let readOnly = try await client.call(.get, "/app/tags", headers: operatorCookies)
            WebAppTests.expectSafePage(readOnly, "/app/tags")
            #expect(readOnly.text.contains(escaped))
            #expect(!readOnly.text.contains("tag-form") && !readOnly.text.contains("tag-delete"))
            #expect(readOnly.text.contains("Only owners and managers can create, recolour or delete tags"))

            // The ticket page: chips that take themselves off, and a field with the team's tags suggested.
            let ticketPage = try await client.call(.get, "/app/tickets/\(number)", headers: operatorCookies)
            WebAppTests.expectSafePage(ticketPage, "/app/tickets/\(number)")
            #expect(!ticketPage.text.contains(attack))
            #expect(ticketPage.text.contains("aria-label=\"Remove the tag \(escaped)\""))
            #expect(ticketPage.text.contains("<datalist id=\"tag-suggestions\"><option value=\"\(escaped)\">"))
            #expect(ticketPage.text.contains("data-testid=\"tag-add-name\""))

            // The inbox: chips on the row and a filter by tag, which keeps its choice.
            let inbox = try await client.call(.get, "/app?view=all&tag=\(encoded)", headers: operatorCookies)
            WebAppTests.expectSafePage(inbox, "/app")
            #expect(!inbox.text.contains(attack))
            #expect(inbox.text.contains("data-testid=\"row-tags\""))
            #expect(inbox.text.contains("id=\"filter-tag\" name=\"tag\""))
            #expect(inbox.text.contains("<option value=\"\(escaped)\" selected>"))
            #expect(inbox.text.contains("data-testid=\"inbox-row-\(number)\""))
            let filteredOut = try await client.call(.get, "/app?view=all&tag=other", headers: operatorCookies)
            #expect(!filteredOut.text.contains("data-testid=\"inbox-row-\(number)\""))

            let script = try await client.call(.get, "/assets/app.js").text
            #expect(script.contains("/tags/") && script.contains("tagAdded"))
        }
    }

    @Test func tagsNeedTheHelpDeskPlan() async throws {
        let desk = try TestHelpDesk()
        let hobby = try await desk.team("Hobby", plan: .hobby)
        try await desk.test { client in
            let list = try await client.call(.get, "/api/v1/tags", token: hobby.ownerToken)
            #expect(list.status == .forbidden)
            let create = try await client.call(
                .post, "/api/v1/tags", token: hobby.ownerToken, json: json(["name": "x"]))
            #expect(create.status == .forbidden)
            let tag = try await client.call(.put, "/api/v1/tickets/10001/tags/x", token: hobby.ownerToken)
            #expect(tag.status == .forbidden)
        }
    }
}
