import Foundation
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Synchronization
import Testing

/// `helpdesk copy-data`: a SQLite deployment copied into PostgreSQL reads the
/// same through the store protocol, and copying again goes on without duplicating.
@Suite(.enabled(if: PostgresSchemas.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct CopyDataTests {
    @Test func aSQLiteDeploymentCopiedToPostgreSQLReadsTheSame() async throws {
        let desk = try TestHelpDesk()
        let (teamID, ownerID) = try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            _ = try await widget.acme.member("Sam", availability: .online)
            for visitor in 0..<4 {
                let token = try await widget.session(client, name: "Visitor \(visitor)")
                try await widget.say(client, token, "How do I return an item?")
                if visitor < 3 { try await widget.say(client, token, "I want to talk to a person") }
                if visitor == 0 {
                    let uploaded = try await client.upload(
                        "\(widget.base)/attachments", token: token, filename: "receipt.pdf", bytes: TestFiles.pdf)
                    let id = try #require(uploaded.object["id"] as? String)
                    let sent = try await client.call(
                        .post, "\(widget.base)/messages", token: token,
                        json: json(["body": "the receipt", "attachmentIds": [id]]))
                    #expect(sent.status == .ok, "\(sent.text)")
                }
            }
            let owner = widget.acme.ownerToken
            let reply = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: owner, json: json(["body": "Returns are free."]))
            #expect(reply.status == .created, "\(reply.text)")
            let tagged = try await client.call(.put, "/api/v1/tickets/10001/tags/vip", token: owner)
            #expect(tagged.status == .ok, "\(tagged.text)")
            let billing = try await client.call(
                .post, "/api/v1/tags", token: owner, json: json(["name": "billing", "color": "#123456"]))
            #expect(billing.status == .created, "\(billing.text)")
            let merged = try await client.call(
                .post, "/api/v1/tickets/10003/merge", token: owner, json: json(["into": 10002]))
            #expect(merged.status == .ok, "\(merged.text)")
            let llm = try await client.call(
                .post, "/api/v1/agents", token: owner,
                json: json([
                    "name": "GPT Helper",
                    "brain": [
                        "kind": "llm", "baseURL": "http://127.0.0.1:9/v1", "model": "fake", "apiKey": "sk-sealed-key",
                    ],
                ]))
            let llmID = try #require(llm.object["id"] as? String, "\(llm.text)")
            let telegram = try await client.call(
                .post, "/api/v1/channels", token: owner,
                json: json([
                    "kind": "telegram", "agentId": llmID,
                    "config": [
                        "botToken": TelegramDesk.botToken, "secretToken": TelegramDesk.secret,
                        "apiBaseURL": "http://127.0.0.1:9",
                    ],
                ]))
            #expect(telegram.status == .created, "\(telegram.text)")
            var settings = try await desk.store.settings(teamID: widget.acme.team.id)
            settings.calendar.holidays = [
                Holiday(date: LocalDate("2026-12-25")!, name: "Christmas", autoReply: "Closed.")
            ]
            settings.sla = SLAPolicy(targets: [.high: SLATarget(firstResponseMinutes: 60)])
            _ = try await desk.store.updateSettings(teamID: widget.acme.team.id, settings, audit: .none)
            return (widget.acme.team.id, widget.acme.owner.id)
        }
        let url = try #require(PostgresSchemas.databaseURL)
        let schema = PostgresSchemas.freshName()
        let target = try await PostgresStore.open(
            PostgresStore.Options(
                url: url, poolSize: 2, schema: schema,
                secretKeyFile: SQLiteStore.secretKeyFile(besideDatabase: desk.store.path)))
        do {
            let progress = Mutex<[String]>([])
            let counts = try await DataCopy.run(from: desk.store, to: target, batch: 3) { table, done, total in
                progress.withLock { $0.append("\(table) \(done)/\(total)") }
            }
            #expect(counts.first { $0.table == "tickets" }?.copied == 3)
            #expect(counts.first { $0.table == "attachments" }?.copied == 1)
            #expect(counts.first { $0.table == "tags" }?.copied == 2)
            #expect(counts.first { $0.table == "ticket_tags" }?.copied == 1)
            #expect(counts.first { $0.table == "ticket_merges" }?.copied == 1)
            #expect(try await target.ticket(teamID: teamID, number: 10003)?.mergedInto == 10002)
            #expect(try await target.tags(teamID: teamID) == desk.store.tags(teamID: teamID))
            #expect(try await target.ticket(teamID: teamID, number: 10001)?.tags == ["vip"])
            #expect(
                progress.withLock { $0 }.contains { $0.hasPrefix("entries 3/") }, "entries went in batches of three")
            // Run again (a copy that stopped): nothing is duplicated, and the counts still agree.
            #expect(try await DataCopy.run(from: desk.store, to: target) == counts)

            let stores: [any Store] = [desk.store, target]
            func read(_ store: any Store) async throws -> Snapshot {
                let inbox = try await store.inbox(teamID: teamID, callerID: ownerID, query: InboxQuery(view: .all))
                let found = try await store.inbox(
                    teamID: teamID, callerID: ownerID, query: InboxQuery(view: .all, text: "visitor return"))
                var timelines: [[TimelineEntry]] = []
                for ticket in inbox.items {
                    timelines.append(try await store.timeline(teamID: teamID, number: ticket.number))
                }
                let attachments = timelines.joined().flatMap(\.attachments)
                var files: [Data?] = []
                for attachment in attachments {
                    files.append(try await store.attachmentData(id: attachment.id, teamID: teamID))
                }
                return Snapshot(
                    inbox: inbox, found: found.items.map(\.number), timelines: timelines,
                    agents: try await store.agents(teamID: teamID), channels: try await store.channels(teamID: teamID),
                    files: files)
            }
            let before = try await read(stores[0])
            let after = try await read(stores[1])
            #expect(before.inbox.items.count == 3)
            #expect(before.found.count == 3)
            #expect(before.files == [TestFiles.pdf].map { Data($0) })
            #expect(after.inbox == before.inbox)
            #expect(after.found == before.found, "the search vectors were made")
            #expect(after.timelines == before.timelines)
            #expect(after.files == before.files)
            #expect(after.agents == before.agents)
            #expect(
                after.agents.contains {
                    $0.brain == .llm(baseURL: "http://127.0.0.1:9/v1", model: "fake", apiKey: "sk-sealed-key")
                },
                "the API key opens on PostgreSQL")
            #expect(after.channels == before.channels)
            let settings = try await target.settings(teamID: teamID)
            #expect(settings == (try await desk.store.settings(teamID: teamID)))
            #expect(settings.calendar.holidays.first?.autoReply == "Closed.", "the calendar was copied")
            #expect(settings.sla.targets[.high]?.firstResponseMinutes == 60, "the SLA policy was copied")
            #expect(after.channels.contains { $0.configuration.telegram?.botToken == TelegramDesk.botToken })
            // The copied merge can be undone there, and a new merge gets a fresh id.
            let owner = MemberRef(id: ownerID, displayName: "Owner")
            let undone = try await target.unmergeTicket(teamID: teamID, number: 10003, actor: owner, now: .now())
            #expect(undone.source.mergedInto == nil && undone.source.status != .merged)
            let again = try await target.mergeTicket(
                teamID: teamID, number: 10003, into: 10001, actor: owner, now: .now())
            #expect(again.source.mergedInto == 10001)
            await target.close()
            try await PostgresSchemas.dropSchema(schema, url: url)
        } catch {
            await target.close()
            try? await PostgresSchemas.dropSchema(schema, url: url)
            throw error
        }
    }

    struct Snapshot {
        var inbox: InboxPage
        var found: [Int]
        var timelines: [[TimelineEntry]]
        var agents: [Agent]
        var channels: [ChannelConnection]
        var files: [Data?]
    }
}
