import Foundation
import GRDB

/// A value as SQLite stores it, for copying a database to another store (`helpdesk copy-data`).
public enum ExportedValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteStore {
    /// The columns of a table, in their order.
    public func exportedColumns(of table: String) async throws -> [String] {
        try await pool.read { db in try db.columns(in: table).map(\.name) }
    }

    /// How many rows a table holds.
    public func exportedCount(of table: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
        }
    }

    /// At most `limit` rows of a table after the first `offset`, in primary key order (stable between
    /// runs, so a copy that stopped can go on where it was), each as the values of `columns`.
    public func exportedRows(of table: String, columns: [String], offset: Int, limit: Int) async throws
        -> [[ExportedValue]]
    {
        try await pool.read { db in
            let key = try db.primaryKey(table).columns
            let order = key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let selected = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(selected) FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order) LIMIT ? OFFSET ?
                    """, arguments: [limit, offset]
            ).map { row in
                (0..<columns.count).map { index in
                    switch row[index] as DatabaseValue? {
                    case .none: .null
                    case .some(let value):
                        switch value.storage {
                        case .null: .null
                        case .int64(let number): .integer(number)
                        case .double(let number): .real(number)
                        case .string(let text): .text(text)
                        case .blob(let data): .blob([UInt8](data))
                        }
                    }
                }
            }
        }
    }
}
