import Foundation
import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The owners' report: a filter form (a plain GET form, so it works without
    /// JavaScript), figures, charts drawn here as SVG with a text alternative and
    /// the numbers in a table under each, and CSV links for every table.
    enum ReportsPage {
        static func render(query: ReportsAPI.Query, chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let report = try await helpDesk.report(caller, from: query.from, to: query.to, filter: query.filter)
            let agents = try await helpDesk.agents(caller)
            let members = try await helpDesk.members(caller)
            let main: HTML = """
                <div class="page-head"><h1>Reports</h1></div>
                \(form(report.period, query.filter, agents: agents.map { ($0.id, $0.name) }, members: members.map { ($0.member.id, $0.member.displayName) }))
                \(figures(report))
                \(daysSection(report, csv: csvLink(query, table: .days)))
                \(reasonsSection(report))
                \(operatorsSection(report, csv: csvLink(query, table: .operators)))
                <p><a href="\(csvLink(query, table: .summary))" data-testid="report-csv" download>Download every figure as CSV</a></p>
                <p class="hint">How each figure is counted: README, section “Reports”.</p>
                """
            return Layout.page(title: "Reports", page: "reports", section: .reports, chrome: chrome, main: main)
        }

        /// The API link for one table as CSV, with the page's period and filters.
        static func csvLink(_ query: ReportsAPI.Query, table: ReportsAPI.Query.Table) -> String {
            var parameters: [(String, String)] = []
            if let from = query.from { parameters.append(("from", "\(from)")) }
            if let to = query.to { parameters.append(("to", "\(to)")) }
            if let agentID = query.filter.agentID { parameters.append(("agentId", agentID)) }
            if let channel = query.filter.channel { parameters.append(("channel", channel.rawValue)) }
            if let operatorID = query.filter.operatorID { parameters.append(("operatorId", operatorID)) }
            parameters += [("format", "csv"), ("table", table.rawValue)]
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return "/api/v1/reports/overview?"
                + parameters.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                }.joined(separator: "&")
        }

        static func form(
            _ period: ReportPeriod, _ filter: ReportFilter, agents: [(String, String)], members: [(String, String)]
        ) -> HTML {
            func options(_ items: [(String, String)], selected: String?, any: String) -> HTML {
                let rows = items.map { item -> HTML in
                    "<option value=\"\(item.0)\"\(HTML.flag("selected", item.0 == selected))>\(item.1)</option>"
                }
                return "<option value=\"\">\(any)</option>\(rows)"
            }
            let channels = Channel.allCases.map { ($0.rawValue, Words.channel($0)) }
            return """
                <form class="card report-filters" method="get" action="/app/reports" aria-label="Period and filters">
                <div class="field"><label for="report-from">From</label>
                <input id="report-from" name="from" type="date" required value="\(period.from.description)"></div>
                <div class="field"><label for="report-to">To</label>
                <input id="report-to" name="to" type="date" required value="\(period.to.description)"></div>
                <div class="field"><label for="report-agent">Agent</label>
                <select id="report-agent" name="agentId">\(options(agents, selected: filter.agentID, any: "Every agent"))</select></div>
                <div class="field"><label for="report-channel">Channel</label>
                <select id="report-channel" name="channel">\(options(channels, selected: filter.channel?.rawValue, any: "Every channel"))</select></div>
                <div class="field"><label for="report-operator">Operator</label>
                <select id="report-operator" name="operatorId">\(options(members, selected: filter.operatorID, any: "Everyone"))</select></div>
                <div class="form-actions"><button type="submit" class="button-primary" data-testid="report-apply">Show</button></div>
                <p class="hint">Whole days in the team's time zone (\(period.timeZone)), at most \(ReportPeriod.dayLimit) days.</p>
                </form>
                """
        }

        /// A duration in words: "45 s", "12 min", "3 h 5 min", "2 d 4 h"; "–" for none.
        static func duration(_ seconds: Int?) -> String {
            guard let seconds else { return "–" }
            if seconds < 60 { return "\(seconds) s" }
            let minutes = seconds / 60
            if minutes < 60 { return "\(minutes) min" }
            let hours = minutes / 60
            if hours < 48 { return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min" }
            return hours % 24 == 0 ? "\(hours / 24) d" : "\(hours / 24) d \(hours % 24) h"
        }

        static func percent(_ share: Double?) -> String {
            guard let share else { return "–" }
            return String(format: "%.1f %%", share * 100)
        }

        static func figures(_ report: Report) -> HTML {
            func figure(_ id: String, _ label: String, _ value: String, _ note: String = "") -> HTML {
                """
                <div class="figure" data-testid="figure-\(id)"><dt>\(label)</dt><dd><span class="figure-value">\(value)</span>\
                \(HTML.when(!note.isEmpty, "<span class=\"figure-note\">\(note)</span>"))</dd></div>
                """
            }
            let team = report.team
            func rating(_ summary: RatingSummary) -> String {
                summary.average.map { String(format: "%.2f / 5", $0) } ?? "–"
            }
            return """
                <section aria-labelledby="figures-title"><h2 id="figures-title">\(report.period.from.description) to \(report.period.to.description)</h2>
                <dl class="figures">
                \(figure("conversations", "AI conversations", "\(report.ai.conversations)"))
                \(figure("handover-rate", "Handed over", percent(report.ai.handoverRate), "\(report.ai.handovers) conversations"))
                \(figure("deflected", "Resolved by the AI alone", "\(report.ai.deflected)"))
                \(figure("after-handover", "AI messages after handover", "\(report.ai.messagesAfterHandover)"))
                \(figure("takeover", "Time to takeover (median)", duration(team.timeToTakeover.businessP50Seconds), "business time; wall \(duration(team.timeToTakeover.p50Seconds))"))
                \(figure("first-response", "First response (median)", duration(team.firstResponse.businessP50Seconds), "business time; wall \(duration(team.firstResponse.p50Seconds)), p90 \(duration(team.firstResponse.businessP90Seconds))"))
                \(figure("resolution", "Resolution (median)", duration(team.resolution.businessP50Seconds), "business time; wall \(duration(team.resolution.p50Seconds)), p90 \(duration(team.resolution.businessP90Seconds))"))
                \(figure("backlog", "Open or pending at the end", "\(team.backlog)"))
                \(figure("sla", "SLA attainment", percent(report.slaAttainment)))
                \(figure("csat-ai", "Satisfaction, AI alone", rating(report.csatAI), "\(report.csatAI.responses) answers"))
                \(figure("csat-human", "Satisfaction, with the team", rating(report.csatHuman), "\(report.csatHuman.responses) answers"))
                </dl></section>
                """
        }

        static func daysSection(_ report: Report, csv: String) -> HTML {
            let created = report.team.createdPerDay
            let resolved = report.team.resolvedPerDay
            let rows = zip(created, resolved).map { pair -> HTML in
                "<tr><th scope=\"row\">\(pair.0.date.description)</th><td>\(pair.0.count)</td><td>\(pair.1.count)</td></tr>"
            }
            let total = (created.reduce(0) { $0 + $1.count }, resolved.reduce(0) { $0 + $1.count })
            return """
                <section class="card report-section" aria-labelledby="days-title"><h2 id="days-title">Tickets per day</h2>
                \(Chart.lines(
                    id: "chart-days", title: "Tickets created and resolved per day",
                    description: "\(total.0) created and \(total.1) resolved from \(report.period.from.description) to \(report.period.to.description).",
                    labels: created.map(\.date.description),
                    series: [("Created", "series-created", created.map(\.count)), ("Resolved", "series-resolved", resolved.map(\.count))]))
                <details><summary>The numbers</summary>
                <table class="report-table"><thead><tr><th scope="col">Day</th><th scope="col">Created</th><th scope="col">Resolved</th></tr></thead>
                <tbody>\(rows)</tbody></table></details>
                <p><a href="\(csv)" download>CSV</a></p>
                </section>
                """
        }

        static func reasonsSection(_ report: Report) -> HTML {
            let names: [HandoverReason: String] = [
                .customerAsked: "Customer asked for a person", .humanButton: "Human button",
                .unresolved: "Unresolved twice", .agentDecided: "The model handed over",
            ]
            let bars = HandoverReason.allCases.map { (names[$0] ?? $0.rawValue, report.ai.reasons[$0] ?? 0) }
            return """
                <section class="card report-section" aria-labelledby="reasons-title"><h2 id="reasons-title">Why the AI handed over</h2>
                \(Chart.bars(id: "chart-reasons", title: "Handovers by reason", bars: bars))
                </section>
                """
        }

        static func operatorsSection(_ report: Report, csv: String) -> HTML {
            let operators = report.team.operators
            let rows = operators.map { item -> HTML in
                """
                <tr><th scope="row">\(item.name)</th><td>\(item.tickets)</td><td>\(item.resolved)</td>\
                <td>\(duration(item.firstResponse.businessP50Seconds))</td></tr>
                """
            }
            let body: HTML =
                operators.isEmpty
                ? "<p class=\"empty\">No ticket created in the period has an assignee.</p>"
                : """
                \(Chart.bars(id: "chart-operators", title: "Tickets per operator", bars: operators.map { ($0.name, $0.tickets) }))
                <table class="report-table"><thead><tr><th scope="col">Operator</th><th scope="col">Tickets</th>\
                <th scope="col">Resolved</th><th scope="col">First response (median, business time)</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
            return """
                <section class="card report-section" aria-labelledby="operators-title"><h2 id="operators-title">Operators' load</h2>
                <p class="hint">Tickets created in the period, by their assignee now.</p>
                \(body)
                <p><a href="\(csv)" download>CSV</a></p>
                </section>
                """
        }
    }

    /// Charts drawn as SVG on the server: no script, sized by CSS, each an image
    /// with a title and a description, and every mark labelled with its number.
    enum Chart {
        static let width = 640
        static let height = 220
        static let margin = (top: 16, right: 16, bottom: 36, left: 40)

        /// A round top for an axis holding `value`: 1, 2 or 5 times a power of ten.
        static func niceMaximum(_ value: Int) -> Int {
            guard value > 0 else { return 1 }
            var step = 1
            while true {
                for factor in [1, 2, 5] where factor * step >= value { return factor * step }
                step *= 10
            }
        }

        static func lines(
            id: String, title: String, description: String, labels: [String],
            series: [(name: String, cssClass: String, values: [Int])]
        ) -> HTML {
            let top = niceMaximum(series.flatMap(\.values).max() ?? 0)
            let plotWidth = Double(width - margin.left - margin.right)
            let plotHeight = Double(height - margin.top - margin.bottom)
            let count = max(labels.count, 1)
            func x(_ index: Int) -> String {
                let step = count > 1 ? plotWidth / Double(count - 1) : 0
                return String(
                    format: "%.1f", Double(margin.left) + step * Double(index) + (count > 1 ? 0 : plotWidth / 2))
            }
            func y(_ value: Int) -> String {
                String(format: "%.1f", Double(margin.top) + plotHeight * (1 - Double(value) / Double(top)))
            }
            var marks: [HTML] = []
            for line in series {
                let points = line.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
                marks.append("<polyline class=\"\(line.cssClass)\" fill=\"none\" points=\"\(points)\"/>")
                for (index, value) in line.values.enumerated() {
                    marks.append(
                        "<circle class=\"\(line.cssClass)\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"3\"><title>\(line.name), \(labels[safe: index] ?? ""): \(value)</title></circle>"
                    )
                }
            }
            let baseline = height - margin.bottom
            let legend = series.enumerated().map { item -> HTML in
                let left = margin.left + item.offset * 120
                return """
                    <rect class="\(item.element.cssClass)" x="\(left)" y="\(height - 14)" width="10" height="10"/>\
                    <text x="\(left + 14)" y="\(height - 5)">\(item.element.name)</text>
                    """
            }
            return """
                <svg class="chart" id="\(id)" data-testid="\(id)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(description)</desc>
                <line class="axis" x1="\(margin.left)" y1="\(baseline)" x2="\(width - margin.right)" y2="\(baseline)"/>
                <line class="axis" x1="\(margin.left)" y1="\(margin.top)" x2="\(margin.left)" y2="\(baseline)"/>
                <text class="tick" x="\(margin.left - 6)" y="\(margin.top + 4)" text-anchor="end">\(top)</text>
                <text class="tick" x="\(margin.left - 6)" y="\(baseline)" text-anchor="end">0</text>
                <text class="tick" x="\(margin.left)" y="\(baseline + 14)">\(labels.first ?? "")</text>
                <text class="tick" x="\(width - margin.right)" y="\(baseline + 14)" text-anchor="end">\(labels.count > 1 ? labels.last ?? "" : "")</text>
                \(marks)
                \(legend)
                </svg>
                """
        }

        /// Horizontal bars, one per label, each with its number at its end.
        static func bars(id: String, title: String, bars: [(label: String, value: Int)]) -> HTML {
            let rowHeight = 28
            let labelWidth = 220
            let chartHeight = max(bars.count, 1) * rowHeight + 8
            let top = niceMaximum(bars.map(\.value).max() ?? 0)
            let span = Double(width - labelWidth - 60)
            let description = bars.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
            let marks = bars.enumerated().map { item -> HTML in
                let y = 4 + item.offset * rowHeight
                let length = span * Double(item.element.value) / Double(top)
                let end = Double(labelWidth) + length
                return """
                    <text x="\(labelWidth - 8)" y="\(y + 18)" text-anchor="end">\(item.element.label)</text>\
                    <rect class="bar" x="\(labelWidth)" y="\(y + 4)" width="\(String(format: "%.1f", length))" height="\(rowHeight - 10)"/>\
                    <text class="bar-value" x="\(String(format: "%.1f", end + 6))" y="\(y + 18)">\(item.element.value)</text>
                    """
            }
            return """
                <svg class="chart" id="\(id)" data-testid="\(id)" viewBox="0 0 \(width) \(chartHeight)" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(description)</desc>
                \(marks)
                </svg>
                """
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
