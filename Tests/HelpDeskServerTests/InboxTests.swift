import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct InboxTests {
    /// Walks a view to the end and returns the ticket numbers in order.
    static func walk(
        _ client: any TestClientProtocol, token: String, query: String, limit: Int = 3
    ) async throws -> [Int] {
        var numbers: [Int] = []
        var cursor: String?
        repeat {
            var uri = "/api/v1/tickets?\(query)&limit=\(limit)"
            if let cursor { uri += "&cursor=\(cursor)" }
            let page = try await client.call(.get, uri, token: token)
            #expect(page.status == .ok, "\(page.text)")
            numbers += page.items.compactMap { $0["number"] as? Int }
            cursor = page.object["nextCursor"] as? String
            #expect(page.object.keys.contains("nextCursor"))
        } while cursor != nil
        return numbers
    }

    @Test func eachViewHasTheRightTicketsInTheRightOrder() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let owner = acme.ownerToken
            var numbers: [Int] = []
            for index in 0..<8 {
                numbers.append(try await openTicket(client, token: owner, subject: "Ticket \(index)"))
            }
            // 0,1 → Sam (open); 2 → Sam pending; 3 → pending unassigned; 4,5 → resolved; 6,7 → open unassigned.
            for n in numbers[0...2] {
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(n)", token: owner, json: json(["assigneeId": sam.member.id]))
            }
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(numbers[2])", token: owner, json: json(["status": "pending"]))
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(numbers[3])", token: owner, json: json(["status": "pending"]))
            for n in numbers[4...5] {
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(n)", token: owner, json: json(["status": "resolved"]))
            }
            // Touch ticket 6 last so it is the most recently active.
            _ = try await client.call(
                .post, "/api/v1/tickets/\(numbers[6])/notes", token: owner, json: json(["body": "bump"]))

            let mine = try await Self.walk(client, token: sam.token, query: "view=mine")
            #expect(mine == [numbers[2], numbers[1], numbers[0]])
            #expect(try await Self.walk(client, token: owner, query: "view=mine") == [])

            let unassigned = try await Self.walk(client, token: owner, query: "view=unassigned")
            #expect(unassigned == [numbers[6], numbers[3], numbers[7]])

            let resolved = try await Self.walk(client, token: owner, query: "view=resolved")
            #expect(resolved == [numbers[5], numbers[4]])

            // All: open first (by last activity), then pending, then resolved.
            let all = try await Self.walk(client, token: owner, query: "view=all")
            #expect(
                all == [numbers[6], numbers[1], numbers[0], numbers[7], numbers[3], numbers[2], numbers[5], numbers[4]])
            #expect(try await Self.walk(client, token: owner, query: "view=all", limit: 50) == all)

            // Filters.
            #expect(
                try await Self.walk(client, token: owner, query: "view=all&status=pending") == [numbers[3], numbers[2]])
            #expect(
                try await Self.walk(client, token: owner, query: "view=all&assigneeId=\(sam.member.id)") == [
                    numbers[1], numbers[0], numbers[2],
                ])
            #expect(try await Self.walk(client, token: owner, query: "view=mine&status=resolved") == [])
            #expect(try await Self.walk(client, token: owner, query: "view=all&channel=telegram") == [])
            #expect(try await Self.walk(client, token: owner, query: "view=all&channel=email").count == 8)
        }
    }

    @Test func rowsCarryEveryColumnOfTheSpec() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            try await openTicket(client, token: acme.ownerToken, priority: "urgent")
            let page = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken)
            let row = try #require(page.items.first)
            for key in [
                "number", "status", "priority", "subject", "requester", "assignee", "agent", "channel", "createdAt",
                "lastActivityAt", "resolvedAt", "tags",
            ] {
                #expect(row.keys.contains(key), "missing \(key)")
            }
            #expect(page.object["nextCursor"] is NSNull)
        }
    }

    @Test func filtersByPriorityAndSearchesSubjectRequesterAndMessages() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let owner = acme.ownerToken
            let a = try await openTicket(
                client, token: owner, subject: "Invoice missing VAT", requester: "Zoë Quinn", email: "zoe@quinn.test",
                priority: "high")
            let b = try await openTicket(
                client, token: owner, subject: "Login broken", requester: "Bob", email: nil,
                body: "The kaleidoscope button crashes")
            let c = try await openTicket(
                client, token: owner, subject: "Other", requester: "Carla", email: "carla@example.org")
            #expect(try await Self.walk(client, token: owner, query: "view=all&priority=high") == [a])
            #expect(try await Self.walk(client, token: owner, query: "q=vat") == [a])
            #expect(try await Self.walk(client, token: owner, query: "q=zoe") == [a])  // diacritics folded
            #expect(try await Self.walk(client, token: owner, query: "q=kaleido") == [b])  // message text, prefix
            #expect(try await Self.walk(client, token: owner, query: "q=carla%40example.org") == [c])
            #expect(try await Self.walk(client, token: owner, query: "q=login%20kaleidoscope") == [b])
            #expect(try await Self.walk(client, token: owner, query: "q=nothingmatches") == [])
            // FTS syntax in the query is taken as words, never an error.
            let odd = try await client.call(.get, "/api/v1/tickets?q=%22AND%20OR%20*%28", token: owner)
            #expect(odd.status == .ok)
        }
    }

    /// A ticket number typed into the search finds that ticket, in any view;
    /// in the web app it opens the ticket.
    @Test func searchingATicketNumberFindsThatTicket() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let other = try await desk.team("Other")
        try await desk.test { client in
            for subject in ["Refund for order 7", "Broken zip", "Invoice question"] {
                _ = try await openTicket(client, token: acme.ownerToken, subject: subject)
            }
            for index in 1...4 {
                _ = try await openTicket(client, token: other.ownerToken, subject: "Not yours \(index)")
            }
            for q in ["10002", "%2310002", "%20%2310002%20"] {
                for view in ["all", "mine", "resolved"] {
                    let found = try await client.call(
                        .get, "/api/v1/tickets?view=\(view)&q=\(q)", token: acme.ownerToken)
                    #expect(found.items.map { $0["number"] as? Int } == [10002], "q=\(q) view=\(view)")
                }
            }
            // A number no ticket has is searched as text; another team's number finds nothing of theirs.
            let none = try await client.call(.get, "/api/v1/tickets?q=99999", token: acme.ownerToken)
            #expect(none.items.isEmpty)
            let foreign = try await client.call(.get, "/api/v1/tickets?q=10004", token: acme.ownerToken)
            #expect(foreign.items.isEmpty, "10004 exists only in the other team")

            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let opened = try await client.call(.get, "/app?q=%2310003", headers: cookies)
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location] == "/app/tickets/10003")
            let searched = try await client.call(.get, "/app?q=invoice", headers: cookies)
            #expect(searched.status == .ok)
        }
    }

    /// Rows show the customer's last words and how long they have waited for a person.
    @Test func rowsShowThePreviewAndTheWaitUntilAPersonAnswers() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let sam = try await widget.acme.member("Sam", availability: .online)
            let token = try await widget.session(client)
            try await widget.say(client, token, "My order 4821 never arrived")
            try await widget.say(client, token, "I want to talk to a person")
            var row = try #require(try await client.call(.get, "/api/v1/tickets", token: sam.token).items.first)
            #expect(row["preview"] as? String == "I want to talk to a person")
            let since = try #require(row["waitingSince"] as? String)
            #expect(since <= (row["lastActivityAt"] as? String ?? ""))
            let page = try await client.call(
                .get, "/app", headers: try await WebAppTests.signIn(client, email: sam.member.email))
            #expect(page.text.contains("class=\"preview\">I want to talk to a person</span>"))
            #expect(page.text.contains("data-testid=\"waiting\""))

            #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
            let reply = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: sam.token, json: json(["body": "Sam here, checking."]))
            #expect(reply.status == .created)
            row = try #require(try await client.call(.get, "/api/v1/tickets", token: sam.token).items.first)
            #expect(row["waitingSince"] is NSNull, "a person answered last")
            try await widget.say(client, token, "Thanks! Any news?")
            row = try #require(try await client.call(.get, "/api/v1/tickets", token: sam.token).items.first)
            #expect(row["preview"] as? String == "Thanks! Any news?")
            #expect(row["waitingSince"] as? String != nil)
        }
    }

    /// `sort=waiting`: the tickets whose customer waits for a person, longest
    /// wait first, then the rest by last activity; anything else is a 400 that
    /// names the allowed values, and a cursor stays with its sort.
    @Test func sortedByWaitingTheLongestWaitComesFirst() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let owner = acme.ownerToken
            for index in 1...4 {
                _ = try await openTicket(client, token: owner, subject: "Waits \(index)", body: "Hello? \(index)")
            }
            _ = try await openTicket(client, token: owner, subject: "Opened by hand")
            let reply = try await client.call(
                .post, "/api/v1/tickets/10002/replies", token: owner, json: json(["body": "On it."]))
            #expect(reply.status == .created, "\(reply.text)")
            // A note is activity, not an answer: 10001 goes on waiting.
            let note = try await client.call(
                .post, "/api/v1/tickets/10001/notes", token: owner, json: json(["body": "checking"]))
            #expect(note.status == .created)

            #expect(
                try await Self.walk(client, token: owner, query: "view=all") == [10001, 10002, 10005, 10004, 10003])
            let waiting = try await client.call(.get, "/api/v1/tickets?sort=waiting", token: owner)
            #expect(waiting.status == .ok)
            #expect(waiting.items.map { $0["number"] as? Int } == [10001, 10003, 10004, 10002, 10005])
            let since = waiting.items.map { $0["waitingSince"] as? String }
            #expect(since[0] != nil && since[1] != nil && since[2] != nil && since[3] == nil && since[4] == nil)
            #expect(since[0]! <= since[1]! && since[1]! <= since[2]!)
            for limit in [1, 2] {
                #expect(
                    try await Self.walk(client, token: owner, query: "view=all&sort=waiting", limit: limit)
                        == [10001, 10003, 10004, 10002, 10005])
            }
            #expect(try await Self.walk(client, token: owner, query: "view=unassigned&sort=").count == 5)

            for value in ["Due", "oldest"] {
                let bad = try await client.call(.get, "/api/v1/tickets?sort=\(value)", token: owner)
                #expect(bad.status == .badRequest)
                #expect(BadInputTests.fieldNames(bad) == ["sort"])
                #expect((bad.object["detail"] as? String)?.contains("activity, waiting, due") == true, "\(bad.text)")
            }
            let first = try await client.call(.get, "/api/v1/tickets?sort=waiting&limit=1", token: owner)
            let cursor = try #require(first.object["nextCursor"] as? String)
            let mixed = try await client.call(.get, "/api/v1/tickets?cursor=\(cursor)", token: owner)
            #expect(mixed.status == .badRequest)
            #expect(BadInputTests.fieldNames(mixed) == ["cursor"])
        }
    }

    @Test func paginationSeesEveryPreexistingTicketOnceWhileNewOnesArrive() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let owner = acme.ownerToken
            var before: [Int] = []
            for index in 0..<60 {
                before.append(try await openTicket(client, token: owner, subject: "Before \(index)"))
            }
            for n in before where n % 3 == 0 {
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(n)", token: owner, json: json(["status": "resolved"]))
            }
            for n in before where n % 3 == 1 {
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(n)", token: owner, json: json(["status": "pending"]))
            }
            let writer = Task {
                for index in 0..<60 { _ = try await openTicket(client, token: owner, subject: "During \(index)") }
            }
            let seen = try await Self.walk(client, token: owner, query: "view=all", limit: 4)
            try await writer.value
            let preexisting = seen.filter { before.contains($0) }
            #expect(preexisting.count == before.count)
            #expect(Set(preexisting) == Set(before))
            #expect(Set(seen).count == seen.count)
        }
    }
}
