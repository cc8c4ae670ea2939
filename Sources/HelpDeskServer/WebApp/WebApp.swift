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
            try await signedIn(request, context) { chrome in
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
    /// address this page was reached at.
    static func widgetOrigin(_ request: Request, _ configuration: ServerConfiguration) -> String {
        if var url = configuration.publicURL, !url.isEmpty {
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        guard let host = request.head.authority, !host.isEmpty else { return "" }
        return (request.head.scheme ?? "http") + "://" + host
    }
}
