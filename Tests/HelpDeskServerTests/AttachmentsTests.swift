import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

/// Files on replies and notes through the operator API: members upload on a
/// ticket, send with `attachmentIds`, and the team downloads; an unsent upload
/// is its uploader's alone, another team's file is 404, and refused files are
/// 413 or 415 with nothing stored.
@Suite struct AttachmentsTests {
    static func fields(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    static func detail(_ response: TestResponse) -> String { response.object["detail"] as? String ?? "" }

    /// Uploads a file on a ticket and returns its id.
    static func upload(
        _ client: any TestClientProtocol, token: String, number: Int, filename: String = "screenshot.png",
        bytes: [UInt8] = TestFiles.png, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await client.upload(
            "/api/v1/tickets/\(number)/attachments", token: token, filename: filename, bytes: bytes,
            sourceLocation: sourceLocation)
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try #require(response.object["id"] as? String, sourceLocation: sourceLocation)
    }

    static func timeline(_ client: any TestClientProtocol, token: String, number: Int) async throws -> [[String: Any]] {
        try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: token).items
    }

    static func attachmentIDs(_ entry: [String: Any]) -> [String] {
        (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func aMemberUploadsSendsWithAReplyAndANoteAndTheTeamDownloads() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let uploaded = try await client.upload(
                "/api/v1/tickets/\(number)/attachments", token: acme.ownerToken,
                filename: "C:\\fakepath\\screen shot.png",
                type: "image/png", bytes: TestFiles.png)
            #expect(uploaded.status == .created, "\(uploaded.text)")
            #expect(uploaded.object["name"] as? String == "screen shot.png")
            #expect(uploaded.object["contentType"] as? String == "image/png")
            #expect(uploaded.object["size"] as? Int == TestFiles.png.count)
            let image = try #require(uploaded.object["id"] as? String)
            let pdf = try await Self.upload(
                client, token: acme.ownerToken, number: number, filename: "invoice.pdf", bytes: TestFiles.pdf)

            let reply = try await client.call(
                .post, "/api/v1/tickets/\(number)/replies", token: acme.ownerToken,
                json: json(["body": "Here is the screenshot.", "attachmentIds": [image]]))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(Self.attachmentIDs(reply.object) == [image])
            // A note may be files alone.
            let note = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "", "attachmentIds": [pdf]]))
            #expect(note.status == .created, "\(note.text)")
            #expect(note.object["body"] as? String == "")
            #expect(Self.attachmentIDs(note.object) == [pdf])

            let timeline = try await Self.timeline(client, token: acme.ownerToken, number: number)
            #expect(timeline.contains { $0["kind"] as? String == "message" && Self.attachmentIDs($0) == [image] })
            #expect(timeline.contains { $0["kind"] as? String == "note" && Self.attachmentIDs($0) == [pdf] })
            let listed = try #require(
                timeline.first { Self.attachmentIDs($0) == [image] }?["attachments"] as? [[String: Any]])
            #expect(listed.first?["name"] as? String == "screen shot.png")

            // Every member of the team downloads sent files: an image inline, anything else as a download.
            for token in [acme.ownerToken, sam.token] {
                let shown = try await client.call(.get, "/api/v1/attachments/\(image)", token: token)
                #expect(shown.status == .ok)
                #expect(Array(shown.body.readableBytesView) == TestFiles.png)
                #expect(shown.headers[.contentType] == "image/png")
                #expect(
                    shown.headers[.contentDisposition]
                        == "inline; filename=\"screen shot.png\"; filename*=UTF-8''screen%20shot.png")
                #expect(shown.headers[.xContentTypeOptions] == "nosniff")
                #expect(shown.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
                #expect(shown.headers[.crossOriginResourcePolicy] == "same-origin")
            }
            let file = try await client.call(.get, "/api/v1/attachments/\(pdf)", token: sam.token)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"invoice.pdf\"") == true)
            #expect(Array(file.body.readableBytesView) == TestFiles.pdf)

            let anonymous = try await client.call(.get, "/api/v1/attachments/\(image)")
            #expect(anonymous.status == .unauthorized)
            let unknown = try await client.call(.get, "/api/v1/attachments/at_nothing", token: acme.ownerToken)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func anUnsentUploadIsTheUploadersAloneAndARefusedMessageWritesNothing() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let other = try await openTicket(client, token: acme.ownerToken, subject: "Another one")
            let samsFile = try await Self.upload(client, token: sam.token, number: number)
            let ownersFile = try await Self.upload(client, token: acme.ownerToken, number: number)
            let before = try await Self.timeline(client, token: acme.ownerToken, number: number).count

            // Nobody else sees an unsent upload; its uploader does.
            let peek = try await client.call(.get, "/api/v1/attachments/\(samsFile)", token: acme.ownerToken)
            #expect(peek.status == .notFound)
            #expect(try await client.call(.get, "/api/v1/attachments/\(samsFile)", token: sam.token).status == .ok)

            // Nor sends it: the reply and the note are refused whole, naming the id.
            for path in ["replies", "notes"] {
                let refused = try await client.call(
                    .post, "/api/v1/tickets/\(number)/\(path)", token: acme.ownerToken,
                    json: json(["body": "With Sam's file", "attachmentIds": [ownersFile, samsFile]]))
                #expect(refused.status == .badRequest, "\(refused.text)")
                #expect(Self.fields(refused) == ["attachmentIds[1]"])
                #expect(Self.detail(refused).contains(samsFile))
            }
            // An upload belongs to the ticket it was uploaded on.
            let elsewhere = try await client.call(
                .post, "/api/v1/tickets/\(other)/notes", token: acme.ownerToken,
                json: json(["body": "x", "attachmentIds": [ownersFile]]))
            #expect(Self.fields(elsewhere) == ["attachmentIds[0]"])
            let unknown = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "x", "attachmentIds": ["at_nothing"]]))
            #expect(Self.fields(unknown) == ["attachmentIds[0]"])
            #expect(try await Self.timeline(client, token: acme.ownerToken, number: number).count == before)
            #expect(try await Self.timeline(client, token: acme.ownerToken, number: other).count == 2)

            // The owner's own file is still unsent and goes out once; a second time it is refused.
            let sent = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "Mine", "attachmentIds": [ownersFile]]))
            #expect(sent.status == .created, "\(sent.text)")
            let again = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "Mine again", "attachmentIds": [ownersFile]]))
            #expect(again.status == .badRequest)
            #expect(Self.detail(again).contains("already sent"))

            // At most ten per message, none twice, and text or a file is needed.
            let many = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: sam.token,
                json: json(["body": "x", "attachmentIds": (0..<11).map { "at_\($0)" }]))
            #expect(Self.fields(many) == ["attachmentIds"])
            let twice = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: sam.token,
                json: json(["body": "x", "attachmentIds": [samsFile, samsFile]]))
            #expect(Self.fields(twice) == ["attachmentIds[1]"])
            let empty = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: sam.token,
                json: json(["body": " ", "attachmentIds": []]))
            #expect(Self.fields(empty) == ["body"])
            #expect(try await Self.timeline(client, token: acme.ownerToken, number: number).count == before + 1)
        }
    }

    @Test func anotherTeamsMemberGets404() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let globex = try await desk.team("Globex")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let file = try await Self.upload(client, token: acme.ownerToken, number: number)
            _ = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "sent", "attachmentIds": [file]]))
            let download = try await client.call(.get, "/api/v1/attachments/\(file)", token: globex.ownerToken)
            #expect(download.status == .notFound)
            #expect(download.problemType == "urn:helpdesk:problem:not-found")
            // Globex has no ticket of that number: its upload there is 404 too, whatever the file.
            let upload = try await client.upload(
                "/api/v1/tickets/\(number)/attachments", token: globex.ownerToken, filename: "x.exe", bytes: [1])
            #expect(upload.status == .notFound)
        }
    }

    @Test func aFileOverTheLimitIs413AndARefusedTypeIs415WithNothingStored() async throws {
        let desk = try TestHelpDesk(configure: { $0.maxAttachmentBytes = 2048 })
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let path = "/api/v1/tickets/\(number)/attachments"
            let big = try await client.upload(
                path, token: acme.ownerToken, filename: "big.png",
                bytes: TestFiles.png + [UInt8](repeating: 0, count: 3000))
            #expect(big.status == .contentTooLarge)
            #expect(big.problemType == "urn:helpdesk:problem:payload-too-large")
            #expect(Self.detail(big).contains("big.png is 3 KB; a file may be at most 2 KB"), "\(Self.detail(big))")
            // A body past the limit and the form's allowance is refused before it is read.
            let huge = try await client.upload(
                path, token: acme.ownerToken, filename: "huge.zip", bytes: [UInt8](repeating: 7, count: 80 * 1024))
            #expect(huge.status == .contentTooLarge)
            #expect(Self.detail(huge).contains("a file may be at most 2 KB"), "\(Self.detail(huge))")

            for (name, type, bytes, says) in [
                ("setup.exe", "application/octet-stream", [UInt8](repeating: 0x4D, count: 10), ".exe files"),
                ("logo.svg", "image/svg+xml", TestFiles.svg, ".svg files"),
                ("page.html", "text/html", TestFiles.html, ".html files"),
                ("noextension", "text/html", TestFiles.html, "the type text/html"),
                // Dressed as images: the bytes say otherwise.
                ("cat.png", "image/png", TestFiles.svg, "cat.png is not a PNG, JPEG, GIF or WebP image"),
                ("dog.jpg", "image/jpeg", TestFiles.html, "dog.jpg is not a PNG, JPEG, GIF or WebP image"),
            ] {
                let refused = try await client.upload(
                    path, token: acme.ownerToken, filename: name, type: type, bytes: bytes)
                #expect(refused.status == .unsupportedMediaType, "\(name): \(refused.text)")
                #expect(refused.problemType == "urn:helpdesk:problem:unsupported-media-type")
                #expect(Self.detail(refused).contains(says), "\(Self.detail(refused))")
            }
            let notAForm = try await client.call(.post, path, token: acme.ownerToken, json: json(["file": "x"]))
            #expect(notAForm.status == .unsupportedMediaType)
            #expect(Self.detail(notAForm).contains("multipart/form-data"))

            // A text file holding markup is a text file, served as a download.
            let text = try await client.upload(
                path, token: acme.ownerToken, filename: "notes.txt", type: "text/html", bytes: TestFiles.html)
            #expect(text.status == .created)
            #expect(text.object["contentType"] as? String == "text/plain")
            let served = try await client.call(
                .get, "/api/v1/attachments/\(text.object["id"] as? String ?? "")", token: acme.ownerToken)
            #expect(served.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            // A PNG named .jpg is stored as what it is.
            let renamed = try await client.upload(
                path, token: acme.ownerToken, filename: "photo.JPG", bytes: TestFiles.png)
            #expect(renamed.object["contentType"] as? String == "image/png")
        }
    }

    @Test func malformedUploadsAre400NamingTheProblem() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let path = "/api/v1/tickets/\(number)/attachments"
            let empty = try await client.upload(path, token: acme.ownerToken, filename: "empty.txt", bytes: [])
            #expect(empty.status == .badRequest)
            #expect(Self.fields(empty) == ["file"])
            #expect(Self.detail(empty).contains("empty.txt is empty"))
            let nameless = try await client.upload(path, token: acme.ownerToken, filename: nil, bytes: TestFiles.pdf)
            #expect(Self.fields(nameless) == ["file"])
            #expect(Self.detail(nameless).contains("file name"))

            let other = multipartBody([FormPart(name: "document", filename: "a.pdf", bytes: TestFiles.pdf)])
            let noFile = try await client.send(
                .post, path, token: acme.ownerToken, headers: [.contentType: other.contentType], body: other.body)
            #expect(noFile.status == .badRequest)
            #expect(Self.fields(noFile) == ["file"])
            let two = multipartBody([
                FormPart(filename: "a.pdf", bytes: TestFiles.pdf), FormPart(filename: "b.pdf", bytes: TestFiles.pdf),
            ])
            let twoFiles = try await client.send(
                .post, path, token: acme.ownerToken, headers: [.contentType: two.contentType], body: two.body)
            #expect(twoFiles.status == .badRequest)
            #expect(Self.detail(twoFiles).contains("one file per upload"))

            let broken = try await client.send(
                .post, path, token: acme.ownerToken,
                headers: [.contentType: "multipart/form-data; boundary=abc"],
                body: ByteBuffer(string: "--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end"))
            #expect(broken.status == .badRequest)
            #expect(Self.detail(broken).contains("not a well-formed multipart/form-data form"))
            let noBoundary = try await client.send(
                .post, path, token: acme.ownerToken, headers: [.contentType: "multipart/form-data"],
                body: ByteBuffer(string: "x"))
            #expect(noBoundary.status == .unsupportedMediaType)
            let anonymous = try await client.upload(path, token: nil, filename: "a.pdf", bytes: TestFiles.pdf)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func theTicketPageShowsImagesAndFileLinksByTheSessionCookie() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            // A cookie-authenticated upload needs the CSRF token, like every write.
            let form = multipartBody([FormPart(filename: "a.pdf", bytes: TestFiles.pdf)])
            let forged = try await client.send(
                .post, "/api/v1/tickets/\(number)/attachments",
                headers: [.cookie: cookies[.cookie] ?? "", .contentType: form.contentType], body: form.body)
            #expect(forged.status == .forbidden)

            let image = try await Self.upload(
                client, token: acme.ownerToken, number: number, filename: "<b>photo's.png")
            let pdf = try await Self.upload(
                client, token: acme.ownerToken, number: number, filename: "terms & conditions.pdf", bytes: TestFiles.pdf
            )
            _ = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "", "attachmentIds": [image, pdf]]))

            let page = try await client.call(.get, "/app/tickets/\(number)", headers: cookies)
            #expect(page.status == .ok)
            WebAppTests.expectSafePage(page, "/app/tickets/\(number)")
            #expect(
                page.text.contains(
                    "<img src=\"/api/v1/attachments/\(image)\" alt=\"&lt;b&gt;photo&#39;s.png\" loading=\"lazy\">"))
            #expect(
                page.text.contains(
                    "<a href=\"/api/v1/attachments/\(pdf)\" download=\"terms &amp; conditions.pdf\">terms &amp; conditions.pdf</a>"
                ))
            #expect(!page.text.contains("<b>photo"))
            // The composer's paperclip: a labelled button and the file input it opens.
            #expect(page.text.contains("id=\"composer-attach\""))
            #expect(page.text.contains("Attach files</button>"))
            #expect(page.text.contains("data-max-bytes=\"\(AttachmentPolicy.defaultMaxBytes)\""))
            // The session cookie downloads, as the page's <img> does.
            let shown = try await client.call(.get, "/api/v1/attachments/\(image)", headers: cookies)
            #expect(shown.status == .ok)
        }
    }

    @Test func unsentUploadsArePurgedAfterADay() async throws {
        let clock = TestClock(.now())
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let old = try await Self.upload(client, token: acme.ownerToken, number: number)
            let kept = try await Self.upload(client, token: acme.ownerToken, number: number)
            _ = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": "kept", "attachmentIds": [kept]]))
            clock.advance(seconds: 25 * 3600)
            _ = try await Self.upload(client, token: acme.ownerToken, number: number)
            #expect(
                try await client.call(.get, "/api/v1/attachments/\(old)", token: acme.ownerToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/attachments/\(kept)", token: acme.ownerToken).status == .ok)
        }
    }

    @Test func aMemberKeepsAtMostTwentyUnsentUploadsOnATicket() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            for _ in 0..<AttachmentPolicy.maxUnsentPerUploader {
                _ = try await Self.upload(
                    client, token: acme.ownerToken, number: number, filename: "a.txt", bytes: [65])
            }
            let refused = try await client.upload(
                "/api/v1/tickets/\(number)/attachments", token: acme.ownerToken, filename: "a.txt", bytes: [65])
            #expect(refused.status == .conflict)
            #expect(Self.detail(refused).contains("waiting to be sent"))
        }
    }
}
