import Foundation
import GRDB
import HelpDeskCore

/// The embedded store: one SQLite file in WAL mode behind a GRDB pool.
///
/// Writes are serialized by SQLite, which is what makes ticket numbering,
/// round-robin rotation and pick-up races exact: each runs read-decide-write in
/// one write transaction.
public final class SQLiteStore: Store {
    /// The file's durability on commit. `normal` survives a process crash (the
    /// WAL is on disk); `full` also survives power loss, at some write cost.
    public enum Durability: String, Sendable {
        case normal, full
    }

    let pool: DatabasePool
    /// Agents' and channels' configurations as decoded, by their stored text.
    let decoded = StoredConfiguration.Decoded()
    /// Every write of the store goes through here, so writes that arrive together share a commit.
    let commits: GroupCommit
    public let path: String
    /// Seals agents' API keys at rest, with keys kept outside the database.
    let secrets: SecretBox
    /// Wakes live feeds after each commit that changed what they show.
    public let changes = ChangeFeed()
    /// Signals of other processes: none, since one process owns the file.
    public let signals = SignalFeed()

    /// One process owns the file: nobody else to tell.
    public func broadcastSignal(_ text: String) async {}
    /// Leases live in memory: one process serves a SQLite database.
    let leases = ProcessLeases()
    /// So do the limits' buckets and failed sign-ins, for the same reason.
    let limits = ProcessLimits()

    /// Opens (creating if needed) `helpdesk.sqlite` in `directory` and migrates it.
    ///
    /// A directory it creates is private to the server's user (0700); one that
    /// exists keeps its mode (it may be shared, such as the working directory).
    /// The database file is readable by that user alone (0600) either way: it
    /// holds password hashes, session hashes and agents' API keys. SQLite gives
    /// its WAL and shared-memory files the database file's mode.
    public convenience init(directory: String, durability: Durability = .normal) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: directory) {
            try files.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let path = (directory as NSString).appendingPathComponent("helpdesk.sqlite")
        if !files.fileExists(atPath: path) {
            _ = files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        try self.init(path: path, durability: durability)
    }

    /// The key file beside a database file.
    public static func secretKeyFile(besideDatabase path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("secret.key")
    }

    /// Opens the database at `path`; `secrets` defaults to the keys of
    /// `HELPDESK_SECRET_KEY` or of the key file beside the database.
    public convenience init(path: String, durability: Durability = .normal, secrets: SecretBox? = nil) throws {
        try self.init(path: path, durability: durability, secrets: secrets, statements: nil)
    }

    /// As above; `statements` hears the SQL text of every statement any connection runs (tests check
    /// the query plans of everything a scenario ran).
    init(
        path: String, durability: Durability = .normal, secrets: SecretBox? = nil,
        statements: (@Sendable (String) -> Void)?
    ) throws {
        var configuration = Configuration()
        configuration.maximumReaderCount = 8
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA cache_size = -8000")
            if let statements {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statements(statement.sql) }
                }
            }
        }
        self.path = path
        self.secrets = try secrets ?? SecretBox.load(file: Self.secretKeyFile(besideDatabase: path))
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.commits = GroupCommit(pool: pool)
        try SQLiteMigrations.migrator.migrate(pool)
        try resealSecrets()
        pool.add(transactionObserver: ChangeObserver(feed: changes), extent: .databaseLifetime)
    }

    /// Runs `body` in a write transaction (see `GroupCommit`) and returns its value once committed.
    func write<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await commits.write(body)
    }

    /// Whether every migration has been applied.
    public func isMigrated() throws -> Bool {
        try pool.read { db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) }
    }

    public func ping() async throws {
        let migrated = try await pool.read { db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) }
        guard migrated else { throw HelpDeskError.unprocessable("database migrations have not run") }
    }

    /// Runs `ANALYZE` so the planner knows the index shapes (used after bulk loads).
    public func analyze() async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    }

    /// Closes the file; the store is unusable afterwards.
    public func close() throws {
        try pool.close()
    }
}

// MARK: - Teams and settings

extension SQLiteStore {
    public func createTeam(name: String, plan: Plan, now: Timestamp) async throws -> Team {
        let team = Team(id: Identifier.make("tm"), name: name, plan: plan, createdAt: now)
        try await write { db in
            try db.execute(
                cachedSQL: "INSERT INTO teams (id, name, plan, created_at) VALUES (?, ?, ?, ?)",
                arguments: [team.id, team.name, team.plan.rawValue, now.microseconds])
        }
        return team
    }

    public func team(id: String) async throws -> Team? {
        try await pool.read { db in try Self.team(db, id: id) }
    }

    static func team(_ db: Database, id: String) throws -> Team? {
        try Row.fetchOne(db, cachedSQL: "SELECT id, name, plan, created_at FROM teams WHERE id = ?", arguments: [id])
            .map(Self.team(row:))
    }

