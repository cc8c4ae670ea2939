import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

/// Files in the widget: the visitor uploads and sends them, the team sees them
/// on the ticket, and only that visitor (and the team) downloads them, by the
/// signed links the messages list or with the visitor token.
@Suite struct WidgetAttachmentsTests {
    /// A visitor who asked for a person: their ticket is 10001.
    static func escalated(_ desk: TestHelpDesk, _ client: any TestClientProtocol) async throws -> (
        widget: WidgetFixture, token: String
    ) {
        let widget = try await WidgetFixture.make(desk, client: client)
        _ = try await widget.acme.member("Sam", availability: .online)
        let token = try await widget.session(client)
        try await widget.say(client, token, "My parcel arrived broken")
        let escalated = try await widget.say(client, token, "I want to talk to a person")
        #expect(escalated["ticketNumber"] as? Int == 10001)
        return (widget, token)
    }

    static func upload(
        _ client: any TestClientProtocol, _ widget: WidgetFixture, token: String, filename: String = "parcel.png",
        bytes: [UInt8] = TestFiles.png, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await client.upload(
            "\(widget.base)/attachments", token: token, filename: filename, bytes: bytes,
            sourceLocation: sourceLocation)
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return response.object
    }

    static func files(_ message: [String: Any]) -> [[String: Any]] {
        message["attachments"] as? [[String: Any]] ?? []
    }

    @Test func aVisitorSendsAFileTheTeamSeesItAndOnlyThatVisitorDownloadsIt() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let (widget, token) = try await Self.escalated(desk, client)
            let owner = widget.acme.ownerToken
            let uploaded = try await Self.upload(client, widget, token: token)
            let id = try #require(uploaded["id"] as? String)
            #expect(uploaded["contentType"] as? String == "image/png")
            // The visitor sees their own upload before sending it; the team does not.
            let preview = try #require(uploaded["url"] as? String)
            #expect(try await client.call(.get, preview).status == .ok)
            #expect(try await client.call(.get, "/api/v1/attachments/\(id)", token: owner).status == .notFound)

            // A message of a file alone.
            let sent = try await client.call(
                .post, "\(widget.base)/messages", token: token, json: json(["body": "", "attachmentIds": [id]]))
            #expect(sent.status == .ok, "\(sent.text)")
            let messages = try await widget.messages(client, token)
            let mine = try #require(messages.last { !Self.files($0).isEmpty })
            #expect((mine["author"] as? [String: Any])?["kind"] as? String == "customer")
            let listed = try #require(Self.files(mine).first)
            #expect(listed["id"] as? String == id)
            #expect(listed["name"] as? String == "parcel.png")
            let url = try #require(listed["url"] as? String)
            #expect(url.hasPrefix("\(widget.base)/attachments/\(id)?expires="))

            // The signed link opens it without the token (an <img> sends none), from any site's page.
            let byLink = try await client.call(.get, url)
            #expect(byLink.status == .ok)
            #expect(Array(byLink.body.readableBytesView) == TestFiles.png)
            #expect(byLink.headers[.contentType] == "image/png")
            #expect(byLink.headers[.contentDisposition]?.hasPrefix("inline;") == true)
            #expect(byLink.headers[.xContentTypeOptions] == "nosniff")
            #expect(byLink.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(byLink.headers[.crossOriginResourcePolicy] == "cross-origin")
            let byToken = try await client.call(.get, "\(widget.base)/attachments/\(id)", token: token)
            #expect(byToken.status == .ok)

