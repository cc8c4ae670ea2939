import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// Timelines and widget message lists come in pages, so one long conversation
/// cannot make a single request read and send everything.
@Suite struct PaginationTests {
    @Test func aTimelineWalksInPagesWithTheCreatedEventFirst() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            for index in 1...7 {
                let note = try await client.call(
                    .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken, json: json(["body": "n\(index)"]))
                #expect(note.status == .created)
            }
            let whole = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken)
            #expect(whole.object["hasMore"] as? Bool == false)
            let all = whole.items.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
            #expect(all.count >= 8)
            #expect(whole.items.first?["event"] as? String == "created")

            var walked: [Int] = []
            var after: Int?
            var pages = 0
            repeat {
                let query = "limit=3" + (after.map { "&after=\($0)" } ?? "")
                let page = try await client.call(
                    .get, "/api/v1/tickets/\(number)/timeline?\(query)", token: acme.ownerToken)
                #expect(page.status == .ok)
                #expect(page.items.count <= 3)
                walked += page.items.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
                after = (page.items.last?["id"] as? String).flatMap { Int($0) }
                pages += 1
                if page.object["hasMore"] as? Bool != true { break }
            } while pages < 20
            #expect(walked == all, "pages in order, nothing twice, nothing missed")
            #expect(pages == (all.count + 2) / 3)

            for bad in ["limit=0", "limit=501", "limit=x", "after=-1", "after=x"] {
                let response = try await client.call(
                    .get, "/api/v1/tickets/\(number)/timeline?\(bad)", token: acme.ownerToken)
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func aVisitorsMessagesWalkInPages() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let visitor = try await widget.session(client)
            for index in 1...3 { try await widget.say(client, visitor, "question \(index)") }
            let whole = try await client.call(.get, "\(widget.base)/messages", token: visitor)
            #expect(whole.object["hasMore"] as? Bool == false)
            let all = whole.items.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
            #expect(all.count >= 6, "three questions and three answers")
            var walked: [Int] = []
            var after = 0
            for _ in 0..<20 {
                let page = try await client.call(.get, "\(widget.base)/messages?limit=2&after=\(after)", token: visitor)
                #expect(page.items.count <= 2)
                walked += page.items.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
                after = walked.last ?? after
                if page.object["hasMore"] as? Bool != true { break }
            }
            #expect(walked == all)
            let tooMany = try await client.call(.get, "\(widget.base)/messages?limit=501", token: visitor)
            #expect(tooMany.status == .badRequest)
        }
    }
}
