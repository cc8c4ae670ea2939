import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import Testing

/// A member's own account (password, sign out everywhere) and removing a member.
@Suite struct AccountTests {
    static func login(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws
        -> TestResponse
    {
        try await client.call(.post, "/api/v1/auth/login", json: json(["email": email, "password": password]))
    }

    @Test func changingThePasswordChecksTheCurrentOneAndEndsOtherSessions() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let other = try #require(
                try await Self.login(client, acme.owner.email, TestHelpDesk.password).object["token"] as? String)
            let wrong = try await client.call(
                .post, "/api/v1/me/password", token: acme.ownerToken,
                json: json(["currentPassword": "not my password", "newPassword": "a brand new secret"]))
            #expect(wrong.status == .badRequest)
            #expect(BadInputTests.fieldNames(wrong) == ["currentPassword"])
            let weak = try await client.call(
                .post, "/api/v1/me/password", token: acme.ownerToken,
                json: json(["currentPassword": TestHelpDesk.password, "newPassword": "password"]))
            #expect(weak.status == .badRequest)
            #expect(BadInputTests.fieldNames(weak) == ["newPassword"])
            let changed = try await client.call(
                .post, "/api/v1/me/password", token: acme.ownerToken,
                json: json(["currentPassword": TestHelpDesk.password, "newPassword": "a brand new secret"]))
            #expect(changed.status == .noContent)
            // This session stays; the other one ended; only the new password signs in.
            #expect(try await client.call(.get, "/api/v1/me", token: acme.ownerToken).status == .ok)
            #expect(try await client.call(.get, "/api/v1/me", token: other).status == .unauthorized)
            #expect(try await Self.login(client, acme.owner.email, TestHelpDesk.password).status == .unauthorized)
            #expect(try await Self.login(client, acme.owner.email, "a brand new secret").status == .ok)
        }
    }

    @Test func signingOutEverywhereEndsEverySession() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let other = try #require(
                try await Self.login(client, acme.owner.email, TestHelpDesk.password).object["token"] as? String)
            let out = try await client.call(.post, "/api/v1/auth/logout-all", token: other)
            #expect(out.status == .noContent)
            #expect(
                out.headers[values: .setCookie].contains {
                    $0.hasPrefix("helpdesk_session=;") || $0.contains("Max-Age=0")
                })
            #expect(try await client.call(.get, "/api/v1/me", token: acme.ownerToken).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/me", token: other).status == .unauthorized)
        }
    }

    @Test func removingAMemberEndsTheirSessionsAndRoutesTheirTicketsAgain() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", availability: .online)
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            var ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken).object
            #expect((ticket["assignee"] as? [String: Any])?["id"] as? String == sam.member.id)
            let riley = try await acme.member("Riley", availability: .online)
            let removed = try await client.call(.delete, "/api/v1/members/\(sam.member.id)", token: acme.ownerToken)
            #expect(removed.status == .noContent)
            // Sam is gone: no session, no sign-in, not in the list, and the ticket went to Riley.
            #expect(try await client.call(.get, "/api/v1/me", token: sam.token).status == .unauthorized)
            #expect(try await Self.login(client, sam.member.email, TestHelpDesk.password).status == .unauthorized)
            let members = try await client.call(.get, "/api/v1/members", token: acme.ownerToken).items
            #expect(!members.contains { $0["id"] as? String == sam.member.id })
            ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken).object
            #expect((ticket["assignee"] as? [String: Any])?["id"] as? String == riley.member.id)
            let timeline = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken)
            #expect(timeline.items.contains { ($0["detail"] as? String)?.contains("Sam was removed") == true })
            // The address is free for a new account.
            let again = try await client.call(
                .post, "/api/v1/members", token: acme.ownerToken,
                json: json([
                    "email": sam.member.email, "password": "long enough pw", "role": "operator", "displayName": "Sam",
                ]))
            #expect(again.status == .created)
            #expect(
                try await client.call(.delete, "/api/v1/members/\(sam.member.id)", token: acme.ownerToken).status
                    == .notFound)
        }
    }

    @Test func onlyOwnersAndManagersRemoveAndNobodyRemovesThemself() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let globex = try await desk.team("Globex")
        let manager = try await acme.member("Mia", role: .manager)
        let operatorMember = try await acme.member("Oli")
        try await desk.test { client in
            func remove(_ id: String, as token: String) async throws -> HTTPResponse.Status {
                try await client.call(.delete, "/api/v1/members/\(id)", token: token).status
            }
            var statuses: [HTTPResponse.Status] = []
            statuses.append(try await remove(manager.member.id, as: operatorMember.token))
            statuses.append(try await remove(acme.owner.id, as: manager.token))
            statuses.append(try await remove(acme.owner.id, as: acme.ownerToken))
            statuses.append(try await remove(globex.owner.id, as: acme.ownerToken))
            statuses.append(try await remove(operatorMember.member.id, as: manager.token))
            #expect(statuses == [.forbidden, .forbidden, .conflict, .notFound, .noContent])
        }
    }

    @Test func aLiveFeedClosesWithinASecondOfSigningOutEverywhere() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // Signed out only once the feed is open (a busy machine may take longer than any fixed wait).
            let (opened, open) = AsyncStream<Void>.makeStream()
            let closed = Task { () async throws -> ContinuousClock.Instant in
                defer { open.finish() }
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)", logger: Logger(label: "test")
                ) { inbound, _, _ in
                    open.yield()
                    for try await _ in inbound {}
                }
                return ContinuousClock.now
            }
            for await _ in opened { break }
            let signedOut = ContinuousClock.now
            #expect(
                try await client.call(.post, "/api/v1/auth/logout-all", token: acme.ownerToken).status == .noContent)
            let timeout = Task {
                try await Task.sleep(for: .seconds(5))
                closed.cancel()
            }
            let end = try await closed.value
            timeout.cancel()
            // The sign-out wakes the feed at once; the margin is for a busy machine. Without it the feed stays open.
            #expect(end - signedOut < .seconds(3), "the feed stayed open \(end - signedOut)")
        }
    }
}
