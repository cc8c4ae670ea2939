import Foundation
import GRDB
import HelpDeskCore

// MARK: - Tracked SLA clocks

extension SQLiteStore {
    public func staleSLATickets(teamID: String?, limit: Int) async throws -> [SLAWork] {
        try await pool.read { db in
            let select = Self.ticketSelect(using: "tickets_sla_stale")
            if let teamID {
                return try Self.slaWork(
                    db,
                    sql: "\(select) WHERE t.team_id = ? AND t.sla_version != t.sla_computed ORDER BY t.id LIMIT ?",
                    arguments: [teamID, limit])
            }
            return try Self.slaWork(
                db, sql: "\(select) WHERE t.sla_version != t.sla_computed LIMIT ?", arguments: [limit])
        }
    }

    public func slaChecksDue(now: Timestamp, limit: Int) async throws -> [SLAWork] {
        try await pool.read { db in
            try Self.slaWork(
                db,
                sql: """
                    \(Self.ticketSelect(using: "tickets_sla_checks"))
                    WHERE t.sla_check_at <= ? ORDER BY t.sla_check_at LIMIT ?
                    """, arguments: [now.microseconds, limit])
        }
    }

    static func slaWork(_ db: Database, sql: String, arguments: StatementArguments) throws -> [SLAWork] {
        var work: [SLAWork] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            work.append(
                SLAWork(ticket: try ticket(row: row), version: row[23], announced: SLAAnnouncements(rawValue: row[24])))
        }
        return work
    }

    public func saveSLA(_ updates: [SLAUpdate], now: Timestamp) async throws -> Int {
        guard !updates.isEmpty else { return 0 }
        return try await write { db in
            var saved = 0
            for update in updates {
                let tracked = update.tracked
                try db.execute(
                    cachedSQL: """
                        UPDATE tickets SET sla_computed = sla_version, sla_due_at = ?, sla_breached = ?,
                            sla_check_at = ?, sla_announced = ?
                        WHERE id = ? AND sla_version = ? AND sla_announced = ?
                        """,
                    arguments: [
                        tracked.dueAt?.microseconds, tracked.breached, tracked.nextCheckAt?.microseconds,
                        tracked.announced.rawValue, update.ticket.id, update.work.version,
                        update.work.announced.rawValue,
                    ])
                guard db.changesCount == 1 else { continue }
                saved += 1
                for event in update.events {
                    try Self.insertEvent(
                        db, teamID: update.ticket.teamID, conversationID: update.ticket.conversationID,
                        ticketID: update.ticket.id, event, now: now)
                }
            }
            return saved
        }
    }
}
