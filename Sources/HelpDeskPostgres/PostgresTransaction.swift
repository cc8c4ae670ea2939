import HelpDeskCore
import HelpDeskStore
import Logging
import PostgresNIO

/// One transaction (or one read) on one pooled connection, and the live-feed
/// topics its writes wake once it commits.
///
/// SQLite's store learns what changed from a transaction observer; PostgreSQL
/// has none in-process, so every helper that writes a watched row names its
/// topics here, and `PostgresStore.write` publishes them after `COMMIT` (never
/// after a rollback). Used by one task at a time, never shared.
final class PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger
    /// What the writes so far will wake after the commit.
    var topics: Set<ChangeTopic> = []

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Every row of a query.
    func rows(_ query: PostgresQuery) async throws -> [Row] {
        try await connection.query(query, logger: logger).collect().map { Row($0.makeRandomAccess()) }
    }

    /// The first row of a query, if any.
    func row(_ query: PostgresQuery) async throws -> Row? {
        try await rows(query).first
    }

    /// The first column of the first row, if any (NULL reads as nil).
    func value<Value: PostgresDecodable>(_ type: Value.Type = Value.self, _ query: PostgresQuery) async throws
        -> Value? where Value._DecodableType == Value
    {
        guard let row = try await row(query) else { return nil }
        return try row.first(Value?.self)
    }

    /// The first column of every row.
    func values<Value: PostgresDecodable>(_ type: Value.Type = Value.self, _ query: PostgresQuery) async throws
        -> [Value]
    {
        try await rows(query).map { try $0.first(Value.self) }
    }

    /// Runs a statement for its effect.
    func run(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// Runs a statement ending in `RETURNING …` and says how many rows it touched.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await connection.query(query, logger: logger).collect().count
    }

    /// Serializes this transaction with every other one that decides from a
    /// team's tickets and members (numbering, routing, rotation, pick-ups,
    /// escalations): it waits here until they commit, then reads what they wrote.
    ///
    /// A row lock on the team's row, not an advisory lock: the row holds the
    /// very facts being guarded (the next ticket number, the rotation cursor,
    /// the assignment method), the lock is released by commit or rollback
    /// whatever happens, it needs no hashing of ids into a shared key space,
    /// and it shows in `pg_locks` as the team it is. `FOR NO KEY UPDATE`
    /// rather than `FOR UPDATE`, so that inserting rows that reference the team
    /// (their foreign-key checks take `KEY SHARE`) never waits on it. Taken
    /// first in the transaction, before anything is read, so the reads that
    /// follow (READ COMMITTED: a fresh snapshot per statement) see every
    /// earlier transaction's writes.
    func lockTeam(_ teamID: String) async throws {
        _ = try await rows("SELECT id FROM teams WHERE id = \(teamID) FOR NO KEY UPDATE")
    }
}

/// A result row, read by column name.
struct Row {
    let cells: PostgresRandomAccessRow

    init(_ cells: PostgresRandomAccessRow) {
        self.cells = cells
    }

    subscript<Value: PostgresDecodable>(_ column: String) -> Value {
        get throws { try cells[column].decode(Value.self) }
    }

    func first<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value {
        try cells[0].decode(Value.self)
    }

    /// A timestamp column (microseconds since 1970).
    func time(_ column: String) throws -> Timestamp {
        Timestamp(microseconds: try cells[column].decode(Int64.self))
    }

    /// An optional timestamp column.
    func optionalTime(_ column: String) throws -> Timestamp? {
        try cells[column].decode(Int64?.self).map(Timestamp.init(microseconds:))
    }

    func contains(_ column: String) -> Bool { cells.contains(column) }
}

/// SQL put together from parts, with its values bound in order (`$1`, `$2`, …).
struct SQL {
    var text: String
    var binds = PostgresBindings()

    init(_ text: String = "") {
        self.text = text
    }

    /// Binds a value and answers its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds an optional value (NULL for nil) and answers its placeholder.
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}
