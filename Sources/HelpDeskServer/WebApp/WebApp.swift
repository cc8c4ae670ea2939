import HelpDeskCore
import HelpDeskService
import Hummingbird
import Logging
import NIOCore

/// The operator web app: server-rendered pages, small vanilla JavaScript, no
/// build step. Pages read through the `HelpDesk` verbs; every change the
/// script makes goes through the JSON API with the session cookie and the
/// CSRF token.
enum WebApp {
    static let loginPath = "/app/login"

    static func register(_ routes: RouteTable, helpDesk: HelpDesk, configuration: ServerConfiguration) {
        Assets.register(routes)
        routes.addPage(.get, loginPath) { _, context in
            if context.caller != nil { return redirect(to: "/app") }
            return html(LoginPage.render())
        }
        routes.addPage(.get, "/app") { request, context in
            // Searching a ticket's number opens it.
            if let caller = context.caller, let text = request.uri.queryParameters["q"],
                let number = InboxQuery(view: .all, text: String(text)).ticketNumber,
                (try? await helpDesk.ticket(caller, number: number)) != nil
            {
                return redirect(to: "/app/tickets/\(number)")
            }
            return try await signedIn(request, context) { chrome in
                try await InboxPage.render(request, chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/tickets/:number") { request, context in
            try await signedIn(request, context) { chrome in
                let raw = context.parameters.get("number") ?? ""
                guard let number = Int(raw), number > 0 else {
                    throw HelpDeskError.notFound("\"\(raw)\" is not a ticket number; ticket numbers look like 10001")
                }
                return try await TicketPage.render(number: number, chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/canned-replies") { request, context in
            try await signedIn(request, context) { chrome in
                try await CannedRepliesPage.render(chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/tags") { request, context in
            try await signedIn(request, context) { chrome in
                try await TagsPage.render(chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/reports") { request, context in
            try await signedIn(request, context) { chrome in
                let query = try ReportsAPI.Query(request.uri.queryParameters, accept: nil)
                return try await ReportsPage.render(query: query, chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/webhooks") { request, context in
            try await signedIn(request, context) { chrome in
                try await WebhooksPage.render(chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/settings") { request, context in
            try await signedIn(request, context) { chrome in
                try await SettingsPage.render(chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/agents") { request, context in
            try await signedIn(request, context) { chrome in
                try await AgentsPage.render(
                    chrome: chrome, helpDesk: helpDesk, widgetOrigin: widgetOrigin(request, configuration))
            }
        }
        routes.addPage(.get, "/app/audit-log") { request, context in
            try await signedIn(request, context) { chrome in
                try await AuditLogPage.render(request, chrome: chrome, helpDesk: helpDesk)
            }
        }
        routes.addPage(.get, "/app/profile") { request, context in
            try await signedIn(request, context) { chrome in
                ProfilePage.render(chrome: chrome)
            }
        }
    }

    /// Runs a signed-in page: 303 to the sign-in page without a session, and
    /// the product's errors as a readable page instead of a problem document.
    static func signedIn(
        _ request: Request, _ context: AppRequestContext, _ render: (Layout.Chrome) async throws -> HTML
    ) async throws -> Response {
        guard let caller = context.caller else { return redirect(to: loginPath) }
        let chrome = Layout.Chrome(
            caller: caller, csrfToken: request.cookies[AuthenticationMiddleware.csrfCookie]?.value)
        do {
            return html(try await render(chrome))
        } catch let error as HelpDeskError {
            return errorPage(error, chrome: chrome)
        }
    }

    static func errorPage(_ error: HelpDeskError, chrome: Layout.Chrome) -> Response {
        let (status, title, main): (HTTPResponse.Status, String, HTML) =
            switch error {
            case .planRequired:
                (.forbidden, "Help Desk not in plan", Layout.planMessage(chrome.caller.team))
            case .notFound(let detail):
                (.notFound, "Not found", Layout.message(title: "Not found", text: detail))
            case .forbidden(let detail):
                (.forbidden, "Not allowed", Layout.message(title: "Not allowed", text: detail))
            case .invalid, .badRequest:
                (.badRequest, "Bad link", Layout.message(title: "This link is not right", text: error.description))
            default:
                (
                    .unprocessableContent, "Cannot be shown",
                    Layout.message(title: "Cannot be shown", text: error.description)
                )
            }
        let page = Layout.page(title: title, page: "message", section: .none, chrome: chrome, main: main)
        return html(page, status: status)
    }

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.rendered)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Where customers' pages load `widget.js` from: the public URL, else the
    /// address this page was reached at when it is a plain `host[:port]`, else
    /// the address the server listens on. A `Host` header is the client's to
    /// write, so nothing but a host name, an IP address and a port is taken from it.
    static func widgetOrigin(_ request: Request, _ configuration: ServerConfiguration) -> String {
        if var url = configuration.publicURL, !url.isEmpty {
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        let fallback = "http://\(configuration.host):\(configuration.port)"
        guard let host = request.head.authority, isPlainAuthority(host) else { return fallback }
        return "http://" + host
    }

    /// `example.com`, `example.com:8080`, `10.0.0.5:80`, `[::1]:8080`: letters,
    /// digits, dots and hyphens, an optional bracketed IPv6 address, an optional port.
    static func isPlainAuthority(_ authority: String) -> Bool {
        guard (1...260).contains(authority.utf8.count) else { return false }
        var host = Substring(authority)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            guard host.hasPrefix(":") else { return false }
            return isPort(host.dropFirst())
        }
        let parts = host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, !isPort(parts[1]) { return false }
        let name = parts[0]
        return !name.isEmpty && !name.hasPrefix("-") && !name.hasPrefix(".")
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." || $0 == "-" }
    }

    private static func isPort(_ text: Substring) -> Bool {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text)
        else { return false }
        return (1...65535).contains(port)
    }
}
