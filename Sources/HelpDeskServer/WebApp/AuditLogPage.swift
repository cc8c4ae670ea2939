import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird

extension WebApp {
    /// The audit log for owners and managers: who changed which configuration
    /// when, each change as the fields it changed (before → after), filtered by
    /// action, member, kind of thing and dates in the team's time zone (a plain
    /// GET form), with Export CSV: `app.js` asks `GET /api/v1/audit` with the
    /// same filters and `Accept: text/csv`, and saves the answer.
    enum AuditLogPage {
        /// The page's own filters, read from the URL: the API's, with dates instead of instants.
        struct Filters {
            var query = AuditQuery()
            var from: LocalDate?
            var to: LocalDate?
        }

        static func filters(_ request: Request, timeZone: TimeZone) throws -> Filters {
            let parameters = request.uri.queryParameters
            func parameter(_ name: String) -> String? { parameters[name[...]].map(String.init) }
            var filters = Filters()
            var errors: [FieldError] = []
            do {
                filters.query = try AuditQuery.parse { name in
                    ["since", "until"].contains(name) ? nil : parameter(name)
                }
            } catch { if case .invalid(let found) = error { errors += found } }
            for name in ["from", "to"] {
                guard let raw = parameter(name), !raw.isEmpty else { continue }
                guard let date = LocalDate(raw) else {
                    errors.append(FieldError(field: name, message: "must be a date such as 2026-11-28"))
                    continue
                }
                if name == "from" {
                    filters.from = date
                    filters.query.since = start(of: date, in: timeZone)
                } else {
                    filters.to = date
                    filters.query.until = start(of: date.adding(days: 1), in: timeZone)
                }
            }
            if !errors.isEmpty { throw HelpDeskError.invalid(errors) }
            return filters
        }

        /// Midnight of a date in a time zone (the first moment of the day where DST skips midnight).
        static func start(of date: LocalDate, in timeZone: TimeZone) -> Timestamp {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let day = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date()
            return Timestamp(calendar.startOfDay(for: day))
        }

        static func render(_ request: Request, chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            try caller.requireConfigure("read the audit log")
            let settings = try await helpDesk.settings(caller)
            let timeZone = TimeZone(identifier: settings.calendar.timeZone) ?? .gmt
            let filters = try filters(request, timeZone: timeZone)
            let page = try await helpDesk.auditLog(caller, filters.query)
            let members = try await helpDesk.members(caller).map(\.member)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            let rows = page.items.map { row($0, formatter: formatter) }
            var next = filters
            next.query.before = page.nextBefore
            let main: HTML = """
                <div class="page-head"><h1>Audit log</h1>
                <a class="button" href="\(csvLink(filters))" id="audit-export" data-testid="audit-export">Export CSV</a></div>
                <p>Every change to the team's configuration — settings, members and roles, agents, channels, canned \
                replies, tags, the copilot, the plan — with who made it and what it changed. Secrets such as bot \
                tokens, passwords and API keys are never recorded: they show as \(AuditRedaction.hidden), and whether \
                a change replaced one. Times are in the team's time zone, \(settings.calendar.timeZone).</p>
                \(form(filters, members: members))
                <div class="table-wrap">
                <table class="inbox audit" id="audit-table">
                <caption class="visually-hidden">Configuration changes, newest first</caption>
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th>\
                <th scope="col">Subject</th><th scope="col">Changes</th></tr></thead>
                <tbody id="audit-rows">\(rows)</tbody>
                </table>
                </div>
                <p class="empty" id="audit-empty"\(HTML.flag("hidden", !page.items.isEmpty))>No changes recorded here.</p>
                \(HTML.when(page.nextBefore != nil, "<p class=\"load-more\"><a href=\"\(pageLink(next))\" id=\"audit-older\" data-testid=\"audit-older\">Older changes</a></p>"))
                """
            return Layout.page(title: "Audit log", page: "audit-log", section: .auditLog, chrome: chrome, main: main)
        }

