import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird

extension WebApp {
    /// The inbox: the four views as tabs with live counts, filters and search,
    /// and the first page of rows. `app.js` loads more pages through
    /// `GET /api/v1/tickets`, fills the counts and keeps the rows live.
    enum InboxPage {
        static func render(_ request: Request, chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            try caller.requireHelpDesk()
            let parameters = request.uri.queryParameters
            let parameter = { (name: String) in parameters[name[...]].map(String.init) }
            var query = try InboxQuery.parse(parameter)
            query.cursor = nil
            // Operators land on their own work; owners and managers on the whole inbox.
            if parameter("view") == nil, caller.member.role == .operator { query.view = .mine }
            // Where the live feed starts; read before the page, so nothing between them is missed.
            let after = try await helpDesk.liveCursor(caller)
            let page = try await helpDesk.listInbox(caller, query)
            let members = try await helpDesk.members(caller).map(\.member)
            let agents = try await helpDesk.agents(caller)
            let tags = try await helpDesk.tags(caller)
            let colors = TagChips.colors(tags)
            let labels = MemberLabels(members)

            let main: HTML = """
                <div class="page-head">
                <h1>Inbox</h1>
                <div class="alert-settings">
                <span class="choice"><input type="checkbox" id="alert-sound" data-testid="alert-sound">
                <label for="alert-sound">Sound for new work</label></span>
                <button type="button" class="button-quiet" id="alert-desktop" data-testid="alert-desktop" hidden>Turn on desktop notifications</button>
                </div>
                </div>
                \(tabs(query))
                \(filters(query, members: members, labels: labels, agents: agents, tags: tags))
                \(bulkBar(members: members, labels: labels))
                <div class="table-wrap">
                <table class="inbox" id="inbox-table">
                <caption class="visually-hidden">\(Words.view(query.view)) tickets</caption>
                <thead><tr>
                <th scope="col" class="select"><input type="checkbox" id="select-all" aria-label="Select every ticket shown"></th>
                <th scope="col">Status</th><th scope="col">Number</th><th scope="col">Requester</th><th scope="col">Assignee</th>
                <th scope="col">Subject</th><th scope="col">Agent</th><th scope="col">Priority</th><th scope="col">Channel</th>
                <th scope="col">Last activity</th>
                </tr></thead>
                <tbody id="inbox-rows">
                \(page.items.map { row($0, labels: labels, triage: page.triage[$0.id], colors: colors, sla: page.sla[$0.id]) })
                </tbody>
                </table>
                </div>
                <p class="empty" id="inbox-empty" data-testid="inbox-empty"\(HTML.flag("hidden", !page.items.isEmpty))>No tickets here.</p>
                <p class="error" id="inbox-error" role="alert"></p>
                <p class="load-more"><button type="button" id="load-more" data-testid="load-more" data-cursor="\(page.nextCursor?.encoded ?? "")"\(HTML.flag("hidden", page.nextCursor == nil))>Load more</button></p>
                """
            return Layout.page(
                title: "Inbox", page: "inbox", section: .inbox, chrome: chrome,
                bodyData: [
                    ("view", query.view.rawValue), ("after", String(after)), ("member-labels", labels.json),
                    ("tag-colors", TagChips.json(colors)),
                ],
                main: main)
        }

        /// Changes for the selected rows: assignee, status or priority, applied ticket by ticket.
        static func bulkBar(members: [Member], labels: MemberLabels) -> HTML {
            let people = members.map { member -> HTML in
                "<option value=\"\(member.id)\">\(labels.callout(member.id, member.displayName))</option>"
            }
            let statuses = TicketStatus.settable.map { "<option value=\"\($0)\">\(Words.status($0))</option>" as HTML }
            let priorities = Priority.allCases.map { "<option value=\"\($0)\">\(Words.priority($0))</option>" as HTML }
            return """
                <form class="bulk" id="bulk" data-testid="bulk" hidden aria-label="Change the selected tickets">
                <span id="bulk-count" role="status"></span>
                <label for="bulk-assignee">Assignee</label>
                <select id="bulk-assignee"><option value="">Keep</option><option value="none">Unassigned</option>\(people)</select>
                <label for="bulk-status">Status</label>
                <select id="bulk-status"><option value="">Keep</option>\(statuses)</select>
                <label for="bulk-priority">Priority</label>
                <select id="bulk-priority"><option value="">Keep</option>\(priorities)</select>
                <button type="submit" class="button-primary" id="bulk-apply">Apply to selected</button>
                <p class="error" id="bulk-error" role="alert"></p>
                </form>
                """
        }

