import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

/// Copies a SQLite deployment into an empty, migrated PostgreSQL database
/// (`helpdesk copy-data`): every table, in an order that keeps references
/// valid, in batches in primary key order. A row already there is skipped
/// (`ON CONFLICT DO NOTHING`), so a copy that stopped goes on when run again.
/// Values are copied as stored: times are microseconds on both, sealed
/// secrets stay sealed (the PostgreSQL instances must use the same key file).
/// What PostgreSQL keeps that SQLite does not (text search vectors, id
/// sequences) is made afterwards, and every table's row count is compared.
public enum DataCopy {
    /// The tables copied, each after those it references.
    public static let tables = [
        "teams", "members", "sessions", "agents", "channels", "conversations", "tickets", "entries", "secrets",
        "outbox", "delivery_changes", "canned_replies", "attachments", "channel_events", "provider_messages", "tags",
        "ticket_tags", "ticket_merges", "audit_log", "csat_ratings", "webhooks", "webhook_deliveries",
        "tag_suggestions",
    ]

    /// A table's rows on both sides after the copy.
    public struct Count: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var copied: Int
    }

    /// The copy did not end with the same rows on both sides.
    public struct Mismatch: Error, CustomStringConvertible {
        public var counts: [Count]
        public var description: String {
            let wrong = counts.filter { $0.source != $0.copied }
                .map { "\($0.table): \($0.source) in SQLite, \($0.copied) in PostgreSQL" }
            return "the copy is incomplete (\(wrong.joined(separator: "; "))); run copy-data again to go on"
        }
    }

    /// Copies every table, telling `progress` after each batch, and returns the counts once they
    /// agree; throws `Mismatch` when they do not.
    public static func run(
        from source: SQLiteStore, to target: PostgresStore, batch: Int = 500,
        progress: @Sendable (_ table: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }
    ) async throws -> [Count] {
        var counts: [Count] = []
        for table in tables {
            let total = try await source.exportedCount(of: table)
            let targetTypes = try await target.columnTypes(of: table)
            let columns = try await source.exportedColumns(of: table).filter { targetTypes[$0] != nil }
            let types = columns.map { targetTypes[$0]! }
            var offset = 0
            progress(table, 0, total)
            while offset < total {
                let rows = try await source.exportedRows(of: table, columns: columns, offset: offset, limit: batch)
                if rows.isEmpty { break }
                try await target.insertCopied(table: table, columns: columns, types: types, rows: rows)
                offset += rows.count
                progress(table, min(offset, total), total)
            }
            counts.append(Count(table: table, source: total, copied: try await target.copiedCount(of: table)))
        }
        try await target.finishCopy()
        guard counts.allSatisfy({ $0.source == $0.copied }) else { throw Mismatch(counts: counts) }
        return counts
    }
}

extension PostgresStore {
    /// A table's columns and their types in this store's schema, without the search vectors (made afterwards).
    func columnTypes(of table: String) async throws -> [String: String] {
        try await read { db in
            var types: [String: String] = [:]
            for row in try await db.rows(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table)
                """)
            {
                let type: String = try row["data_type"]
                if type != "tsvector" { types[try row["column_name"]] = type }
            }
            return types
        }
    }

    func copiedCount(of table: String) async throws -> Int {
        try await read { db in
            Int(
                try await db.value(Int64.self, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(Self.quoted(table))"))
                    ?? 0)
        }
    }

    /// Inserts rows as SQLite stored them, converting each value to its column's type here.
    func insertCopied(table: String, columns: [String], types: [String], rows: [[ExportedValue]]) async throws {
        var sql = SQL(
            "INSERT INTO \(Self.quoted(table)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES ")
        var tuples: [String] = []
        for row in rows {
            var placeholders: [String] = []
            for (value, type) in zip(row, types) { placeholders.append(try Self.bind(value, as: type, into: &sql)) }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        sql.text += tuples.joined(separator: ", ") + " ON CONFLICT DO NOTHING"
        try await write { db in try await db.run(sql.query) }
    }

    static func bind(_ value: ExportedValue, as type: String, into sql: inout SQL) throws -> String {
        switch (value, type) {
        case (.null, _): return "NULL"
        case (.integer(let number), "boolean"): return sql.bind(number != 0)
        case (.integer(let number), "integer"), (.integer(let number), "smallint"): return sql.bind(Int32(number))
        case (.integer(let number), "bigint"): return sql.bind(number)
        case (.integer(let number), "double precision"): return sql.bind(Double(number))
        case (.real(let number), "double precision"): return sql.bind(number)
        case (.text(let text), "text"): return sql.bind(text)
        case (.blob(let bytes), "bytea"): return sql.bind(ByteBuffer(bytes: bytes))
        case (.text(let text), "bytea"): return sql.bind(ByteBuffer(string: text))
        case (.blob(let bytes), "text"): return sql.bind(String(decoding: bytes, as: UTF8.self))
        default: throw HelpDeskError.unprocessable("cannot copy \(value) into a \(type) column")
        }
    }

    /// What PostgreSQL keeps beside the copied rows: the search vectors of tickets and messages, as the
    /// store writes them, and the id sequences moved past the copied ids.
    func finishCopy() async throws {
        try await write { db in
            for row in try await db.rows(
                """
                SELECT id, subject, requester_name, requester_email, requester_phone, requester_handle FROM tickets
                WHERE search = ''::tsvector
                """)
            {
                let requester = Requester(
                    name: try row["requester_name"], email: try row["requester_email"],
                    phone: try row["requester_phone"], handle: try row["requester_handle"])
                let subject: String = try row["subject"]
                let id: Int64 = try row["id"]
                try await db.run(
                    """
                    UPDATE tickets SET search = setweight(array_to_tsvector(\(TextSearch.lexemes(subject))), 'A')
                        || setweight(array_to_tsvector(\(TextSearch.lexemes(TextSearch.requesterText(requester)))), 'B')
                    WHERE id = \(id)
                    """)
            }
            for row in try await db.rows(
                "SELECT id, body FROM entries WHERE kind = 'message' AND search IS NULL AND body IS NOT NULL")
            {
                let body: String = try row["body"]
                let id: Int64 = try row["id"]
                try await db.run(
                    "UPDATE entries SET search = array_to_tsvector(\(TextSearch.lexemes(body))) WHERE id = \(id)")
            }
            for table in [
                "tickets", "entries", "outbox", "delivery_changes", "ticket_merges", "audit_log", "tag_suggestions",
            ] {
                try await db.run(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), (SELECT max(id) FROM \(Self.quoted(table))))
                            WHERE EXISTS (SELECT 1 FROM \(Self.quoted(table)))
                            """))
            }
        }
    }
}
