import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

/// The audit log through the API: each configuration change leaves one entry
/// with who, what and the subject before and after; secrets never appear in it,
/// in JSON or CSV; owners and managers read it, filtered and by pages, and a
/// team reads only its own.
@Suite struct AuditLogTests {
    /// Every entry the caller may read (up to 200), newest first.
    static func entries(_ client: any TestClientProtocol, token: String, _ filter: String = "") async throws
        -> [[String: Any]]
    {
        let response = try await client.call(.get, "/api/v1/audit?limit=200" + filter, token: token)
        #expect(response.status == .ok, "\(response.text)")
        return response.items
    }

    /// Asks for CSV.
    static let csv: HTTPFields = [.accept: "text/csv"]

    static func actions(_ entries: [[String: Any]]) -> [String] { entries.compactMap { $0["action"] as? String } }

    static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }

    /// A change's before and after, by its field.
    static func change(_ entry: [String: Any], _ field: String) -> (before: Any?, after: Any?)? {
        guard let found = (entry["changes"] as? [[String: Any]])?.first(where: { $0["field"] as? String == field })
        else { return nil }
        return (found["before"], found["after"])
    }

    @Test func changingSettingsRecordsWhoAndTheFieldsBeforeAndAfter() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: json([
                    "businessHours": ["enabled": true, "start": "08:00", "end": "16:00", "timeZone": "Europe/Berlin"],
                    "emailNotifications": true, "assignment": "manual",
                    "supportInbox": ["enabled": false, "address": nil],
                ]))
            #expect(saved.status == .ok, "\(saved.text)")
            let found = try await Self.entries(client, token: acme.ownerToken, "&action=settings.updated")
            #expect(found.count == 1)
            let entry = try #require(found.first)
            let actor = Self.object(entry["actor"])
            #expect(actor["kind"] as? String == "member")
            #expect(actor["id"] as? String == acme.owner.id)
            #expect(actor["name"] as? String == acme.owner.displayName)
            #expect(Self.object(entry["subject"])["type"] as? String == "settings")
            #expect(Self.object(entry["object"])["id"] as? String == acme.team.id)
            #expect(Self.object(entry["before"])["assignment"] as? String == "balanced")
            #expect(Self.object(entry["after"])["assignment"] as? String == "manual")
            #expect(Self.object(entry["before"])["emailNotifications"] as? Bool == false)
            #expect(Self.object(entry["after"])["emailNotifications"] as? Bool == true)
            #expect(Self.change(entry, "assignment")?.after as? String == "manual")
            #expect(Self.change(entry, "calendar.timeZone")?.after as? String == "Europe/Berlin")
            #expect(Self.change(entry, "supportInbox.enabled") == nil, "unchanged fields are not listed")

            // Saving the same settings again changes nothing, and records nothing.
            let again = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: json([
                    "businessHours": ["enabled": true, "start": "08:00", "end": "16:00", "timeZone": "Europe/Berlin"],
                    "emailNotifications": true, "assignment": "manual",
                    "supportInbox": ["enabled": false, "address": nil],
                ]))
            #expect(again.status == .ok)
            #expect(try await Self.entries(client, token: acme.ownerToken, "&action=settings.updated").count == 1)
        }
    }

    @Test func invitingChangingTheRoleOfAndRemovingAMemberAndPasswordChanges() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let manager = try await acme.member("Max", role: .manager)
        try await desk.test { client in
            let added = try await client.call(
                .post, "/api/v1/members", token: manager.token,
                json: json([
                    "email": "riley@example.com", "password": "a long enough secret", "role": "operator",
                    "displayName": "Riley",
                ]))
            #expect(added.status == .created, "\(added.text)")
            let id = try #require(added.object["id"] as? String)
            let promoted = try await client.call(
                .patch, "/api/v1/members/\(id)", token: acme.ownerToken, json: json(["role": "manager"]))
            #expect(promoted.status == .ok, "\(promoted.text)")
            let removed = try await client.call(.delete, "/api/v1/members/\(id)", token: acme.ownerToken)
            #expect(removed.status == .noContent)
            let changed = try await client.call(
                .post, "/api/v1/me/password", token: manager.token,
                json: json(["currentPassword": TestHelpDesk.password, "newPassword": "Another-Very-Secret-Pass"]))
            #expect(changed.status == .noContent, "\(changed.text)")

            let about = try await Self.entries(client, token: acme.ownerToken, "&subjectType=member")
            let riley = about.filter { Self.object($0["subject"])["id"] as? String == id }
            #expect(Self.actions(riley) == ["member.removed", "member.role_changed", "member.invited"])
            let invited = try #require(riley.last)
            #expect(Self.object(invited["actor"])["id"] as? String == manager.member.id)
            #expect(invited["before"] is NSNull)
            #expect(Self.object(invited["after"])["email"] as? String == "riley@example.com")
            let role = riley[1]
            #expect(Self.change(role, "role")?.before as? String == "operator")
            #expect(Self.change(role, "role")?.after as? String == "manager")
            #expect(riley[0]["after"] is NSNull)
            #expect(Self.object(riley[0]["before"])["displayName"] as? String == "Riley")

            // A password change says that it happened, by whom, and nothing else.
            let password = try #require(
                about.first { $0["action"] as? String == "password.changed" })
            #expect(Self.object(password["subject"])["id"] as? String == manager.member.id)
            #expect(password["before"] is NSNull && password["after"] is NSNull)
            let everything = try await client.call(.get, "/api/v1/audit?limit=200", token: acme.ownerToken).text
            let csv = try await client.call(.get, "/api/v1/audit", token: acme.ownerToken, headers: Self.csv).text
            for secret in ["Another-Very-Secret-Pass", "a long enough secret", TestHelpDesk.password] {
                #expect(!everything.contains(secret) && !csv.contains(secret))
            }
            // The team's first owner came from the command line.
            let first = try #require(about.last)
            #expect(first["action"] as? String == "member.invited")
            #expect(Self.object(first["actor"])["kind"] as? String == "system")
        }
    }

    @Test func agentsChannelsAndCannedRepliesAreRecordedWithTheirSecretsHidden() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let apiKey = "sk-AUDIT-RAW-KEY-0123456789"
        let accessToken = "EAAG-AUDIT-RAW-ACCESS-TOKEN-1"
        let newAccessToken = "EAAG-AUDIT-RAW-ACCESS-TOKEN-2"
        let appSecret = "audit-raw-app-secret-0123456789"
        let verifyToken = "audit-raw-verify-token"
        let smtpPassword = "audit-raw-smtp-password"
        try await desk.test { client in
            let agent = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json([
                    "name": "Shop bot",
                    "brain": ["kind": "llm", "baseURL": "http://127.0.0.1:9/v1", "model": "m", "apiKey": apiKey],
                ]))
            #expect(agent.status == .created, "\(agent.text)")
            let agentID = try #require(agent.object["id"] as? String)
            let renamed = try await client.call(
                .put, "/api/v1/agents/\(agentID)", token: acme.ownerToken,
                json: json([
                    "name": "Store bot", "brain": ["kind": "llm", "baseURL": "http://127.0.0.1:9/v1", "model": "m"],
                ]))
            #expect(renamed.status == .ok, "\(renamed.text)")

            let whatsapp = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json([
                    "kind": "whatsapp", "agentId": agentID,
                    "config": [
                        "phoneNumberId": "1122334455667", "accessToken": accessToken, "appSecret": appSecret,
                        "verifyToken": verifyToken, "apiBaseURL": "http://127.0.0.1:9",
                    ],
                ]))
            #expect(whatsapp.status == .created, "\(whatsapp.text)")
            let channelID = try #require(whatsapp.object["id"] as? String)
            let patched = try await client.call(
                .patch, "/api/v1/channels/\(channelID)", token: acme.ownerToken,
                json: json(["config": ["accessToken": newAccessToken]]))
            #expect(patched.status == .ok, "\(patched.text)")
            let email = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json([
                    "kind": "email", "agentId": agentID,
                    "config": [
                        "address": "help@acme.example",
                        "smtp": [
                            "host": "127.0.0.1", "port": 2525, "username": "u", "password": smtpPassword, "tls": "none",
                        ]
                            as [String: Any],
                    ],
                ]))
            #expect(email.status == .created, "\(email.text)")
            let emailID = try #require(email.object["id"] as? String)
            #expect(
                try await client.call(.delete, "/api/v1/channels/\(emailID)", token: acme.ownerToken).status
                    == .noContent)

            let reply = try await client.call(
                .post, "/api/v1/canned-replies", token: acme.ownerToken, json: json(["title": "Hello", "body": "Hi"]))
            let replyID = try #require(reply.object["id"] as? String)
            let edited = try await client.call(
                .put, "/api/v1/canned-replies/\(replyID)", token: acme.ownerToken,
                json: json(["title": "Hello", "body": "Hi there"]))
            #expect(edited.status == .ok)
            #expect(
                try await client.call(.delete, "/api/v1/canned-replies/\(replyID)", token: acme.ownerToken).status
                    == .noContent)
            #expect(
                try await client.call(.delete, "/api/v1/agents/\(agentID)", token: acme.ownerToken).status == .noContent
            )

            let all = try await Self.entries(client, token: acme.ownerToken)
            #expect(
                Array(Self.actions(all).prefix(11)) == [
                    "agent.deleted", "channel.deleted", "cannedReply.deleted", "cannedReply.updated",
                    "cannedReply.created", "channel.deleted", "channel.created", "channel.updated", "channel.created",
                    "agent.updated", "agent.created",
                ])
            let update = try #require(all.first { $0["action"] as? String == "channel.updated" })
            #expect(Self.change(update, "config.accessToken")?.before as? String == AuditRedaction.hidden)
            #expect(Self.change(update, "config.accessToken")?.after as? String == AuditRedaction.hiddenChanged)
            #expect(Self.change(update, "config.appSecret") == nil, "an unchanged secret is no change")
            let created = try #require(all.first { $0["action"] as? String == "agent.created" })
            #expect(
                Self.object(Self.object(created["after"])["brain"])["apiKey"] as? String == AuditRedaction.hiddenChanged
            )
            let agentUpdate = try #require(all.first { $0["action"] as? String == "agent.updated" })
            #expect(Self.change(agentUpdate, "name")?.after as? String == "Store bot")
            #expect(Self.change(agentUpdate, "brain.apiKey") == nil, "a kept key is no change")
            let cannedUpdate = try #require(all.first { $0["action"] as? String == "cannedReply.updated" })
            #expect(Self.change(cannedUpdate, "body")?.before as? String == "Hi")

            // The raw secrets appear nowhere: not in the JSON, not in the CSV.
            let json = try await client.call(.get, "/api/v1/audit?limit=200", token: acme.ownerToken).text
            let csv = try await client.call(.get, "/api/v1/audit", token: acme.ownerToken, headers: Self.csv).text
            #expect(csv.contains("channel.updated"))
            for secret in [apiKey, accessToken, newAccessToken, appSecret, verifyToken, smtpPassword] {
                #expect(!json.contains(secret), "\(secret) in the JSON")
                #expect(!csv.contains(secret), "\(secret) in the CSV")
            }
        }
    }

    @Test func copilotSettingsAndThePlanAreRecorded() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let key = "sk-COPILOT-RAW-KEY-42"
        try await desk.test { client in
            let saved = try await client.call(
                .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                json: json(["mode": "llm", "baseURL": "http://127.0.0.1:11434/v1", "model": "qwen", "apiKey": key]))
            #expect(saved.status == .ok, "\(saved.text)")
            _ = try await desk.helpDesk.setPlan(teamID: acme.team.id, plan: .scale)

            let all = try await Self.entries(client, token: acme.ownerToken)
            let plan = try #require(all.first)
            #expect(plan["action"] as? String == "plan.changed")
            #expect(Self.object(plan["actor"])["kind"] as? String == "system")
            #expect(Self.change(plan, "plan")?.before as? String == "pro")
            #expect(Self.change(plan, "plan")?.after as? String == "scale")
            let copilot = try #require(all.first { $0["action"] as? String == "copilotSettings.updated" })
            #expect(Self.change(copilot, "mode")?.after as? String == "llm")
            #expect(Self.change(copilot, "apiKey")?.after as? String == AuditRedaction.hiddenChanged)
            let text = try await client.call(.get, "/api/v1/audit", token: acme.ownerToken).text
            #expect(!text.contains(key))
        }
    }

    @Test func filtersAndPagesAndBadParameters() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let manager = try await acme.member("Max", role: .manager)
        try await desk.test { client in
            for name in ["alpha", "beta", "gamma"] {
                let made = try await client.call(
                    .post, "/api/v1/tags", token: manager.token, json: json(["name": name]))
                #expect(made.status == .created)
            }
            let recolored = try await client.call(
                .put, "/api/v1/tags/beta", token: acme.ownerToken, json: json(["color": "#00aa00"]))
            #expect(recolored.status == .ok)
            #expect(try await client.call(.delete, "/api/v1/tags/gamma", token: acme.ownerToken).status == .noContent)
            // A new name on a ticket makes a tag too.
            let number = try await openTicket(client, token: acme.ownerToken, subject: "Tag me")
            let tagged = try await client.call(.put, "/api/v1/tickets/\(number)/tags/delta", token: acme.ownerToken)
            #expect(tagged.status == .ok, "\(tagged.text)")

            let tags = try await Self.entries(client, token: acme.ownerToken, "&subjectType=tag")
            #expect(
                tags.map { "\($0["action"] as? String ?? "") \(Self.object($0["subject"])["id"] as? String ?? "")" }
                    == [
                        "tag.created delta", "tag.deleted gamma", "tag.updated beta", "tag.created gamma",
                        "tag.created beta", "tag.created alpha",
                    ])
            let byManager = try await Self.entries(client, token: acme.ownerToken, "&actorId=\(manager.member.id)")
            #expect(Self.actions(byManager) == ["tag.created", "tag.created", "tag.created"])

            // Pages of two, newest first, following nextCursor with the same filter.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri =
                    "/api/v1/audit?subjectType=tag&limit=2"
                    + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                        ?? "")
                let page = try await client.call(.get, uri, token: manager.token)
                #expect(page.status == .ok, "\(page.text)")
                #expect(page.items.count <= 2)
                seen += page.items.compactMap { $0["id"] as? String }
                cursor = page.object["nextCursor"] as? String
            } while cursor != nil && seen.count < 20
            #expect(seen == tags.compactMap { $0["id"] as? String })

            // Times: nothing after now, everything since long ago.
            #expect(try await Self.entries(client, token: acme.ownerToken, "&since=2999-01-01T00:00:00Z").isEmpty)
            #expect(
                try await Self.entries(
                    client, token: acme.ownerToken,
                    "&subjectType=tag&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00.000Z"
                ).count
                    == 6)

            // Bad values are 400s naming the parameter.
            for (query, field) in [
                ("since=yesterday", "since"), ("until=2026-02-30", "until"), ("action=ticket.created", "action"),
                ("subjectType=ticket", "subjectType"), ("limit=201", "limit"), ("cursor=abc", "cursor"),
            ] {
                let bad = try await client.call(.get, "/api/v1/audit?\(query)", token: acme.ownerToken)
                #expect(bad.status == .badRequest, "\(query): \(bad.text)")
                #expect(bad.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(BadInputTests.fieldNames(bad) == [field], "\(query)")
                let badCSV = try await client.call(
                    .get, "/api/v1/audit?\(query)", token: acme.ownerToken, headers: Self.csv)
                #expect(badCSV.status == .badRequest, "\(query): \(badCSV.text)")
            }
        }
    }

    @Test func theCSVIsQuotedAndSafeInSpreadsheets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let title = "=HYPERLINK(\"http://evil.example\",\"click\"), <b>bold</b>"
        try await desk.test { client in
            let made = try await client.call(
                .post, "/api/v1/canned-replies", token: acme.ownerToken, json: json(["title": title, "body": "-1+1"]))
            #expect(made.status == .created, "\(made.text)")
            let csv = try await client.call(
                .get, "/api/v1/audit?subjectType=cannedReply", token: acme.ownerToken, headers: Self.csv)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("audit-log.csv") == true)
            let text = csv.text
            #expect(text.hasPrefix(AuditCSV.headerLine))
            #expect(text.hasSuffix("\r\n"))
            // The subject name: a formula made text with a quote, then RFC 4180 quoted (quotes doubled).
            #expect(
                text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), <b>bold</b>\","), "\(text)")
            #expect(!text.contains(",=HYPERLINK"))
            #expect(!text.contains(",\"=HYPERLINK"))
            #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2, "the header and one entry")

            // JSON by default, and whenever JSON is accepted before CSV; CSV when CSV comes first.
            for (accept, isCSV) in [
                ("text/csv;q=0.9, */*;q=0.1", true), ("application/json, text/csv", false), ("*/*", false),
                ("text/html,application/xhtml+xml", false),
            ] {
                let answer = try await client.call(
                    .get, "/api/v1/audit?subjectType=cannedReply", token: acme.ownerToken, headers: [.accept: accept])
                #expect(answer.status == .ok)
                #expect(
                    answer.headers[.contentType]?.hasPrefix(isCSV ? "text/csv" : "application/json") == true,
                    "\(accept)")
            }
            let asJSON = try await client.call(.get, "/api/v1/audit?subjectType=cannedReply", token: acme.ownerToken)
            #expect(asJSON.items.count == 1)

            // The page shows it escaped, with the export link.
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/audit-log", headers: owner)
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;b&gt;bold&lt;/b&gt;"))
            #expect(!page.text.contains("<b>bold</b>"))
            #expect(page.text.contains("href=\"/api/v1/audit\" id=\"audit-export\""))
            #expect(page.text.contains("cannedReply.created"))
            let filtered = try await client.call(
                .get, "/app/audit-log?action=tag.created&from=2026-01-01", headers: owner)
            #expect(filtered.status == .ok)
            #expect(filtered.text.contains("href=\"/api/v1/audit?action=tag.created&amp;since="))
        }
    }

    @Test func operatorsAreRefusedAndTeamsSeeOnlyTheirOwn() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let globex = try await desk.team("Globex")
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let reply = try await client.call(
                .post, "/api/v1/canned-replies", token: acme.ownerToken,
                json: json(["title": "Acme only", "body": "x"]))
            let replyID = try #require(reply.object["id"] as? String)
            for (uri, headers) in [
                ("/api/v1/audit", HTTPFields()), ("/api/v1/audit", Self.csv), ("/api/v1/audit?since=bad", HTTPFields()),
            ] {
                let refused = try await client.call(.get, uri, token: sam.token, headers: headers)
                #expect(refused.status == .forbidden, "\(uri): \(refused.text)")
                #expect((refused.object["detail"] as? String)?.contains("owners and managers") == true)
            }
            let samCookie = try await WebAppTests.signIn(client, email: sam.member.email)
            let page = try await client.call(.get, "/app/audit-log", headers: samCookie)
            #expect(page.status == .forbidden)
            let inbox = try await client.call(.get, "/app/canned-replies", headers: samCookie)
            #expect(inbox.status == .ok)
            #expect(!inbox.text.contains("/app/audit-log"), "operators get no Audit log link")
            #expect(try await client.call(.get, "/api/v1/audit", token: nil).status == .unauthorized)

            let theirs = try await client.call(.get, "/api/v1/audit?limit=200", token: globex.ownerToken)
            #expect(theirs.status == .ok)
            #expect(!theirs.text.contains(replyID) && !theirs.text.contains(acme.owner.id))
            #expect(
                theirs.items.allSatisfy { Self.object($0["subject"])["id"] as? String != acme.team.id })
            let theirCSV = try await client.call(.get, "/api/v1/audit", token: globex.ownerToken, headers: Self.csv)
                .text
            #expect(!theirCSV.contains(replyID) && !theirCSV.contains("Acme only"))
            let ours = try await client.call(.get, "/api/v1/audit", token: acme.ownerToken)
            #expect(ours.text.contains(replyID))
        }
    }
}
