import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The team's canned replies: everyone reads them here; owners and managers
    /// also create, edit and delete them. `app.js` saves with `POST` / `PUT` and
    /// deletes with `DELETE /api/v1/canned-replies/{id}`.
    enum CannedRepliesPage {
        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let replies = try await helpDesk.cannedReplies(caller)
            let canConfigure = caller.member.role.canConfigure
            let items = replies.map { item($0, canConfigure: canConfigure) }
            let list: HTML =
                replies.isEmpty
                ? "<p class=\"empty\" id=\"canned-empty\">No canned replies yet.\(HTML.when(canConfigure, " Create one for the answers your team writes again and again."))</p>"
                : "<ul class=\"plain-list canned-replies\" id=\"canned-replies\">\(items)</ul>"
            let main: HTML = """
                <div class="page-head"><h1>Canned replies</h1>
                \(HTML.when(canConfigure, "<button type=\"button\" class=\"button-primary\" id=\"canned-new\" data-testid=\"canned-new\">New canned reply</button>"))
                </div>
                <p>In a ticket’s composer, type <kbd>/</kbd> at the start of a line or press <strong>Canned replies</strong>, \
                search, and pick one: it is inserted with its variables filled for that ticket, ready to edit before you send it.</p>
                \(HTML.when(!canConfigure, "<p class=\"notice\">Only owners and managers can change canned replies; you can use them in any ticket.</p>"))
                <p class="status" id="canned-replies-status" role="status"></p>
                \(HTML.when(canConfigure, editor()))
                \(list)
                """
            return Layout.page(
                title: "Canned replies", page: "canned-replies", section: .cannedReplies, chrome: chrome, main: main)
        }

        static func item(_ reply: CannedReply, canConfigure: Bool) -> HTML {
            let actions: HTML = """
                <div class="form-actions">
                <button type="button" class="canned-edit" data-reply-id="\(reply.id)">Edit<span class="visually-hidden"> \(reply.title)</span></button>
                <button type="button" class="canned-delete button-quiet" data-reply-id="\(reply.id)" data-title="\(reply.title)">Delete<span class="visually-hidden"> \(reply.title)</span></button>
                </div>
                """
            return """
                <li class="canned-reply" id="canned-reply-\(reply.id)" data-testid="canned-reply" data-reply-id="\(reply.id)">
                <h2 class="canned-title">\(reply.title)</h2>
                <p class="canned-body">\(reply.body)</p>
                \(HTML.when(canConfigure, actions))
                </li>
                """
        }

        /// The create / edit form; hidden until New canned reply or Edit.
        static func editor() -> HTML {
            let variables = ReplyTemplate.Variable.allCases.map { variable -> HTML in
                "<li><code>{{\(variable.rawValue)}}</code> \(explanation(variable))</li>"
            }
            return """
                <section class="card editor" id="canned-editor" aria-labelledby="canned-editor-title" hidden>
                <h2 id="canned-editor-title">New canned reply</h2>
                <form id="canned-form" class="stack" novalidate>
                <div class="field"><label for="canned-title">Title</label>
                <input id="canned-title" data-testid="canned-title" name="title" required maxlength="\(CannedReply.titleLimit)">
                <span class="field-error" data-error-for="title"></span></div>
                <div class="field"><label for="canned-body">Text</label>
                <textarea id="canned-body" data-testid="canned-body" name="body" rows="6" required maxlength="\(CannedReply.bodyLimit)" aria-describedby="canned-variables-label"></textarea>
                <span class="field-error" data-error-for="body"></span></div>
                <div class="hint"><p id="canned-variables-label">Variables, filled in when the reply is inserted into a ticket (a missing one, such as the agent of a ticket opened by hand, is left empty):</p>
                <ul>\(variables)</ul></div>
                <p class="error" id="canned-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="canned-save" data-testid="canned-save">Save canned reply</button>
                <button type="button" id="canned-cancel">Cancel</button></div>
                </form>
                </section>
                """
        }

        static func explanation(_ variable: ReplyTemplate.Variable) -> String {
            switch variable {
            case .customerName: "the customer’s name"
            case .ticketNumber: "the ticket’s number, such as 10042"
            case .operatorName: "your display name (whoever inserts the reply)"
            case .agentName: "the AI agent the ticket came from"
            }
        }
    }
}
