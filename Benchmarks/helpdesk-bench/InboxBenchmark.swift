import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// Times inbox pages and text search over a large seeded team: first in process
/// (`SQLiteStore.inbox`), then end to end over HTTP against the real application
/// on a loopback port, one keep-alive connection, one request at a time.
struct InboxBenchmark {
    let options: Options

    /// One inbox request, asked the same way in process and over HTTP.
    struct Operation: Sendable {
        var name: String
        var query: InboxQuery

        var uri: String {
            var uri = "/api/v1/tickets?view=\(query.view.rawValue)&limit=\(query.limit)"
            if query.sort != .activity { uri += "&sort=\(query.sort.rawValue)" }
            if let cursor = query.cursor { uri += "&cursor=\(cursor.encoded)" }
            if let text = query.text {
                uri += "&q=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text)"
            }
            return uri
        }
    }

    func run() async throws {
        say("# helpdesk-bench inbox")
        say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Self.cpuModel())")
        say(
            "options: tickets=\(options.tickets) iterations=\(options.iterations) warmup=\(options.warmup) "
                + "deep-pages=\(options.deepPages) seed=\(options.seed) data-dir=\(options.resolvedDataDirectory)")

        say("load average before: \(Self.loadAverage())")
        let database = try await BenchDatabase.prepare(options)
        let store = database.store
        let state = database.state
        say(
            (database.reused ? "reused the database seeded at \(state.seededAt): " : "seeded: ")
                + String(
                    format: "bulk load %.1f s (%.0f tickets/s), ANALYZE %.1f s", state.seedingSeconds,
                    Double(state.tickets) / state.seedingSeconds, state.analyzeSeconds))
        let sizes = database.fileSizes()
        say(
            String(
                format: "database file: %.1f MiB (WAL %.1f MiB)", Self.mebibytes(sizes.database),
                Self.mebibytes(sizes.wal)))

        let census = try await store.ticketCensus(teamID: state.teamID)
        say(
            "tickets: \(census.total) — open \(census.open), pending \(census.pending), resolved \(census.resolved); "
                + "unassigned (unresolved) \(census.unassigned)")
        try await checkOpenCounts(database, census: census)

        let signIn = try await database.helpDesk.login(
            email: state.callerEmail, password: state.password, clientAddress: "127.0.0.1")
        let teamID = state.teamID
        let callerID = signIn.caller.member.id
        say("caller: \(signIn.caller.member.displayName) (\(signIn.caller.member.role.rawValue))")

        let clock = ContinuousClock()
        let walkStart = clock.now
        let allDeep = try await deepCursor(store, teamID: teamID, callerID: callerID, view: .all)
        let unassignedDeep = try await deepCursor(store, teamID: teamID, callerID: callerID, view: .unassigned)
        let waitingDeep = try await deepCursor(store, teamID: teamID, callerID: callerID, view: .all, sort: .waiting)
        say(
            String(
                format:
                    "deep cursors: view all %d rows in, unassigned %d rows in, all sorted by waiting %d rows in "
                    + "(walking them took %.1f s)",
                allDeep.rows, unassignedDeep.rows, waitingDeep.rows, milliseconds(clock.now - walkStart) / 1000))
        // The first page after the waiting tickets: the rest of the view, in its usual order. (In the
        // seed every unresolved ticket waits, so the rest's unresolved ranges are empty.)
        let pastWaiting = InboxCursor(
            sort: .waiting, position: .activity(statusRank: 0, lastActivity: .max, id: .max))

        let rare = SQLiteStore.bulkLoadRareWords[0]
        let common = SQLiteStore.bulkLoadCommonWord
        let operations = [
            Operation(name: "all, first page", query: InboxQuery(view: .all)),
            Operation(
                name: "all, deep page (\(allDeep.rows) in)", query: InboxQuery(view: .all, cursor: allDeep.cursor)),
            Operation(name: "unassigned, first page", query: InboxQuery(view: .unassigned)),
            Operation(
                name: "unassigned, deep page (\(unassignedDeep.rows) in)",
                query: InboxQuery(view: .unassigned, cursor: unassignedDeep.cursor)),
            Operation(name: "mine, first page", query: InboxQuery(view: .mine)),
            Operation(name: "all by waiting, first page", query: InboxQuery(view: .all, sort: .waiting)),
            Operation(
                name: "all by waiting, deep page (\(waitingDeep.rows) in)",
                query: InboxQuery(view: .all, sort: .waiting, cursor: waitingDeep.cursor)),
            Operation(
                name: "all by waiting, first page past the waiting",
                query: InboxQuery(view: .all, sort: .waiting, cursor: pastWaiting)),
            Operation(name: "unassigned by waiting, first page", query: InboxQuery(view: .unassigned, sort: .waiting)),
            Operation(name: "mine by waiting, first page", query: InboxQuery(view: .mine, sort: .waiting)),
            Operation(name: "search rare word \"\(rare)\" (all)", query: InboxQuery(view: .all, text: rare)),
            Operation(name: "search common word \"\(common)\" (all)", query: InboxQuery(view: .all, text: common)),
        ]

