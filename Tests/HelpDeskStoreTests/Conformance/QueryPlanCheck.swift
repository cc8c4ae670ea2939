import Foundation
import GRDB
import Synchronization

@testable import HelpDeskStore

/// The embedded store with a check of its query plans: every statement a
/// conformance test ran is explained when the test closes the store, and a
/// plan that reads a growing table whole, or that finds a conversation's rows
/// without the conversation's index, fails the test. A query that is fast on a
/// test's few rows and walks a team's whole history in production is caught
/// here, by its plan, instead of by a customer.
enum QueryPlanCheck {
    /// Tables that grow with the team's history; reading one whole is a defect on any request path.
    static let growing: Set<String> = [
        "entries", "tickets", "conversations", "outbox", "attachments", "channel_events", "provider_messages",
        "delivery_changes", "sessions", "tags", "ticket_tags", "audit_log", "tag_suggestions",
    ]

    static let factory = StoreFactory(name: "SQLite, plans checked") {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("helpdesk-plans-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let seen = Mutex<(recording: Bool, statements: Set<String>)>((false, []))
        let store = try SQLiteStore(
            path: (directory as NSString).appendingPathComponent("helpdesk.sqlite"),
            statements: { sql in seen.withLock { if $0.recording { $0.statements.insert(sql) } } })
        // Migrations may read whole tables once; what is checked starts with the first use.
        seen.withLock { $0.recording = true }
        return StoreFactory.OpenStore(store: store) {
            let statements = seen.withLock {
                $0.recording = false
                return $0.statements
            }
            let faults = try await store.pool.writeWithoutTransaction { db in
                try statements.sorted().compactMap { sql in try fault(sql, db) }
            }
            try store.close()
            try FileManager.default.removeItem(atPath: directory)
            if !faults.isEmpty { throw BadPlans(faults: faults) }
        }
    }

    struct BadPlans: Error, CustomStringConvertible {
        var faults: [String]
        var description: String { "query plans that read too much:\n" + faults.joined(separator: "\n\n") }
    }

    /// What is wrong with one statement's plan, if anything.
    static func fault(_ sql: String, _ db: Database) throws -> String? {
        let verb = sql.trimmingCharacters(in: .whitespacesAndNewlines).prefix(8).uppercased()
        // Transaction control, settings, and the statements of the search index's triggers ("-- …").
        let skipped = [
            "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOIN", "RELEASE", "PRAGMA", "CREATE", "DROP", "ANALYZE", "--",
        ]
        if skipped.contains(where: { verb.hasPrefix($0) }) { return nil }
        // An insert of values reads nothing itself; its plan lists the foreign-key checks of the tables that
        // refer to it, which SQLite runs only while a deferred violation is outstanding.
        if verb.hasPrefix("INSERT") && !sql.uppercased().contains("SELECT") { return nil }
        // Plans do not depend on the values: every parameter is explained as NULL.
        let parameters = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count))
        let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: parameters)
            .map { $0["detail"] as String }
        let plan = details.joined(separator: " | ")
        let aliases = aliasTable(sql)
        for detail in details where detail.hasPrefix("SCAN ") {
            let words = detail.split(separator: " ")
            guard words.count >= 2 else { continue }
            let table = aliases[String(words[1])] ?? String(words[1])
            // An ordered walk of an index under a LIMIT stops early; a whole table read does not.
            if growing.contains(table) && !(detail.contains("USING") && sql.uppercased().contains("LIMIT")) {
                return "\(sql)\n  → \(plan)"
            }
        }
        if sql.contains("conversation_id = ?") && !plan.contains("conversation_id=?") {
            return "\(sql)\n  → \(plan) (a conversation's rows found without its index)"
        }
        return nil
    }

    /// `FROM entries e`, `JOIN tickets t` → ["e": "entries", "t": "tickets"].
    static func aliasTable(_ sql: String) -> [String: String] {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" })
            .map(String.init)
        var aliases: [String: String] = [:]
        for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) {
            guard index + 2 < words.count else { continue }
            let table = words[index + 1]
            var alias = words[index + 2]
            if alias.uppercased() == "AS", index + 3 < words.count { alias = words[index + 3] }
            aliases[alias] = table
        }
        return aliases
    }
}
