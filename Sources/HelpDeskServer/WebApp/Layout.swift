import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The frame every page shares: document head, the header with the nav, the
    /// signed-in member, the availability switch and Sign out.
    enum Layout {
        /// Which nav entry a page belongs to.
        enum Section: String {
            case inbox, cannedReplies, tags, reports, settings, agents, webhooks, auditLog, profile, none
        }

        /// What the frame needs to know about the request.
        struct Chrome: Sendable {
            var caller: Caller
            /// The session's CSRF token, from the request's own `helpdesk_csrf` cookie.
            var csrfToken: String?
        }

        static func document(
            title: String, page: String, bodyData: [(String, String)] = [], head: HTML = .empty, content: HTML
        ) -> HTML {
            let data = HTML.join(bodyData.map { name, value -> HTML in " data-\(name)=\"\(value)\"" })
            return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(title) · HelpDesk</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/assets/app.css">
                <script src="/assets/app.js" defer></script>
                \(head)</head>
                <body data-page="\(page)"\(data)>
                \(content)
                </body>
                </html>

                """
        }

        /// A signed-in page: the header, then `main`.
        static func page(
            title: String, page: String, section: Section, chrome: Chrome, bodyData: [(String, String)] = [], main: HTML
        ) -> HTML {
            let member = chrome.caller.member
            let data = [("member-id", member.id), ("member-name", member.displayName)] + bodyData
            let content: HTML = """
                <a class="skip-link" href="#main">Skip to content</a>
                \(header(chrome, section: section))
                <main id="main" tabindex="-1">
                \(main)
                </main>
                """
            let csrf: HTML = "<meta name=\"csrf-token\" content=\"\(chrome.csrfToken ?? "")\">\n"
            return document(title: title, page: page, bodyData: data, head: csrf, content: content)
        }

        static func header(_ chrome: Chrome, section: Section) -> HTML {
            let member = chrome.caller.member
            func link(_ href: String, _ label: String, _ target: Section) -> HTML {
                "<li><a href=\"\(href)\"\(HTML.when(target == section, " aria-current=\"page\""))>\(label)</a></li>"
            }
            let options = Availability.allCases.map { value -> HTML in
                "<option value=\(quoted(value.rawValue))\(HTML.flag("selected", value == member.availability))>\(Words.availability(value))</option>"
            }
            return """
                <header class="topbar">
                <a class="brand" href="/app">HelpDesk</a>
                <nav class="mainnav" aria-label="Main">
                <ul>
                \(link("/app", "Inbox", .inbox))
                \(link("/app/canned-replies", "Canned replies", .cannedReplies))
                \(link("/app/tags", "Tags", .tags))
                \(HTML.when(member.role.canConfigure, link("/app/reports", "Reports", .reports)))
                \(link("/app/settings", "Settings", .settings))
                \(link("/app/agents", "Agents", .agents))
                \(HTML.when(member.role.canConfigure && chrome.caller.team.plan.includesHelpDesk, link("/app/webhooks", "Webhooks", .webhooks)))
                \(HTML.when(member.role.canConfigure, link("/app/audit-log", "Audit log", .auditLog)))
                \(link("/app/profile", "Profile", .profile))
                </ul>
                </nav>
                <div class="me">
                \(TimelineView.avatar(member.displayName))<span class="me-name" id="member-name" data-testid="member-name">\(member.displayName)</span>
                <span class="me-team">\(chrome.caller.team.name)</span>
                <label class="availability" for="availability"><span class="availability-dot" data-availability="\(member.availability)"></span><span class="visually-hidden">Availability</span>
                <select id="availability" data-testid="availability" name="availability">\(options)</select></label>
                \(HTML.when(chrome.caller.team.plan.includesHelpDesk, "<button type=\"button\" class=\"button-quiet\" id=\"copilot-open\" data-testid=\"copilot-open\" aria-expanded=\"false\" aria-controls=\"copilot\">Ask the copilot</button>"))
                <button type="button" class="button-quiet" id="sign-out" data-testid="sign-out">Sign out</button>
                </div>
                </header>
                <p class="app-status" id="app-status" role="status" aria-live="polite"></p>
                """
        }

        /// A double-quoted attribute value.
        static func quoted(_ value: String) -> HTML { "\"\(value)\"" }

        /// The message a team without the Help Desk sees instead of the inbox or a ticket.
        static func planMessage(_ team: Team) -> HTML {
            """
            <section class="notice" data-testid="plan-required">
            <h1>The Help Desk is not in your plan</h1>
            <p>The inbox and tickets are part of the <strong>pro</strong> and <strong>scale</strong> plans. \
            \(team.name) is on the <strong>\(team.plan)</strong> plan.</p>
            <p>Ask the administrator of this HelpDesk instance to change the plan \
            (<code>helpdesk set-plan</code>). Your agents, settings and profile stay available meanwhile.</p>
            </section>
            """
        }

        /// A short message page (not found, not allowed, bad link).
        static func message(
            title: String, text: String, back: (href: String, label: String)? = ("/app", "Back to the inbox")
        )
            -> HTML
        {
            """
            <section class="notice">
            <h1>\(title)</h1>
            <p>\(text)</p>
            \(HTML.when(back != nil, "<p><a href=\"\(back?.href ?? "")\">\(back?.label ?? "")</a></p>"))
            </section>
            """
        }
    }
}