    static func team(row: Row) throws -> Team {
        Team(
            id: row["id"], name: row["name"], plan: try stored(row["plan"], column: "teams.plan"),
            createdAt: Timestamp(microseconds: row["created_at"]))
    }

    public func setPlan(teamID: String, plan: Plan, audit: AuditTrail<(before: Team, after: Team)>) async throws
        -> Team?
    {
        try await write { db in
            guard let before = try Self.team(db, id: teamID) else { return nil }
            try db.execute(cachedSQL: "UPDATE teams SET plan = ? WHERE id = ?", arguments: [plan.rawValue, teamID])
            guard let after = try Self.team(db, id: teamID) else { return nil }
            try Self.insertAudit(db, audit.records(for: (before, after)))
            return after
        }
    }

    public func settings(teamID: String) async throws -> TeamSettings {
        try await pool.read { db in try Self.settings(db, teamID: teamID) }
    }

    static func settings(_ db: Database, teamID: String) throws -> TeamSettings {
        guard let row = try Row.fetchOne(db, cachedSQL: "SELECT * FROM teams WHERE id = ?", arguments: [teamID]) else {
            throw HelpDeskError.notFound("no such team")
        }
        let standard = BusinessHours.standard
        let hours = BusinessHours(
            enabled: row["business_hours_enabled"],
            start: ClockTime(row["business_hours_start"] as String) ?? standard.start,
            end: ClockTime(row["business_hours_end"] as String) ?? standard.end,
            timeZone: row["business_hours_time_zone"])
        return TeamSettings(
            calendar: try StoredSettings.calendar(json: row["calendar_json"], hours: hours),
            sla: try StoredSettings.sla(json: row["sla_json"]),
            emailNotifications: row["email_notifications"],
            assignment: try stored(row["assignment"], column: "teams.assignment"),
            supportInboxEnabled: row["support_inbox_enabled"],
            supportInboxAddress: row["support_inbox_address"],
            csat: try StoredSettings.csat(json: row["csat_json"]))
    }

    public func updateSettings(
        teamID: String, _ settings: TeamSettings, audit: AuditTrail<(before: TeamSettings, after: TeamSettings)>
    ) async throws -> TeamSettings {
        // The older columns keep the single range the calendar comes closest to.
        let hours = settings.businessHours
        let calendar = try StoredSettings.json(settings.calendar)
        let sla = try StoredSettings.json(settings.sla)
        let csat = try StoredSettings.json(settings.csat)
        return try await write { db in
            let before = try Self.settings(db, teamID: teamID)
            try db.execute(
                cachedSQL: """
                    UPDATE teams SET business_hours_enabled = ?, business_hours_start = ?, business_hours_end = ?,
                        business_hours_time_zone = ?, calendar_json = ?, sla_json = ?, email_notifications = ?,
                        assignment = ?, support_inbox_enabled = ?, support_inbox_address = ?, csat_json = ?
                    WHERE id = ?
                    """,
                arguments: [
                    hours.enabled, hours.start.description, hours.end.description, hours.timeZone, calendar, sla,
                    settings.emailNotifications, settings.assignment.rawValue, settings.supportInboxEnabled,
                    settings.supportInboxAddress, csat, teamID,
                ])
            let after = try Self.settings(db, teamID: teamID)
            if after.sla != before.sla || after.calendar != before.calendar {
                // Every unresolved ticket's tracked clocks move with the policy or the calendar.
                try db.execute(
                    cachedSQL: "UPDATE tickets SET sla_version = sla_version + 1 WHERE team_id = ? AND status_rank < 2",
                    arguments: [teamID])
            }
            try Self.insertAudit(db, audit.records(for: (before, after)))
            return after
        }
    }
}

// MARK: - Members and sessions

extension SQLiteStore {
    static let memberColumns =
        "m.id, m.team_id, m.email, m.role, m.display_name, m.sending_email, m.signature, m.availability, m.created_at"

    static func member(row: Row) throws -> Member {
        Member(
            id: row["id"], teamID: row["team_id"], email: row["email"],
            role: try stored(row["role"], column: "members.role"), displayName: row["display_name"],
            sendingEmail: row["sending_email"], signature: row["signature"],
            availability: try stored(row["availability"], column: "members.availability"),
            createdAt: Timestamp(microseconds: row["created_at"]))
    }

