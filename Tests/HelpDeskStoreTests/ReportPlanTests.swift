import Foundation
import GRDB
import HelpDeskCore
import Synchronization
import Testing

@testable import HelpDeskStore

/// A report reads the period's tickets and conversations along indexes, never the whole team's:
/// at 1,000,000 tickets a scan of either cost more than the whole report may (BENCHMARKS.md,
/// "Reports at 1,000,000 tickets").
@Suite struct ReportPlanTests {
    @Test func theReportFindsThePeriodsRowsByIndex() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("helpdesk-report-plans-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recording = Mutex<(on: Bool, statements: [String])>((false, []))
        let store = try SQLiteStore(
            path: (directory as NSString).appendingPathComponent("helpdesk.sqlite"),
            statements: { sql in recording.withLock { if $0.on { $0.statements.append(sql) } } })
        let team = try await store.createTeam(name: "Acme", plan: .pro, now: .moment(0))
        recording.withLock { $0.on = true }
        _ = try await store.reportFacts(
            teamID: team.id, start: .moment(0), end: .moment(90 * 86_400), filter: ReportFilter())
        let statements = recording.withLock { $0.statements }
        let plans = try await store.pool.read { db in
            try statements.filter { $0.contains("FROM tickets t") || $0.contains("FROM conversations c") }.map { sql in
                let parameters = StatementArguments(
                    Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count))
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: parameters)
                    .map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        try store.close()
        let ticketReads = plans.filter { $0.contains("tickets") && !$0.contains("conversations_by") }
        #expect(!plans.isEmpty)
        for plan in plans {
            #expect(!plan.contains("SCAN t ") && !plan.hasPrefix("SCAN t") && !plan.contains("SCAN c"), "\(plan)")
        }
        // The period's tickets along the status index by last activity; its conversations by start.
        #expect(
            ticketReads.contains {
                $0.contains("tickets_by_status (team_id=? AND status_rank=? AND last_activity_at>?)")
            })
        #expect(
            plans.contains { $0.contains("conversations_by_team_start (team_id=? AND created_at>? AND created_at<?)") })
    }
}
