import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func loginReturnsTokenAndMeDescribesTheCaller() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let login = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": TestHelpDesk.password]))
            #expect(login.status == .ok)
            let token = try #require(login.object["token"] as? String)
            #expect(login.object["csrfToken"] is String)
            let cookies = login.headers[values: .setCookie]
            #expect(
                cookies.contains {
                    $0.hasPrefix("helpdesk_session=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax")
                })

            let me = try await client.call(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.object["email"] as? String == acme.owner.email)
            #expect(me.object["role"] as? String == "owner")
            #expect(me.object["teamId"] as? String == acme.team.id)
            #expect(me.object["availability"] as? String == "offline")
            for key in ["id", "displayName", "sendingEmail", "signature"] { #expect(me.object.keys.contains(key)) }

            let logout = try await client.call(.post, "/api/v1/auth/logout", token: token)
            #expect(logout.status == .noContent)
            let after = try await client.call(.get, "/api/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func wrongPasswordAndUnknownTokenAre401() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let wrong = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": "nope-nope-nope"]))
            #expect(wrong.status == .unauthorized)
            let unknown = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": "ghost@nowhere.test", "password": "whatever123"]))
            #expect(unknown.status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/me", token: "forged").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/me").status == .unauthorized)
            let basic = try await client.call(.get, "/api/v1/me", headers: [.authorization: "Basic Zm9vOmJhcg=="])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test func failedLoginsAreRateLimitedPerAccount() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            for _ in 0..<5 {
                let response = try await client.call(
                    .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": "wrong-password"]))
                #expect(response.status == .unauthorized)
            }
            // Even the right password is refused while the account is locked.
            let locked = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": TestHelpDesk.password]))
            #expect(locked.status == .tooManyRequests)
            let retryAfter = try #require(locked.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 15 * 60)
            #expect(locked.problemType == "urn:helpdesk:problem:rate-limited")
        }
    }

    @Test func failedLoginsAreRateLimitedPerClientAddress() async throws {
        let desk = try TestHelpDesk { $0.loginFailuresPerAddress = 6 }
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            // Six failures spread over different (unknown) accounts from one address...
            for index in 0..<6 {
                let response = try await client.call(
                    .post, "/api/v1/auth/login",
                    json: json(["email": "guess\(index)@x.test", "password": "wrong-password"]))
                #expect(response.status == .unauthorized)
            }
            // ...block that address even for an account with no failures of its own.
            let blocked = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": sam.member.email, "password": TestHelpDesk.password]))
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
        }
    }

    @Test func cookieSessionNeedsCSRFTokenForWrites() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let login = try await client.call(
                .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": TestHelpDesk.password]))
            let token = try #require(login.object["token"] as? String)
            let csrf = try #require(login.object["csrfToken"] as? String)
            let cookie: HTTPFields = [.cookie: "helpdesk_session=\(token)"]

            let read = try await client.call(.get, "/api/v1/me", headers: cookie)
            #expect(read.status == .ok)

            let body = json(["availability": "online"])
            let noToken = try await client.call(.patch, "/api/v1/me", json: body, headers: cookie)
            #expect(noToken.status == .forbidden)
            var wrong = cookie
            wrong[HTTPField.Name("X-CSRF-Token")!] = "not-the-token"
            #expect(try await client.call(.patch, "/api/v1/me", json: body, headers: wrong).status == .forbidden)
            var right = cookie
            right[HTTPField.Name("X-CSRF-Token")!] = csrf
            let ok = try await client.call(.patch, "/api/v1/me", json: body, headers: right)
            #expect(ok.status == .ok)
            #expect(ok.object["availability"] as? String == "online")
        }
    }

    @Test func meProfileChangesAndValidation() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let token = acme.ownerToken
            let changed = try await client.call(
                .patch, "/api/v1/me", token: token,
                json: json([
                    "displayName": "Olivia", "sendingEmail": "support@acme.test", "signature": "Olivia\nAcme",
                    "availability": "busy",
                ]))
            #expect(changed.status == .ok)
            #expect(changed.object["displayName"] as? String == "Olivia")
            #expect(changed.object["sendingEmail"] as? String == "support@acme.test")
            #expect(changed.object["signature"] as? String == "Olivia\nAcme")
            #expect(changed.object["availability"] as? String == "busy")

            let cleared = try await client.call(.patch, "/api/v1/me", token: token, json: #"{"signature": null}"#)
            #expect(cleared.object["signature"] is NSNull)

            let badEmail = try await client.call(
                .patch, "/api/v1/me", token: token, json: json(["sendingEmail": "nope"]))
            #expect(badEmail.status == .badRequest)
            #expect((badEmail.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "sendingEmail")

            let badAvailability = try await client.call(
                .patch, "/api/v1/me", token: token, json: json(["availability": "sleeping"]))
            #expect(badAvailability.status == .badRequest)
            #expect((badAvailability.object["detail"] as? String)?.contains("online, away, busy, offline") == true)

            let role = try await client.call(.patch, "/api/v1/me", token: token, json: json(["role": "operator"]))
            #expect(role.status == .badRequest)
            let empty = try await client.call(.patch, "/api/v1/me", token: token, json: "{}")
            #expect(empty.status == .badRequest)
        }
    }
}