    public func createMember(_ new: NewMember, now: Timestamp, audit: AuditTrail<Member>) async throws -> Member {
        let member = Member(
            id: Identifier.make("mb"), teamID: new.teamID, email: new.email.lowercased(), role: new.role,
            displayName: new.displayName, sendingEmail: new.sendingEmail, signature: new.signature,
            availability: new.availability, createdAt: now)
        try await write { db in
            guard try Self.team(db, id: new.teamID) != nil else { throw HelpDeskError.notFound("no such team") }
            let taken =
                try Bool.fetchOne(
                    db, cachedSQL: "SELECT 1 FROM members WHERE email = ?", arguments: [member.email]) ?? false
            if taken { throw HelpDeskError.conflict("a member with email \(member.email) already exists") }
            let position =
                try Int.fetchOne(
                    db, cachedSQL: "SELECT COALESCE(MAX(rotation_position), 0) + 1 FROM members WHERE team_id = ?",
                    arguments: [new.teamID]) ?? 1
            try db.execute(
                cachedSQL: """
                    INSERT INTO members (id, team_id, email, password_hash, role, display_name, sending_email,
                        signature, availability, rotation_position, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    member.id, member.teamID, member.email, new.passwordHash, member.role.rawValue,
                    member.displayName, member.sendingEmail, member.signature, member.availability.rawValue,
                    position, now.microseconds,
                ])
            try Self.insertAudit(db, audit.records(for: member))
        }
        return member
    }

    public func member(id: String, teamID: String) async throws -> Member? {
        try await pool.read { db in try Self.member(db, id: id, teamID: teamID) }
    }

    static func member(_ db: Database, id: String, teamID: String) throws -> Member? {
        try Row.fetchOne(
            db,
            cachedSQL:
                "SELECT \(memberColumns) FROM members m WHERE m.id = ? AND m.team_id = ? AND m.removed_at IS NULL",
            arguments: [id, teamID]
        ).map(Self.member(row:))
    }

    public func credentials(email: String) async throws -> (member: Member, passwordHash: String)? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                cachedSQL:
                    "SELECT \(Self.memberColumns), m.password_hash FROM members m WHERE m.email = ? AND m.removed_at IS NULL",
                arguments: [email.lowercased()]
            ).map { (try Self.member(row: $0), $0["password_hash"]) }
        }
    }

    public func members(teamID: String) async throws -> [MemberSummary] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                cachedSQL:
                    "SELECT \(Self.memberColumns), m.open_tickets FROM members m WHERE m.team_id = ? AND m.removed_at IS NULL ORDER BY m.rotation_position",
                arguments: [teamID]
            ).map { MemberSummary(member: try Self.member(row: $0), openTickets: $0["open_tickets"]) }
        }
    }

    public func updateMember(
        id: String, teamID: String, _ change: MemberChange, now: Timestamp,
        audit: AuditTrail<(before: Member, after: Member)>
    ) async throws -> Member? {
        try await write { db in
            guard var member = try Self.member(db, id: id, teamID: teamID) else { return nil }
            let before = member
            let availabilityBefore = member.availability
            if let role = change.role { member.role = role }
            if let name = change.displayName { member.displayName = name }
            if let email = change.sendingEmail { member.sendingEmail = email }
            if let signature = change.signature { member.signature = signature }
            if let availability = change.availability { member.availability = availability }
            try db.execute(
                cachedSQL: """
                    UPDATE members SET role = ?, display_name = ?, sending_email = ?, signature = ?, availability = ?
                    WHERE id = ?
                    """,
                arguments: [
                    member.role.rawValue, member.displayName, member.sendingEmail, member.signature,
                    member.availability.rawValue, member.id,
                ])
            if let backfillCause = Backfill.cause(
                displayName: member.displayName, from: availabilityBefore, to: change.availability)
            {
                try Self.backfill(db, teamID: teamID, memberID: member.id, because: backfillCause, now: now)
            }
            try Self.insertAudit(db, audit.records(for: (before, member)))
            return member
        }
    }

    public func createSession(_ session: Session) async throws {
        try await write { db in
            // Each sign-in sweeps the sessions that have expired, so the table holds live ones only.
            try db.execute(
                cachedSQL: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [session.createdAt.microseconds])
            try db.execute(
                cachedSQL:
                    "INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, session.memberID, session.csrfToken, session.createdAt.microseconds,
                    session.expiresAt.microseconds,
                ])
        }
    }

    public func session(tokenHash: String, now: Timestamp) async throws -> (session: Session, caller: Caller)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT s.token_hash, s.member_id, s.csrf_token, s.created_at AS s_created, s.expires_at,
                            \(Self.memberColumns), t.name AS team_name, t.plan, t.created_at AS team_created
                        FROM sessions s JOIN members m ON m.id = s.member_id AND m.removed_at IS NULL JOIN teams t ON t.id = m.team_id
                        WHERE s.token_hash = ? AND s.expires_at > ?
                        """, arguments: [tokenHash, now.microseconds])
            else { return nil }
            let session = Session(
                tokenHash: row["token_hash"], memberID: row["member_id"], csrfToken: row["csrf_token"],
                createdAt: Timestamp(microseconds: row["s_created"]),
                expiresAt: Timestamp(microseconds: row["expires_at"]))
            let member = try Self.member(row: row)
            let team = Team(
                id: member.teamID, name: row["team_name"], plan: try stored(row["plan"], column: "teams.plan"),
                createdAt: Timestamp(microseconds: row["team_created"]))
            return (session, Caller(member: member, team: team))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in
            try db.execute(cachedSQL: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }
}