        /// The four views, keeping the filters and search.
        static func tabs(_ query: InboxQuery) -> HTML {
            let links = InboxView.allCases.map { view -> HTML in
                var target = query
                target.view = view
                let current = view == query.view
                return """
                    <a class="tab" href="\(href(target))" id="view-\(view)" data-testid="view-\(view)" data-view="\(view)"\
                    \(HTML.when(current, " aria-current=\"page\""))>\(Words.view(view)) \
                    <span class="count" id="count-\(view)" data-testid="view-\(view)-count" data-count="\(view)"></span></a>
                    """
            }
            return "<nav class=\"tabs\" aria-label=\"Inbox views\">\(links)</nav>"
        }

        static func filters(
            _ query: InboxQuery, members: [Member], labels: MemberLabels, agents: [Agent], tags: [TicketTag]
        ) -> HTML {
            func select(_ name: String, _ label: String, _ options: [(value: String, label: String)], _ chosen: String?)
                -> HTML
            {
                let rendered = options.map { option -> HTML in
                    "<option value=\"\(option.value)\"\(HTML.flag("selected", option.value == chosen))>\(option.label)</option>"
                }
                return """
                    <div class="field"><label for="filter-\(name)">\(label)</label>
                    <select id="filter-\(name)" name="\(name)" class="auto-submit"><option value="">Any</option>\(rendered)</select></div>
                    """
            }
            return """
                <form class="filters" id="inbox-filters" method="get" action="/app" role="search" aria-label="Filter tickets">
                <input type="hidden" name="view" value="\(query.view)">
                <div class="field field-grow"><label for="filter-q">Search</label>
                <input type="search" id="filter-q" name="q" value="\(query.text ?? "")" placeholder="Subject, requester or message text" maxlength="\(TextLimits.searchQuery)"></div>
                \(select("status", "Status", TicketStatus.settable.map { ($0.rawValue, Words.status($0)) }, query.status?.rawValue))
                \(select("priority", "Priority", Priority.allCases.map { ($0.rawValue, Words.priority($0)) }, query.priority?.rawValue))
                \(select("channel", "Channel", Channel.allCases.map { ($0.rawValue, Words.channel($0)) }, query.channel?.rawValue))
                \(select("agentId", "Agent", agents.map { ($0.id, $0.name) }, query.agentID))
                \(select("assigneeId", "Assignee", members.map { ($0.id, labels.callout($0.id, $0.displayName)) }, query.assigneeID))
                \(select("tag", "Tag", tagOptions(tags, chosen: query.tag), query.tag))
                \(select("slaBreached", "SLA", [("true", "Target missed"), ("false", "Within target")], query.slaBreached.map(String.init)))
                \(sortSelect(query.sort))
                <div class="filter-actions"><button type="submit">Apply</button> <a href="\(href(InboxQuery(view: query.view, sort: query.sort)))">Clear</a></div>
                </form>
                """
        }

        /// The team's tags, and the chosen one when the team has no such tag (so the filter shows what it filters by).
        static func tagOptions(_ tags: [TicketTag], chosen: String?) -> [(value: String, label: String)] {
            var options = tags.map { (value: $0.name, label: $0.name) }
            if let chosen, !tags.contains(where: { $0.name == chosen }) { options.append((chosen, chosen)) }
            return options
        }

        /// The order of the rows; it commits like the filters and stays in the URL.
        /// Clearing the filters keeps it: it is an order, not a filter.
        static func sortSelect(_ chosen: InboxSort) -> HTML {
            let options = InboxSort.allCases.map { sort -> HTML in
                "<option value=\"\(sort)\"\(HTML.flag("selected", sort == chosen))>\(Words.sort(sort))</option>"
            }
            return """
                <div class="field"><label for="filter-sort">Sort</label>
                <select id="filter-sort" name="sort" class="auto-submit" data-testid="filter-sort">\(options)</select></div>
                """
        }

