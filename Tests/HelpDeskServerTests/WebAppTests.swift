import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

/// The operator web app through the router: sign-in redirects, server-rendered
/// rows, escaping of customer text, the page security rules and the assets.
@Suite struct WebAppTests {
    /// Signs in through the API like the browser does and returns the cookies it set.
    static func signIn(_ client: any TestClientProtocol, email: String) async throws -> HTTPFields {
        let login = try await client.call(
            .post, "/api/v1/auth/login", json: json(["email": email, "password": TestHelpDesk.password]))
        #expect(login.status == .ok, "\(login.text)")
        let pairs = login.headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }
        #expect(pairs.contains { $0.hasPrefix("helpdesk_session=") })
        #expect(pairs.contains { $0.hasPrefix("helpdesk_csrf=") })
        return [.cookie: pairs.joined(separator: "; ")]
    }

    /// The page rules every HTML response keeps: the CSP header, scripts only
    /// from files, no inline style or event handler attributes.
    static func expectSafePage(_ response: TestResponse, _ path: String) {
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
        let csp = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
        #expect(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), "\(path): \(csp)")
        // Live updates use this origin's WebSocket only: 'self' covers ws/wss to the same host.
        #expect(csp.contains("connect-src 'self';") && !csp.contains("ws:"), "\(path): \(csp)")
        let html = response.text
        for tag in html.components(separatedBy: "<script").dropFirst() {
            let opening = tag.prefix { $0 != ">" }
            #expect(opening.contains(" src="), "\(path) has an inline script: <script\(opening)>")
        }
        #expect(!html.contains("style="), "\(path) has a style attribute")
        #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path) has an inline handler")
        #expect(html.contains("<meta name=\"viewport\""), "\(path)")
    }

    @Test func appPagesWithoutASessionRedirectToSignIn() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            for path in ["/app", "/app/tickets/10001", "/app/settings", "/app/agents", "/app/profile"] {
                let response = try await client.call(.get, path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/app/login", "\(path)")
            }
            let forged = try await client.call(.get, "/app", headers: [.cookie: "helpdesk_session=forged"])
            #expect(forged.status == .seeOther)
            let login = try await client.call(.get, "/app/login")
            #expect(login.status == .ok)
            for id in ["login-email", "login-password", "login-submit"] {
                #expect(login.text.contains("data-testid=\"\(id)\""), "\(id)")
            }
            Self.expectSafePage(login, "/app/login")
        }
    }

    @Test func theInboxRendersTheTicketRowsForTheSessionCookie() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let first = try await openTicket(client, token: acme.ownerToken, subject: "Printer on fire")
            let second = try await openTicket(
                client, token: acme.ownerToken, subject: "Invoice missing", priority: "urgent")
            let cookies = try await Self.signIn(client, email: acme.owner.email)

            let inbox = try await client.call(.get, "/app", headers: cookies)
            #expect(inbox.status == .ok, "\(inbox.text)")
            let html = inbox.text
            for number in [first, second] { #expect(html.contains("data-testid=\"inbox-row-\(number)\"")) }
            #expect(html.contains("Printer on fire") && html.contains("Invoice missing"))
            #expect(html.contains("href=\"/app/tickets/\(first)\""))
            #expect(html.contains("Urgent"))
            for view in ["mine", "all", "unassigned", "resolved"] {
                #expect(html.contains("data-testid=\"view-\(view)\""), "\(view)")
                #expect(html.contains("data-testid=\"view-\(view)-count\""), "\(view)")
            }
            #expect(html.contains("data-testid=\"availability\""))
            #expect(html.contains(acme.owner.displayName))
            // The CSRF token the script sends is the session's own.
            let csrf = cookies[.cookie]?.components(separatedBy: "; ").first { $0.hasPrefix("helpdesk_csrf=") }
            #expect(
                html.contains("<meta name=\"csrf-token\" content=\"\(csrf?.dropFirst("helpdesk_csrf=".count) ?? "")\">")
            )

            // Views and filters are rendered on the server too.
            let resolved = try await client.call(.get, "/app?view=resolved", headers: cookies)
            #expect(!resolved.text.contains("data-testid=\"inbox-row-\(first)\""))
            let urgent = try await client.call(.get, "/app?view=all&priority=urgent", headers: cookies)
            #expect(urgent.text.contains("inbox-row-\(second)") && !urgent.text.contains("inbox-row-\(first)\""))
            let bad = try await client.call(.get, "/app?view=everything", headers: cookies)
            #expect(bad.status == .badRequest)
            Self.expectSafePage(bad, "/app?view=everything")
        }
    }

    @Test func customerTextIsEscapedOnTheInboxAndTicketPages() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let attack = "<script>alert(1)</script>"
            let number = try await openTicket(
                client, token: acme.ownerToken, subject: "Help \(attack)", requester: "Mallory \(attack)",
                email: nil, body: "Body \(attack) \"quoted\" & 'single'")
            _ = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken, json: json(["body": "Note \(attack)"])
            )
            let cookies = try await Self.signIn(client, email: acme.owner.email)

            for path in ["/app", "/app/tickets/\(number)"] {
                let response = try await client.call(.get, path, headers: cookies)
                #expect(response.status == .ok, "\(path): \(response.text)")
                let html = response.text
                #expect(!html.contains(attack), "\(path) echoes the script")
                #expect(html.contains("Help &lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                #expect(html.contains("Mallory &lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                Self.expectSafePage(response, path)
            }
            let ticket = try await client.call(.get, "/app/tickets/\(number)", headers: cookies).text
            #expect(
                ticket.contains("Body &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;"))
            #expect(ticket.contains("Note &lt;script&gt;alert(1)&lt;/script&gt;"))
            // The page's hooks for the script and the browser tests.
            for id in [
                "ticket-status", "ticket-priority", "ticket-assignee", "pickup", "takeover", "release", "timeline",
                "composer-body", "composer-mode-reply", "composer-mode-note", "composer-channel", "composer-send",
                "presence",
            ] {
                #expect(ticket.contains("data-testid=\"\(id)\""), "\(id)")
            }
            #expect(ticket.contains("data-testid=\"timeline-entry\""))
            #expect(ticket.contains("data-kind=\"note\"") && ticket.contains("data-kind=\"message\""))
            #expect(ticket.contains("data-event=\"created\""))
            #expect(ticket.contains("Acme Owner opened the ticket"))
            // Without an email address or a live chat, no channel can carry a reply; the composer says so.
            #expect(ticket.contains("no email address on file"))
        }
    }

    @Test func everyPageKeepsTheSecurityRules() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let fixture = try await WidgetFixture.make(desk, client: client, team: acme)
            let number = try await openTicket(client, token: acme.ownerToken)
            let cookies = try await Self.signIn(client, email: acme.owner.email)
            for path in [
                "/app", "/app?view=mine", "/app/tickets/\(number)", "/app/settings", "/app/agents", "/app/profile",
            ] {
                let response = try await client.call(.get, path, headers: cookies)
                #expect(response.status == .ok, "\(path): \(response.text)")
                #expect(response.headers[.cacheControl] == "no-store", "\(path)")
                Self.expectSafePage(response, path)
            }
            let missing = try await client.call(.get, "/app/tickets/99999", headers: cookies)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("no ticket 99999"))
            Self.expectSafePage(missing, "/app/tickets/99999")

            // The agents page shows the embed snippet, as text.
            let agents = try await client.call(.get, "/app/agents", headers: cookies).text
            #expect(
                agents.contains(
                    "/widget.js&quot; data-channel=&quot;\(fixture.channelID)&quot; async&gt;&lt;/script&gt;"))
            #expect(agents.contains("Shop Assistant"))

            // Signed in, the sign-in page sends you on to the inbox.
            let login = try await client.call(.get, "/app/login", headers: cookies)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/app")
        }
    }

    /// Without `--public-url` the snippet names the address the page was
    /// reached at, but only a plain `host[:port]` is taken from the `Host` header.
    @Test func theEmbedSnippetTakesOnlyAPlainHostFromTheRequest() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            _ = try await WidgetFixture.make(desk, client: client, team: acme)
            let cookie = try #require(try await Self.signIn(client, email: acme.owner.email)[.cookie])
            /// The snippet's origin on the agents page asked for with this `Host` (a raw request: clients fix the header).
            // The raw exchange blocks, so it runs on a thread of its own, not the cooperative pool the server needs.
            func snippetOrigin(host: String) async throws -> String? {
                try await withCheckedThrowingContinuation { continuation in
                    Thread.detachNewThread {
                        continuation.resume(with: Result { try blockingSnippetOrigin(host: host) })
                    }
                }
            }
            @Sendable func blockingSnippetOrigin(host: String) throws -> String? {
                let fd = try #require(RawConnection.socket(toPort: port))
                defer { close(fd) }
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let request =
                    "GET /app/agents HTTP/1.1\r\nHost: \(host)\r\nCookie: \(cookie)\r\nConnection: close\r\n\r\n"
                _ = request.withCString { send(fd, $0, strlen($0), 0) }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = recv(fd, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    bytes += buffer[..<count]
                }
                let page = String(decoding: bytes, as: UTF8.self)
                guard let end = page.range(of: "/widget.js&quot; data-channel"),
                    let start = page[..<end.lowerBound].range(of: "src=&quot;", options: .backwards)
                else { return nil }
                return String(page[start.upperBound..<end.lowerBound])
            }
            #expect(try await snippetOrigin(host: "help.shop.example:8443") == "http://help.shop.example:8443")
            #expect(try await snippetOrigin(host: "[::1]:8080") == "http://[::1]:8080")
            let listening = "http://\(desk.configuration.host):\(desk.configuration.port)"
            for forged in ["evil.example:80@attacker.example", "evil.example:99999", "-evil.example", "[zz]"] {
                #expect(try await snippetOrigin(host: forged) == listening, "\(forged)")
            }
        }
    }

    /// Two members with one name are told apart by email in menus, rows and facts; others by name alone.
    @Test func membersWhoShareANameAreToldApartByEmail() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let first = try await desk.helpDesk.createMember(
            teamID: acme.team.id, email: "sam.lee@acme.test", password: TestHelpDesk.password, role: .operator,
            displayName: "Sam Lee", availability: .online)
        _ = try await desk.helpDesk.createMember(
            teamID: acme.team.id, email: "sam.l@acme.test", password: TestHelpDesk.password, role: .operator,
            displayName: "Sam Lee", availability: .online)
        _ = try await acme.member("Riley")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            #expect(
                try await client.call(
                    .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["assigneeId": first.id])
                ).status == .ok)
            let cookies = try await Self.signIn(client, email: acme.owner.email)
            let inbox = try await client.call(.get, "/app", headers: cookies).text
            let ticket = try await client.call(.get, "/app/tickets/\(number)", headers: cookies).text
            for page in [inbox, ticket] {
                #expect(page.contains("Sam Lee (sam.lee@acme.test)"))
                #expect(page.contains("Sam Lee (sam.l@acme.test)"))
                #expect(!page.contains("Riley (riley@"), "a unique name stays as it is")
            }
            // The inbox row and the ticket's assignee fact name the assignee unambiguously.
            #expect(inbox.components(separatedBy: "Sam Lee (sam.lee@acme.test)").count >= 3, "filter and row")
        }
    }

    /// Operators land on Assigned to me; owners on All; a chosen view is kept.
    @Test func operatorsLandOnTheirOwnTickets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let olli = try await acme.member("Olli")
        try await desk.test { client in
            let asOperator = try await Self.signIn(client, email: olli.member.email)
            let landing = try await client.call(.get, "/app", headers: asOperator).text
            #expect(landing.contains("data-view=\"mine\" aria-current=\"page\""))
            let chosen = try await client.call(.get, "/app?view=all", headers: asOperator).text
            #expect(chosen.contains("data-view=\"all\" aria-current=\"page\""))
            let asOwner = try await Self.signIn(client, email: acme.owner.email)
            let owners = try await client.call(.get, "/app", headers: asOwner).text
            #expect(owners.contains("data-view=\"all\" aria-current=\"page\""))
        }
    }

    /// The Sort select: rendered with the filters, chosen from the URL, kept
    /// by the view tabs and the Clear link, and ordering the rows on the server.
    @Test func theInboxSortIsChosenFromTheURL() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let waits = try await openTicket(client, token: acme.ownerToken, subject: "Waits", body: "Hello?")
            let quiet = try await openTicket(client, token: acme.ownerToken, subject: "Opened by hand")
            let cookies = try await Self.signIn(client, email: acme.owner.email)

            let usual = try await client.call(.get, "/app", headers: cookies).text
            #expect(usual.contains("<label for=\"filter-sort\">Sort</label>"))
            #expect(usual.contains("<select id=\"filter-sort\" name=\"sort\" class=\"auto-submit\""))
            #expect(usual.contains("<option value=\"activity\" selected>Last activity</option>"))
            #expect(usual.contains("<option value=\"waiting\">Longest waiting</option>"))
            #expect(
                usual.range(of: "inbox-row-\(quiet)")!.lowerBound < usual.range(of: "inbox-row-\(waits)")!.lowerBound)
            #expect(!usual.contains("sort=waiting"))

            let sorted = try await client.call(.get, "/app?view=all&sort=waiting", headers: cookies)
            #expect(sorted.status == .ok)
            let html = sorted.text
            #expect(html.contains("<option value=\"waiting\" selected>Longest waiting</option>"))
            #expect(html.contains("<option value=\"activity\">Last activity</option>"))
            #expect(html.range(of: "inbox-row-\(waits)")!.lowerBound < html.range(of: "inbox-row-\(quiet)")!.lowerBound)
            #expect(html.contains("href=\"/app?view=unassigned&amp;sort=waiting\""), "the tabs keep the sort")
            #expect(
                html.contains("href=\"/app?view=all&amp;sort=waiting\">Clear</a>"), "clearing filters keeps the order")

            let bad = try await client.call(.get, "/app?sort=soonest", headers: cookies)
            #expect(bad.status == .badRequest)
            Self.expectSafePage(bad, "/app?sort=soonest")
        }
    }

    /// The ticket page shows who the customer is and their other tickets.
    @Test func theTicketPageShowsTheCustomerAndTheirOtherTickets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            for subject in ["Broken kettle", "Refund please"] {
                let created = try await client.call(
                    .post, "/api/v1/tickets", token: acme.ownerToken,
                    json: json(["subject": subject, "requester": ["name": "Ana", "email": "ana@example.com"]]))
                #expect(created.status == .created)
            }
            let cookies = try await Self.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/10002", headers: cookies).text
            #expect(page.contains("data-testid=\"customer\""))
            #expect(page.contains("ana@example.com"))
            #expect(page.contains("href=\"/app/tickets/10001\">#10001 Broken kettle</a>"))
        }
    }

    @Test func aTeamWithoutTheHelpDeskSeesAClearMessage() async throws {
        let desk = try TestHelpDesk()
        let hobby = try await desk.team("Hobbyist", plan: .hobby)
        try await desk.test { client in
            let cookies = try await Self.signIn(client, email: hobby.owner.email)
            for path in ["/app", "/app/tickets/10001"] {
                let response = try await client.call(.get, path, headers: cookies)
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("The Help Desk is not in your plan"), "\(path)")
                #expect(response.text.contains("hobby"), "\(path)")
                #expect(!response.text.contains("inbox-rows"), "\(path)")
                Self.expectSafePage(response, path)
            }
            let settings = try await client.call(.get, "/app/settings", headers: cookies)
            #expect(settings.status == .ok)
        }
    }

    @Test func assetsAreServedWithTheirContentTypes() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let script = try await client.call(.get, "/assets/app.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.headers[.cacheControl] == "no-cache")
            #expect(script.text.contains("/api/v1/auth/login") && script.text.contains("X-CSRF-Token"))
            #expect(!script.text.contains("innerHTML"))
            let style = try await client.call(.get, "/assets/app.css")
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            #expect(style.headers[.cacheControl] == "no-cache")
            #expect(style.text.contains("@media"))
        }
    }
}
