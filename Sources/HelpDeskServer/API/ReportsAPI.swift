import HelpDeskCore
import HelpDeskService
import Hummingbird

/// `GET /api/v1/reports/overview`: the owners' report over a period, as JSON or
/// (with `Accept: text/csv` or `format=csv`) as CSV, one table at a time.
enum ReportsAPI {
    /// The question a request asks: its period, filters, and the form of the answer.
    struct Query {
        var from: LocalDate?
        var to: LocalDate?
        var filter = ReportFilter()
        var csv = false
        var table = Table.summary

        /// The CSV tables: every figure as a metric and a value, the per-day counts, the operators.
        enum Table: String, CaseIterable {
            case summary, days, operators
        }

        init(_ parameters: some Sequence<(key: Substring, value: Substring)>, accept: String?) throws {
            var errors: [FieldError] = []
            var values: [String: String] = [:]
            for (key, value) in parameters { values[String(key)] = String(value) }
            func date(_ name: String) -> LocalDate? {
                guard let raw = values[name] else { return nil }
                guard let date = LocalDate(raw) else {
                    errors.append(
                        FieldError(field: name, message: "must be a date such as 2026-11-02 (got \"\(raw)\")"))
                    return nil
                }
                return date
            }
            from = date("from")
            to = date("to")
            // An empty filter means any, as an HTML form sends an unset choice.
            func identifier(_ name: String) -> String? {
                guard let raw = values[name], !raw.isEmpty else { return nil }
                guard raw.count <= 64 else {
                    errors.append(FieldError(field: name, message: "must be an id of at most 64 characters"))
                    return nil
                }
                return raw
            }
            filter.agentID = identifier("agentId")
            filter.operatorID = identifier("operatorId")
            if let raw = values["channel"], !raw.isEmpty {
                if let channel = Channel(rawValue: raw) {
                    filter.channel = channel
                } else {
                    let names = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                    errors.append(FieldError(field: "channel", message: "must be one of \(names) (got \"\(raw)\")"))
                }
            }
            switch values["format"] {
            case nil: csv = CSVResponse.preferred(by: accept)
            case "json": csv = false
            case "csv": csv = true
            case let raw?: errors.append(FieldError(field: "format", message: "must be json or csv (got \"\(raw)\")"))
            }
            if let raw = values["table"] {
                if let table = Table(rawValue: raw) {
                    self.table = table
                } else {
                    let names = Table.allCases.map(\.rawValue).joined(separator: ", ")
                    errors.append(FieldError(field: "table", message: "must be one of \(names) (got \"\(raw)\")"))
                }
            }
            guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        }
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/reports/overview") { request, context in
            let caller = try context.requireCaller()
            let query = try Query(request.uri.queryParameters, accept: request.headers[.accept])
            let report = try await helpDesk.report(caller, from: query.from, to: query.to, filter: query.filter)
            guard query.csv else { return try jsonResponse(ReportJSON(report)) }
            let name = "report-\(report.period.from)-\(report.period.to)-\(query.table.rawValue).csv"
            return CSVResponse.make(csv(report, query.table), filename: name)
        }
    }

    /// One table of the report as CSV.
    static func csv(_ report: Report, _ table: Query.Table) -> String {
        switch table {
        case .summary:
            return CSV.table(header: ["section", "metric", "value"], rows: ReportRows.summary(report))
        case .days:
            return CSV.table(
                header: ["date", "created", "resolved"],
                rows: zip(report.team.createdPerDay, report.team.resolvedPerDay).map {
                    ["\($0.date)", "\($0.count)", "\($1.count)"]
                })
        case .operators:
            return CSV.table(
                header: [
                    "memberId", "name", "tickets", "resolved", "firstResponseP50Seconds", "firstResponseP90Seconds",
                ],
                rows: report.team.operators.map {
                    [
                        $0.memberId, $0.name, "\($0.tickets)", "\($0.resolved)",
                        ReportRows.text($0.firstResponse.p50Seconds), ReportRows.text($0.firstResponse.p90Seconds),
                    ]
                })
        }
    }
}