            // The team sees it on the ticket and downloads it.
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: owner).items
            #expect(timeline.contains { entry in Self.files(entry).contains { $0["id"] as? String == id } })
            #expect(try await client.call(.get, "/api/v1/attachments/\(id)", token: owner).status == .ok)
            // The inbox previews a message of files alone by their names.
            let row = try await client.call(.get, "/api/v1/tickets?view=all", token: owner).items.first {
                $0["number"] as? Int == 10001
            }
            #expect(row?["preview"] as? String == "Sent parcel.png")

            // Another visitor does not: not with their token, not with a forged link, not by sending it.
            let stranger = try await widget.session(client, name: "Stan Stranger", email: nil)
            let theirs = try await client.call(.get, "\(widget.base)/attachments/\(id)", token: stranger)
            #expect(theirs.status == .notFound)
            let parts = url.split(separator: "&signature=")
            let forged = try await client.call(.get, "\(parts[0])&signature=AAAA\(parts[1].dropFirst(4))")
            #expect(forged.status == .notFound)
            let bare = try await client.call(.get, "\(widget.base)/attachments/\(id)")
            #expect(bare.status == .unauthorized)
            let malformed = try await client.call(
                .get, "\(widget.base)/attachments/\(id)?expires=soon&signature=x", token: token)
            #expect(malformed.status == .badRequest)
            #expect(AttachmentsTests.fields(malformed) == ["expires"])
            let strangersBefore = try await widget.messages(client, stranger).count
            let stolen = try await client.call(
                .post, "\(widget.base)/messages", token: stranger,
                json: json(["body": "mine now", "attachmentIds": [id]]))
            #expect(stolen.status == .badRequest, "\(stolen.text)")
            #expect(AttachmentsTests.fields(stolen) == ["attachmentIds[0]"])
            #expect(try await widget.messages(client, stranger).count == strangersBefore)
        }
    }

    @Test func theVisitorGetsTheTeamsReplyFilesButNeverANotesFile() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let (widget, token) = try await Self.escalated(desk, client)
            let owner = widget.acme.ownerToken
            let forNote = try await AttachmentsTests.upload(
                client, token: owner, number: 10001, filename: "internal.pdf", bytes: TestFiles.pdf)
            _ = try await client.call(
                .post, "/api/v1/tickets/10001/notes", token: owner,
                json: json(["body": "Do not share", "attachmentIds": [forNote]]))
            let hidden = try await client.call(.get, "\(widget.base)/attachments/\(forNote)", token: token)
            #expect(hidden.status == .notFound)

            let take = try await client.call(.post, "/api/v1/tickets/10001/takeover", token: owner)
            #expect(take.status == .ok, "\(take.text)")
            let forReply = try await AttachmentsTests.upload(
                client, token: owner, number: 10001, filename: "label.pdf", bytes: TestFiles.pdf)
            let reply = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: owner,
                json: json(["body": "Print this return label.", "channel": "web", "attachmentIds": [forReply]]))
            #expect(reply.status == .created, "\(reply.text)")

            let messages = try await widget.messages(client, token)
            let fromTeam = try #require(messages.first { $0["body"] as? String == "Print this return label." })
            let file = try #require(Self.files(fromTeam).first)
            #expect(file["name"] as? String == "label.pdf")
            #expect(!messages.contains { $0["body"] as? String == "Do not share" })
            let download = try await client.call(.get, try #require(file["url"] as? String))
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"label.pdf\"") == true)
        }
    }

    @Test func aSignedLinkExpires() async throws {
        let clock = TestClock(.now())
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let url = try #require(try await Self.upload(client, widget, token: token)["url"] as? String)
            #expect(try await client.call(.get, url).status == .ok)
            clock.advance(seconds: 2 * 3600 + 1)
            let expired = try await client.call(.get, url)
            #expect(expired.status == .forbidden)
            #expect((expired.object["detail"] as? String)?.contains("has expired") == true)
        }
    }

    @Test func visitorUploadsAreLimitedLikeTheTeams() async throws {
        let desk = try TestHelpDesk(configure: { $0.maxAttachmentBytes = 1024 })
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let path = "\(widget.base)/attachments"
            let big = try await client.upload(
                path, token: token, filename: "big.pdf", bytes: [UInt8](repeating: 1, count: 2000))
            #expect(big.status == .contentTooLarge)
            let svg = try await client.upload(path, token: token, filename: "x.png", bytes: TestFiles.svg)
            #expect(svg.status == .unsupportedMediaType)
            let anonymous = try await client.upload(path, token: nil, filename: "a.pdf", bytes: TestFiles.pdf)
            #expect(anonymous.status == .unauthorized)
            let empty = try await client.call(
                .post, "\(widget.base)/messages", token: token, json: json(["body": "  ", "attachmentIds": []]))
            #expect(AttachmentsTests.fields(empty) == ["body"])
        }
    }

    @Test func liveEntriesCarryTheirFiles() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let number = try await openTicket(client, token: acme.ownerToken)
            let file = try await AttachmentsTests.upload(client, token: acme.ownerToken, number: number)
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await client.call(
                    .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                    json: json(["body": "live file", "attachmentIds": [file]]))
            }
            let received = try await LiveUpdatesTests.collect(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)"
            ) { messages in messages.contains { ($0["entry"] as? [String: Any])?["body"] as? String == "live file" } }
            try await writer.value
            let entry = try #require(
                received.compactMap { $0["entry"] as? [String: Any] }.first { $0["body"] as? String == "live file" })
            #expect(Self.files(entry).map { $0["id"] as? String } == [file])
            #expect(Self.files(entry).first?["contentType"] as? String == "image/png")
        }
    }
}