        static func row(_ entry: AuditEntry, formatter: DateFormatter) -> HTML {
            let record = entry.record
            let who: HTML =
                record.actor.kind == .system
                ? "<span class=\"muted\">\(record.actor.name) (system)</span>" : "\(record.actor.name)"
            let subject = record.subject.name ?? record.subject.id
            let changes = entry.changes.map { change -> HTML in
                """
                <li><code>\(change.field)</code>: <del>\(change.before?.display ?? "—")</del> → \
                <ins>\(change.after?.display ?? "—")</ins></li>
                """
            }
            let changeList: HTML =
                changes.isEmpty
                ? "<span class=\"muted\">—</span>" : "<ul class=\"plain-list audit-changes\">\(changes)</ul>"
            return """
                <tr data-testid="audit-row" data-action="\(record.action.rawValue)">\
                <td><time datetime="\(record.at.rfc3339)">\(formatter.string(from: record.at.date))</time></td>\
                <td>\(who)</td><td><code>\(record.action.rawValue)</code></td>\
                <td>\(record.subject.type.rawValue): \(subject)</td><td>\(changeList)</td></tr>
                """
        }

        static func form(_ filters: Filters, members: [Member]) -> HTML {
            func options(_ values: [(String, String)], _ chosen: String?) -> HTML {
                HTML.join(
                    values.map { value, label -> HTML in
                        "<option value=\"\(value)\"\(HTML.flag("selected", value == (chosen ?? "")))>\(label)</option>"
                    })
            }
            let actions = [("", "Any action")] + AuditAction.allCases.map { ($0.rawValue, $0.rawValue) }
            let kinds = [("", "Anything")] + AuditSubjectType.allCases.map { ($0.rawValue, $0.rawValue) }
            let people = [("", "Anyone")] + members.map { ($0.id, $0.displayName) }
            return """
                <form class="filters" method="get" action="/app/audit-log" id="audit-filters" aria-label="Filter the audit log">
                <div class="field"><label for="audit-action">Action</label>
                <select id="audit-action" name="action">\(options(actions, filters.query.action?.rawValue))</select></div>
                <div class="field"><label for="audit-actor">Who</label>
                <select id="audit-actor" name="actorId">\(options(people, filters.query.actorID))</select></div>
                <div class="field"><label for="audit-subject">Subject</label>
                <select id="audit-subject" name="subjectType">\(options(kinds, filters.query.subjectType?.rawValue))</select></div>
                <div class="field"><label for="audit-from">From</label>
                <input type="date" id="audit-from" name="from" value="\(filters.from?.description ?? "")"></div>
                <div class="field"><label for="audit-to">To</label>
                <input type="date" id="audit-to" name="to" value="\(filters.to?.description ?? "")"></div>
                <div class="filter-actions"><button type="submit" class="button-primary">Filter</button>
                <a href="/app/audit-log">Clear</a></div>
                </form>
                """
        }

        /// The API's filters of a page, as URL query items.
        static func apiParameters(_ query: AuditQuery) -> [(String, String)] {
            var items: [(String, String)] = []
            if let action = query.action { items.append(("action", action.rawValue)) }
            if let actor = query.actorID { items.append(("actorId", actor)) }
            if let type = query.subjectType { items.append(("subjectType", type.rawValue)) }
            if let since = query.since { items.append(("since", since.rfc3339)) }
            if let until = query.until { items.append(("until", until.rfc3339)) }
            return items
        }

        static func encoded(_ items: [(String, String)]) -> String {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?#")
            let pairs = items.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }
            return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
        }

        static func csvLink(_ filters: Filters) -> String {
            "/api/v1/audit" + encoded(apiParameters(filters.query))
        }

        static func pageLink(_ filters: Filters) -> String {
            var items = apiParameters(filters.query).filter { $0.0 != "since" && $0.0 != "until" }
            if let from = filters.from { items.append(("from", from.description)) }
            if let to = filters.to { items.append(("to", to.description)) }
            if let before = filters.query.before { items.append(("cursor", AuditQuery.cursor(after: before))) }
            return "/app/audit-log" + encoded(items)
        }
    }
}
