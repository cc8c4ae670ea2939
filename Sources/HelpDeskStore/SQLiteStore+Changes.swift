import Foundation
import GRDB

/// Turns committed writes into `ChangeTopic`s, whichever code path wrote them:
/// SQLite reports each changed row of the watched tables, and after the commit
/// one small read per table maps the rows to their team and conversation.
/// Rolled-back transactions publish nothing.
///
/// Watched: new `entries` and changes of a message's delivery state (→ `team`,
/// and `conversation` for entries); a conversation's speaker
/// (→ `conversation`); a team's plan or business hours, agents and channels
/// (→ `teamSetup`); a member's role, password or removal (→ `access(team)`);
/// deleted sessions (→ `access(nil)`). Busy columns such as a team's next
/// ticket number or a member's open-ticket count are not watched, so creating
/// a ticket wakes only the feeds that show it.
final class ChangeObserver: TransactionObserver, @unchecked Sendable {
    // Touched only on the writer's queue, one transaction at a time (GRDB's contract).
    private var rows: [String: Set<Int64>] = [:]
    private var sessionsEnded = false
    let feed: ChangeFeed

    init(feed: ChangeFeed) {
        self.feed = feed
    }

    private static let watchedUpdates: [String: Set<String>] = [
        "conversations": ["speaker", "speaker_member_id"],
        "teams": [
            "plan", "business_hours_enabled", "business_hours_start", "business_hours_end",
            "business_hours_time_zone", "calendar_json",
        ],
        "members": ["role", "password_hash", "removed_at"],
        "agents": ["name", "config", "deleted_at"],
        "channels": ["config", "deleted_at", "agent_id"],
    ]

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table):
            table == "entries" || table == "agents" || table == "channels" || table == "delivery_changes"
        case .delete(let table): table == "sessions"
        case .update(let table, let columns):
            !(Self.watchedUpdates[table]?.isDisjoint(with: columns) ?? true)
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        if event.tableName == "sessions" {
            sessionsEnded = true
        } else {
            rows[event.tableName, default: []].insert(event.rowID)
        }
    }

    func databaseDidCommit(_ db: Database) {
        defer { reset() }
        var topics: Set<ChangeTopic> = sessionsEnded ? [.access(nil)] : []
        func teams(of table: String, column: String = "team_id") -> [String] {
            guard let ids = rows[table], !ids.isEmpty else { return [] }
            return
                (try? String.fetchAll(
                    db, sql: "SELECT DISTINCT \(column) FROM \(table) WHERE rowid IN (\(Self.list(ids)))")) ?? []
        }
        if let ids = rows["entries"], !ids.isEmpty,
            let found = try? Row.fetchAll(
                db, sql: "SELECT DISTINCT team_id, conversation_id FROM entries WHERE id IN (\(Self.list(ids)))")
        {
            for row in found {
                topics.insert(.team(row["team_id"]))
                topics.insert(.conversation(row["conversation_id"]))
            }
        }
        if let ids = rows["conversations"], !ids.isEmpty,
            let found = try? String.fetchAll(
                db, sql: "SELECT id FROM conversations WHERE rowid IN (\(Self.list(ids)))")
        {
            topics.formUnion(found.map(ChangeTopic.conversation))
        }
        topics.formUnion(teams(of: "delivery_changes").map(ChangeTopic.team))
        topics.formUnion(teams(of: "teams", column: "id").map(ChangeTopic.teamSetup))
        topics.formUnion(teams(of: "agents").map(ChangeTopic.teamSetup))
        topics.formUnion(teams(of: "channels").map(ChangeTopic.teamSetup))
        topics.formUnion(teams(of: "members").map { ChangeTopic.access($0) })
        feed.publish(topics)
    }

    func databaseDidRollback(_ db: Database) {
        reset()
    }

    private func reset() {
        rows = [:]
        sessionsEnded = false
    }

    /// Row ids as an SQL list: integers only, so nothing to escape.
    private static func list(_ ids: Set<Int64>) -> String {
        ids.map(String.init).joined(separator: ",")
    }
}
