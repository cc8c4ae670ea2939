import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The team's tags: everyone reads them here; owners and managers also
    /// create, recolour and delete them. `app.js` creates with `POST`,
    /// recolours with `PUT` and deletes with `DELETE /api/v1/tags/{name}`.
    enum TagsPage {
        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let tags = try await helpDesk.tags(caller)
            let canConfigure = caller.member.role.canConfigure
            let colors = TagChips.colors(tags)
            let items = tags.map { item($0, colors: colors, canConfigure: canConfigure) }
            let list: HTML =
                tags.isEmpty
                ? "<p class=\"empty\" id=\"tags-empty\">No tags yet.</p>"
                : "<ul class=\"plain-list tag-list\" id=\"tag-list\">\(items)</ul>"
            let main: HTML = """
                <div class="page-head"><h1>Tags</h1></div>
                <p>Tags label tickets so the team finds them again: put them on a ticket on its page (a name the team \
                has no tag for becomes a new grey tag), and filter the inbox by one. Names ignore case and are shown in \
                lower case. A team keeps up to \(TicketTag.teamLimit) tags, a ticket carries up to \(TicketTag.ticketLimit).</p>
                \(HTML.when(!canConfigure, "<p class=\"notice\">Only owners and managers can create, recolour or delete tags; you can put any of them on a ticket.</p>"))
                <p class="status" id="tags-status" role="status"></p>
                \(HTML.when(canConfigure, form()))
                \(list)
                """
            return Layout.page(title: "Tags", page: "tags", section: .tags, chrome: chrome, main: main)
        }

        static func item(_ tag: TicketTag, colors: [String: String], canConfigure: Bool) -> HTML {
            let actions: HTML = """
                <label class="tag-color-field">Colour<span class="visually-hidden"> of \(tag.name)</span> \
                <input type="color" class="tag-color" data-tag="\(tag.name)" value="\(tag.color)"></label>
                <button type="button" class="tag-delete button-quiet" data-tag="\(tag.name)">Delete<span class="visually-hidden"> \(tag.name)</span></button>
                """
            return """
                <li class="tag-row" data-testid="tag-row" data-tag="\(tag.name)">\(TagChips.chip(tag.name, colors: colors))\
                \(HTML.when(canConfigure, actions))</li>
                """
        }

        /// The form that creates a tag.
        static func form() -> HTML {
            """
            <section class="card editor" aria-labelledby="tag-form-title">
            <h2 id="tag-form-title">New tag</h2>
            <form id="tag-form" class="stack" novalidate>
            <div class="field"><label for="tag-name">Name</label>
            <input id="tag-name" data-testid="tag-name" name="name" required maxlength="\(TicketTag.nameLimit)" autocomplete="off">
            <span class="field-error" data-error-for="name"></span></div>
            <div class="field"><label for="tag-color">Colour</label>
            <input id="tag-color" data-testid="tag-color" name="color" type="color" value="\(TicketTag.defaultColor)">
            <span class="field-error" data-error-for="color"></span></div>
            <p class="error" id="tag-error" role="alert"></p>
            <div class="form-actions"><button type="submit" class="button-primary" id="tag-save" data-testid="tag-save">Add tag</button></div>
            </form>
            </section>
            """
        }
    }
}