        say("\n## Query plans (EXPLAIN QUERY PLAN of every statement each page runs)")
        for operation in operations {
            say("\n### \(operation.name)")
            for plan in try await store.inboxQueryPlans(teamID: teamID, callerID: callerID, query: operation.query) {
                say(
                    "    "
                        + plan.sql.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
                            separator: " "))
                for step in plan.steps { say("      " + step) }
            }
        }

        // Pages first, in process then over HTTP, so the numbers with targets come in the first
        // minutes of the run; the slow text searches follow.
        let pages = operations.filter { $0.query.text == nil }
        let searches = operations.filter { $0.query.text != nil }
        say("\n## In process: SQLiteStore.inbox, limit 50")
        let pagesInProcess = try await inProcessTimings(store, teamID: teamID, callerID: callerID, operations: pages)
        say("\n## HTTP: GET over loopback, bearer token, one keep-alive connection")
        let baselines = [("GET /health (no auth, no DB)", "/health"), ("GET /api/v1/me (auth only)", "/api/v1/me")]
        let pagesOverHTTP = try await httpTimings(
            database, token: signIn.token, requests: baselines + pages.map { ("GET tickets: \($0.name)", $0.uri) })
        say("\n## Text search, in process and over HTTP")
        let searchesInProcess = try await inProcessTimings(
            store, teamID: teamID, callerID: callerID, operations: searches)
        let searchesOverHTTP = try await httpTimings(
            database, token: signIn.token, requests: searches.map { ("GET tickets: \($0.name)", $0.uri) })

        say("\n## Results (load average after: \(Self.loadAverage()))")
        say(table(pagesInProcess + searchesInProcess + pagesOverHTTP + searchesOverHTTP))
    }

    private func inProcessTimings(
        _ store: SQLiteStore, teamID: String, callerID: String, operations: [Operation]
    ) async throws -> [Timing] {
        var timings: [Timing] = []
        for operation in operations {
            let query = operation.query
            let rows = try await store.inbox(teamID: teamID, callerID: callerID, query: query).items.count
            if rows == 0 {
                // A rare word may miss a small seed entirely; every other page must have rows.
                guard query.text != nil else { throw BenchError.check("\(operation.name) returned no rows") }
                say("note: \(operation.name) matched nothing at this size")
            }
            let timing = try await timed(
                "in-process " + operation.name, rows: rows, iterations: options.iterations, warmup: options.warmup,
                maxSeconds: options.maxSecondsPerOperation
            ) {
                _ = try await store.inbox(teamID: teamID, callerID: callerID, query: query)
            }
            say(table([timing]).split(separator: "\n").last.map(String.init) ?? "")
            timings.append(timing)
        }
        return timings
    }

    /// Walks `deepPages` pages of a view and returns the cursor for the next one.
    private func deepCursor(
        _ store: SQLiteStore, teamID: String, callerID: String, view: InboxView, sort: InboxSort = .activity
    ) async throws -> (cursor: InboxCursor?, rows: Int) {
        var query = InboxQuery(view: view, sort: sort)
        var rows = 0
        for _ in 0..<options.deepPages {
            let page = try await store.inbox(teamID: teamID, callerID: callerID, query: query)
            guard let next = page.nextCursor else { break }
            rows += page.items.count
            query.cursor = next
        }
        return (query.cursor, rows)
    }

    /// The members' open-ticket counters (kept by triggers during the bulk load)
    /// must add up to the assigned unresolved tickets.
    private func checkOpenCounts(_ database: BenchDatabase, census: TicketCensus) async throws {
        let members = try await database.store.members(teamID: database.state.teamID)
        let counted = members.reduce(0) { $0 + $1.openTickets }
        let expected = census.open + census.pending - census.unassigned
        let perMember = members.map { "\($0.member.displayName) \($0.openTickets)" }.joined(separator: ", ")
        say("open-ticket counters: \(perMember) (sum \(counted), expected \(expected))")
        guard counted == expected else {
            throw BenchError.check(
                "members.open_tickets sums to \(counted) but \(expected) tickets are assigned and unresolved")
        }
    }

    /// Times each (name, URI) GET against the real application on a loopback port.
    private func httpTimings(_ database: BenchDatabase, token: String, requests: [(String, String)]) async throws
        -> [Timing]
    {
        var logger = Logger(label: "helpdesk-bench")
        logger.logLevel = .error
        let app = buildApplication(helpDesk: database.helpDesk, configuration: database.configuration, logger: logger)
        let options = self.options
        return try await app.test(.live) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(token)"
            let authorized = headers
            var timings: [Timing] = []
            for (name, uri) in requests {
                let probe = try await client.execute(uri: uri, method: .get, headers: authorized)
                guard probe.status == .ok else {
                    throw BenchError.check("GET \(uri) answered \(probe.status.code): \(String(buffer: probe.body))")
                }
                let rows = Self.itemCount(probe.body)
                let timing = try await timed(
                    "HTTP " + name, rows: rows, iterations: options.iterations, warmup: options.warmup,
                    maxSeconds: options.maxSecondsPerOperation
                ) {
                    let response = try await client.execute(uri: uri, method: .get, headers: authorized)
                    guard response.status == .ok else {
                        throw BenchError.check("GET \(uri) answered \(response.status.code)")
                    }
                }
                say(table([timing]).split(separator: "\n").last.map(String.init) ?? "")
                timings.append(timing)
            }
            return timings
        }
    }

    /// The number of `items` in a page response (0 for other bodies).
    private static func itemCount(_ body: ByteBuffer) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return ((object as? [String: Any])?["items"] as? [Any])?.count ?? 0
    }

    static func cpuModel() -> String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map {
            $0.trimmingCharacters(in: .whitespaces)
        } ?? "unknown CPU"
    }

    /// The 1, 5 and 15 minute load averages: other work on the machine skews the tail.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}
