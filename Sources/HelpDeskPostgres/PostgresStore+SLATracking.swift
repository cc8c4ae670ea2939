import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Tracked SLA clocks

extension PostgresStore {
    public func staleSLATickets(teamID: String?, limit: Int) async throws -> [SLAWork] {
        try await read { db in
            if let teamID {
                return try await Self.slaWork(
                    db,
                    """
                    \(unescaped: Self.ticketSelect)
                    WHERE t.team_id = \(teamID) AND t.sla_version <> t.sla_computed ORDER BY t.id LIMIT \(limit)
                    """)
            }
            return try await Self.slaWork(
                db, "\(unescaped: Self.ticketSelect) WHERE t.sla_version <> t.sla_computed LIMIT \(limit)")
        }
    }

    public func slaChecksDue(now: Timestamp, limit: Int) async throws -> [SLAWork] {
        try await read { db in
            try await Self.slaWork(
                db,
                """
                \(unescaped: Self.ticketSelect)
                WHERE t.sla_check_at <= \(now.microseconds) ORDER BY t.sla_check_at LIMIT \(limit)
                """)
        }
    }

    static func slaWork(_ db: PostgresTransaction, _ query: PostgresQuery) async throws -> [SLAWork] {
        try await db.rows(query).map { row in
            SLAWork(
                ticket: try ticket(row: row), version: try row["sla_version"],
                announced: SLAAnnouncements(rawValue: Int(try row["sla_announced"] as Int32)))
        }
    }

    public func saveSLA(_ updates: [SLAUpdate], now: Timestamp) async throws -> Int {
        guard !updates.isEmpty else { return 0 }
        return try await write { db in
            var saved = 0
            for update in updates {
                let tracked = update.tracked
                let changed = try await db.count(
                    """
                    UPDATE tickets SET sla_computed = sla_version, sla_due_at = \(tracked.dueAt?.microseconds),
                        sla_breached = \(tracked.breached), sla_check_at = \(tracked.nextCheckAt?.microseconds),
                        sla_announced = \(Int32(tracked.announced.rawValue))
                    WHERE id = \(update.ticket.id) AND sla_version = \(update.work.version)
                        AND sla_announced = \(Int32(update.work.announced.rawValue))
                    RETURNING id
                    """)
                guard changed == 1 else { continue }
                saved += 1
                for event in update.events {
                    try await Self.insertEvent(
                        db, teamID: update.ticket.teamID, conversationID: update.ticket.conversationID,
                        ticketID: update.ticket.id, event, now: now)
                }
            }
            return saved
        }
    }
}