/// The report's figures as (section, metric, value) rows: the summary CSV and the web page's tables.
enum ReportRows {
    static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
    static func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    static func summary(_ report: Report) -> [[String]] {
        var rows: [[String]] = [
            ["period", "from", "\(report.period.from)"], ["period", "to", "\(report.period.to)"],
            ["period", "timeZone", report.period.timeZone],
            ["ai", "conversations", "\(report.ai.conversations)"], ["ai", "handovers", "\(report.ai.handovers)"],
            ["ai", "handoverRate", "\(report.ai.handoverRate)"],
        ]
        for reason in HandoverReason.allCases {
            rows.append(["ai", "reasons.\(reason.rawValue)", "\(report.ai.reasons[reason] ?? 0)"])
        }
        rows += [
            ["ai", "messagesAfterHandover", "\(report.ai.messagesAfterHandover)"],
            ["ai", "deflected", "\(report.ai.deflected)"],
        ]
        for (name, summary) in [
            ("timeToTakeover", report.team.timeToTakeover), ("firstResponse", report.team.firstResponse),
            ("resolution", report.team.resolution),
        ] {
            rows += [
                ["team", "\(name).count", "\(summary.count)"],
                ["team", "\(name).p50Seconds", text(summary.p50Seconds)],
                ["team", "\(name).p90Seconds", text(summary.p90Seconds)],
                ["team", "\(name).businessP50Seconds", text(summary.businessP50Seconds)],
                ["team", "\(name).businessP90Seconds", text(summary.businessP90Seconds)],
            ]
        }
        rows += [
            ["team", "created", "\(report.team.createdPerDay.reduce(0) { $0 + $1.count })"],
            ["team", "resolved", "\(report.team.resolvedPerDay.reduce(0) { $0 + $1.count })"],
            ["team", "backlog", "\(report.team.backlog)"],
            ["csat", "ai.responses", "\(report.csatAI.responses)"],
            ["csat", "ai.average", text(report.csatAI.average)],
            ["csat", "human.responses", "\(report.csatHuman.responses)"],
            ["csat", "human.average", text(report.csatHuman.average)],
            ["sla", "attainment", text(report.slaAttainment)],
        ]
        return rows
    }
}

/// The report as the API shows it; absent figures are null.
struct ReportJSON: Encodable {
    let report: Report
    init(_ report: Report) { self.report = report }

    struct Period: Encodable {
        var from: LocalDate
        var to: LocalDate
        var timeZone: String
    }

    struct Duration: Encodable {
        let summary: DurationSummary
        enum CodingKeys: String, CodingKey {
            case count, p50Seconds, p90Seconds, businessP50Seconds, businessP90Seconds
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(summary.count, forKey: .count)
            try c.encode(summary.p50Seconds, forKey: .p50Seconds)
            try c.encode(summary.p90Seconds, forKey: .p90Seconds)
            try c.encode(summary.businessP50Seconds, forKey: .businessP50Seconds)
            try c.encode(summary.businessP90Seconds, forKey: .businessP90Seconds)
        }
    }

    struct Rating: Encodable {
        let summary: RatingSummary
        enum CodingKeys: String, CodingKey { case responses, average }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(summary.responses, forKey: .responses)
            try c.encode(summary.average, forKey: .average)
        }
    }

    struct AI: Encodable {
        var conversations: Int
        var handovers: Int
        var handoverRate: Double
        var reasons: [String: Int]
        var deflected: Int
        var messagesAfterHandover: Int
    }

    struct Operator: Encodable {
        var memberId: String
        var name: String
        var tickets: Int
        var resolved: Int
        var firstResponse: Duration
    }

    struct Team: Encodable {
        var timeToTakeover: Duration
        var firstResponse: Duration
        var resolution: Duration
        var createdPerDay: [DayCount]
        var resolvedPerDay: [DayCount]
        var backlog: Int
        var operators: [Operator]
    }

    struct CSAT: Encodable {
        var ai: Rating
        var human: Rating
    }

    enum CodingKeys: String, CodingKey { case period, ai, team, csat, slaAttainment }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(
            Period(from: report.period.from, to: report.period.to, timeZone: report.period.timeZone), forKey: .period)
        let ai = report.ai
        try c.encode(
            AI(
                conversations: ai.conversations, handovers: ai.handovers, handoverRate: ai.handoverRate,
                reasons: Dictionary(
                    uniqueKeysWithValues: HandoverReason.allCases.map { ($0.rawValue, ai.reasons[$0] ?? 0) }),
                deflected: ai.deflected, messagesAfterHandover: ai.messagesAfterHandover), forKey: .ai)
        let team = report.team
        try c.encode(
            Team(
                timeToTakeover: Duration(summary: team.timeToTakeover),
                firstResponse: Duration(summary: team.firstResponse),
                resolution: Duration(summary: team.resolution), createdPerDay: team.createdPerDay,
                resolvedPerDay: team.resolvedPerDay, backlog: team.backlog,
                operators: team.operators.map {
                    Operator(
                        memberId: $0.memberId, name: $0.name, tickets: $0.tickets, resolved: $0.resolved,
                        firstResponse: Duration(summary: $0.firstResponse))
                }), forKey: .team)
        try c.encode(CSAT(ai: Rating(summary: report.csatAI), human: Rating(summary: report.csatHuman)), forKey: .csat)
        try c.encode(report.slaAttainment, forKey: .slaAttainment)
    }
}