        /// One inbox row; `app.js` builds the same markup for rows that arrive live.
        /// A ticket's SLA clock: breached, or when the next target falls due — a time that `app.js`
        /// shows as a countdown ("in 1 h 59 min"), updated every 30 seconds; nothing without a target.
        static func slaBadge(_ sla: SLAStatus?) -> HTML {
            if sla?.breached == true {
                return "<span class=\"sla sla-breached\" data-testid=\"sla-breached\">SLA breached</span>"
            }
            guard let next = sla?.nextDueAt.map(Timestamp.init) else { return .empty }
            return """
                <span class="sla\(sla?.warning == true ? " sla-warning" : "")" data-testid="sla-due">Due \
                <time datetime="\(next.rfc3339)" data-countdown="">\(Words.time(next))</time></span>
                """
        }

        static func row(
            _ ticket: Ticket, labels: MemberLabels, triage: Triage?, colors: [String: String], sla: SLAStatus? = nil
        ) -> HTML {
            let preview: HTML =
                if let text = triage?.preview { "<span class=\"preview\">\(text)</span>" } else { .empty }
            let waiting: HTML =
                if let since = triage?.waitingSince {
                    "<span class=\"waiting\" data-testid=\"waiting\">Waiting since <time datetime=\"\(since.rfc3339)\" data-relative=\"\">\(Words.time(since))</time></span>"
                } else { .empty }
            let link = "/app/tickets/\(ticket.number)"
            let due = slaBadge(sla)
            let requester: HTML =
                if let email = ticket.requester.email, !email.isEmpty {
                    "\(ticket.requester.name) <span class=\"muted\">\(email)</span>"
                } else { "\(ticket.requester.name)" }
            let assignee: HTML =
                if let assignee = ticket.assignee { "\(labels.callout(assignee.id, assignee.displayName))" } else {
                    "<span class=\"muted\">Unassigned</span>"
                }
            return """
                <tr id="inbox-row-\(ticket.number)" data-testid="inbox-row-\(ticket.number)" data-number="\(ticket.number)" data-status="\(ticket.status)">
                <td data-label="Select" class="select"><input type="checkbox" class="row-select" value="\(ticket.number)" aria-label="Select ticket #\(ticket.number)"></td>
                <td data-label="Status"><span class="badge status-\(ticket.status)">\(Words.status(ticket.status))</span></td>
                <td data-label="Number"><a href="\(link)">#\(ticket.number)</a></td>
                <td data-label="Requester">\(requester)</td>
                <td data-label="Assignee">\(assignee)</td>
                <td data-label="Subject" class="subject"><a href="\(link)" title="\(ticket.subject)">\(ticket.subject)</a>\(TagChips.list(ticket.tags, colors: colors))\(preview)</td>
                <td data-label="Agent">\(ticket.agent?.name ?? "—")</td>
                <td data-label="Priority"><span class="badge priority-\(ticket.priority)">\(Words.priority(ticket.priority))</span></td>
                <td data-label="Channel">\(Words.channel(ticket.channel))</td>
                <td data-label="Last activity"><time datetime="\(ticket.lastActivityAt.rfc3339)" data-relative="">\(Words.time(ticket.lastActivityAt))</time>\(waiting)\(due)</td>
                </tr>
                """
        }

        /// `/app?…` for a query (view, filters, search, sort; no cursor).
        static func href(_ query: InboxQuery) -> String {
            var pairs: [(String, String)] = [("view", query.view.rawValue)]
            if let status = query.status { pairs.append(("status", status.rawValue)) }
            if let priority = query.priority { pairs.append(("priority", priority.rawValue)) }
            if let channel = query.channel { pairs.append(("channel", channel.rawValue)) }
            if let agentID = query.agentID { pairs.append(("agentId", agentID)) }
            if let assigneeID = query.assigneeID { pairs.append(("assigneeId", assigneeID)) }
            if let text = query.text { pairs.append(("q", text)) }
            if let tag = query.tag { pairs.append(("tag", tag)) }
            if let breached = query.slaBreached { pairs.append(("slaBreached", String(breached))) }
            if let dueBefore = query.dueBefore { pairs.append(("dueBefore", dueBefore.rfc3339)) }
            if query.sort != .activity { pairs.append(("sort", query.sort.rawValue)) }
            return "/app?" + pairs.map { "\($0)=\(percentEncoded($1))" }.joined(separator: "&")
        }

        static func percentEncoded(_ text: String) -> String {
            let allowed = CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }
    }
}
