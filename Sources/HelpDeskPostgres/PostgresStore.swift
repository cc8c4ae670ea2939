import Foundation
import HelpDeskCore
import HelpDeskStore
import Logging
import PostgresNIO

/// The store for several instances on one PostgreSQL database: the same
/// protocols and the same observable behaviour as `SQLiteStore`, on a pool of
/// connections (postgres-nio's `PostgresClient`).
///
/// SQLite makes ticket numbering, round-robin rotation, balanced assignment,
/// pick-up races and escalations exact by running one writer at a time. Here
/// many instances write at once, so every transaction that decides from a
/// team's tickets and members first locks the team's row
/// (`PostgresTransaction.lockTeam`): those transactions run one after another
/// per team, and different teams never wait for each other. The outbox is
/// claimed with `FOR UPDATE SKIP LOCKED`, so workers on every instance share it.
///
/// Secrets (agents' and the copilot's API keys, channel tokens) are sealed with
/// the same `SecretBox` as on SQLite. There is no directory beside a database
/// server to keep a key file in, so the keys come from `HELPDESK_SECRET_KEY`
/// (base64 of 32 bytes; several, comma-separated, newest first), or else from
/// the key file that `Options.secretKeyFile` names (default
/// `./helpdesk-data/secret.key`, created with a fresh key when absent). Every
/// instance on one database must be given the same keys: set
/// `HELPDESK_SECRET_KEY` on each, or deploy one key file to each. An instance
/// with other keys refuses to start, naming the key a stored secret needs.
///
/// Live feeds: each write publishes its `ChangeTopic`s on this instance's
/// `changes` after it commits, and notifies them to the other instances in
/// the transaction (`ChangeNotices`: LISTEN/NOTIFY as the wake-up, the entries
/// table as the truth).
public final class PostgresStore: Store {
    /// Where the database is and how to use it.
    public struct Options: Sendable {
        /// `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`.
        public var url: String
        /// The most connections this instance opens.
        public var poolSize: Int
        /// A schema to keep every table in, created when absent (the tests give each store its own);
        /// nil: the user's default (`search_path`).
        public var schema: String?
        /// The key file read when `HELPDESK_SECRET_KEY` is not set.
        public var secretKeyFile: String
        /// How long connecting may take before the database counts as unreachable.
        public var connectTimeout: Duration
        /// How long a readiness check (`ping`, behind `/ready`) waits for an answer.
        public var readinessTimeout: Duration

        public init(
            url: String, poolSize: Int = 10, schema: String? = nil,
            secretKeyFile: String = "./helpdesk-data/secret.key", connectTimeout: Duration = .seconds(10),
            readinessTimeout: Duration = .seconds(2)
        ) {
            self.url = url
            self.poolSize = poolSize
            self.schema = schema
            self.secretKeyFile = secretKeyFile
            self.connectTimeout = connectTimeout
            self.readinessTimeout = readinessTimeout
        }
    }

    /// Why the store cannot open: a malformed URL, an unreachable database, a refused login.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    let client: PostgresClient
    let running: Task<Void, Never>
    /// Listens for the other instances' change notices.
    let listening: Task<Void, Never>
    /// This instance, in its change notices (it skips its own).
    let instance: String
    /// The notification channel of this database (and schema).
    let noticeChannel: String
    /// How long a readiness check waits for the database.
    let readinessTimeout: Duration
    let logger: Logger
    /// Seals secrets at rest, with keys kept outside the database.
    let secrets: SecretBox
    /// Agents' and channels' configurations as decoded, by their stored text.
    let decoded = StoredConfiguration.Decoded()
    /// Wakes this instance's live feeds after each commit that changed what they show, here or on
    /// another instance.
    public let changes: ChangeFeed
    /// Signals of the other instances (presence and typing), carried on the notice channel.
    public let signals: SignalFeed

    private init(
        client: PostgresClient, running: Task<Void, Never>, listening: Task<Void, Never>, instance: String,
        noticeChannel: String, changes: ChangeFeed, signals: SignalFeed, readinessTimeout: Duration,
        secrets: SecretBox, logger: Logger
    ) {
        self.changes = changes
        self.signals = signals
        self.client = client
        self.listening = listening
        self.instance = instance
        self.noticeChannel = noticeChannel
        self.readinessTimeout = readinessTimeout
        self.running = running
        self.secrets = secrets
        self.logger = logger
    }

    /// Connects, migrates (under an advisory lock, so instances starting at
    /// once are safe), seals any secret not sealed with the newest key, and
    /// starts the pool. Throws `Failure` naming the host when the database is unreachable.
    public static func open(
        _ options: Options, secrets: SecretBox? = nil, logger: Logger = Logger(label: "helpdesk.postgres")
    ) async throws -> PostgresStore {
        let configuration = try connectionConfiguration(options)
        let secrets = try secrets ?? SecretBox.load(file: options.secretKeyFile)
        var pool = configuration.client
        pool.options.maximumConnections = max(1, options.poolSize)
        pool.options.minimumConnections = 0
        let client = PostgresClient(configuration: pool, backgroundLogger: logger)
        // Started before migrating, so the pool runs by the time the store is first used.
        let running = Task { await client.run() }
        do {
            try await prepare(options, configuration, secrets: secrets, logger: logger)
        } catch {
            running.cancel()
            await running.value
            throw error
        }
        let instance = Identifier.make("in")
        let noticeChannel = ChangeNotices.channel(schema: options.schema)
        let changes = ChangeFeed()
        let signals = SignalFeed()
        let (ready, readySignal) = AsyncStream<Void>.makeStream()
        let listening = Task {
            await ChangeNotices.listen(
                configuration: configuration.connection, channel: noticeChannel, instance: instance, feed: changes,
                signals: signals, ready: readySignal, logger: logger)
        }
        // Listening before the store is used: no other instance's change falls before it.
        for await _ in ready { break }
        return PostgresStore(
            client: client, running: running, listening: listening, instance: instance,
            noticeChannel: noticeChannel, changes: changes, signals: signals,
            readinessTimeout: options.readinessTimeout,
            secrets: secrets,
            logger: logger)
    }

    /// An SQL identifier, quoted.
    public static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Connects on a connection of its own (the clear error when the database
    /// is unreachable comes from here), creates the schema when one is named,
    /// migrates and seals again what an older key sealed.
    static func prepare(_ options: Options, _ configuration: Configurations, secrets: SecretBox, logger: Logger)
        async throws
    {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: configuration.connection, id: 1, logger: logger)
        } catch {
            throw Failure(
                description:
                    "cannot reach PostgreSQL at \(configuration.place): \(Self.reason(error)); "
                    + "check --database-url (HELPDESK_DATABASE_URL) and that the server runs")
        }
        do {
            try await PostgresMigrations.migrate(connection, schema: options.schema, logger: logger)
            try await Self.resealSecrets(connection, secrets: secrets, logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The server's words for a failure, without postgres-nio's debugging detail.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    struct Configurations {
        var connection: PostgresConnection.Configuration
        var client: PostgresClient.Configuration
        /// host:port/database, for messages.
        var place: String
    }

    /// Reads a `postgres://` URL into the connection's and the pool's configurations.
    static func connectionConfiguration(_ options: Options) throws -> Configurations {
        guard let components = URLComponents(string: options.url),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw Failure(
                description: "--database-url must be a postgres://user@host:port/database URL (got \(options.url))")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Failure(description: "--database-url names no host (got \(options.url))")
        }
        let user = components.percentEncodedUser?.removingPercentEncoding ?? "postgres"
        let password = components.percentEncodedPassword?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        let port = components.port ?? 5432
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        let clientTLS: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable":
            tls = .disable
            clientTLS = .disable
        case "require", "verify-ca", "verify-full":
            tls = .require(try .init(configuration: .makeClientConfiguration()))
            clientTLS = .require(.makeClientConfiguration())
        default:
            tls = .prefer(try .init(configuration: .makeClientConfiguration()))
            clientTLS = .prefer(.makeClientConfiguration())
        }
        var connection = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        connection.options.connectTimeout = .init(options.connectTimeout)
        var client = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: clientTLS)
        client.options.connectTimeout = options.connectTimeout
        if let schema = options.schema {
            connection.options.additionalStartupParameters = [("search_path", schema)]
            client.options.additionalStartupParameters = [("search_path", schema)]
        }
        return Configurations(connection: connection, client: client, place: "\(host):\(port)/\(database)")
    }

    /// Stops the pool; the store is unusable afterwards.
    public func close() async {
        listening.cancel()
        await listening.value
        running.cancel()
        await running.value
    }

    /// Answers within `readinessTimeout`: a database that stopped answering makes `/ready` false, not slow.
    public func ping() async throws {
        let client = client
        let logger = logger
        let timeout = readinessTimeout
        let migrated = try await withThrowingTaskGroup(of: Bool?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    try await PostgresMigrations.isMigrated(connection, logger: logger)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let migrated else {
            throw Failure(description: "PostgreSQL did not answer within \(timeout)")
        }
        guard migrated else { throw HelpDeskError.unprocessable("database migrations have not run") }
    }

    // MARK: Transactions

    /// Runs `body` in one read-only transaction on one snapshot (REPEATABLE READ), as SQLite's
    /// reads do: a read of several statements (an inbox page walks several ranges, a timeline
    /// reads its entries and their files) never sees a write land between them.
    func read<Result: Sendable>(_ body: (PostgresTransaction) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            let transaction = PostgresTransaction(connection: connection, logger: self.logger)
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            do {
                let result = try await body(transaction)
                try await connection.query("COMMIT", logger: self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    /// Runs `body` in one transaction and, once it committed, wakes the live feeds its writes named.
    /// A deadlock or a serialization failure (which PostgreSQL resolves by
    /// cancelling one side) runs it again, a few times.
    func write<Result: Sendable>(_ body: (PostgresTransaction) async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let (result, topics) = try await client.withConnection { connection in
                    let transaction = PostgresTransaction(connection: connection, logger: self.logger)
                    try await connection.query("BEGIN", logger: self.logger)
                    do {
                        let result = try await body(transaction)
                        if !transaction.topics.isEmpty {
                            // Delivered to the other instances only if the transaction commits.
                            let notice = ChangeNotices.payload(transaction.topics, from: self.instance)
                            try await transaction.run("SELECT pg_notify(\(self.noticeChannel), \(notice))")
                        }
                        try await connection.query("COMMIT", logger: self.logger)
                        return (result, transaction.topics)
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: self.logger)
                        throw error
                    }
                }
                changes.publish(topics)
                return result
            } catch let error as PSQLError where attempt < 4 && ["40001", "40P01"].contains(Self.sqlState(error)) {
                logger.debug("retrying a transaction", metadata: ["reason": "\(Self.reason(error))"])
                continue
            }
        }
    }

    /// Notifies the other instances (a notice outside any transaction, delivered at once); a
    /// failure is logged, not thrown: a signal is never worth failing the caller for.
    public func broadcastSignal(_ text: String) async {
        guard let notice = ChangeNotices.signalPayload(text, from: instance) else { return }
        do {
            try await client.withConnection { connection in
                try await connection.query("SELECT pg_notify(\(self.noticeChannel), \(notice))", logger: self.logger)
            }
        } catch {
            logger.debug("a signal to the other instances was not sent", metadata: ["reason": "\(Self.reason(error))"])
        }
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Whether `error` is a unique-constraint violation.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        sqlState(error) == "23505"
    }
}

// MARK: - Teams and settings

extension PostgresStore {
    public func createTeam(name: String, plan: Plan, now: Timestamp) async throws -> Team {
        let team = Team(id: Identifier.make("tm"), name: name, plan: plan, createdAt: now)
        try await write { db in
            try await db.run(
                "INSERT INTO teams (id, name, plan, created_at) VALUES (\(team.id), \(team.name), \(team.plan.rawValue), \(now.microseconds))"
            )
        }
        return team
    }

    public func team(id: String) async throws -> Team? {
        try await read { db in try await Self.team(db, id: id) }
    }

    static func team(_ db: PostgresTransaction, id: String) async throws -> Team? {
        try await db.row("SELECT id, name, plan, created_at FROM teams WHERE id = \(id)").map(Self.team(row:))
    }

    static func team(row: Row) throws -> Team {
        Team(
            id: try row["id"], name: try row["name"], plan: try stored(try row["plan"], column: "teams.plan"),
            createdAt: try row.time("created_at"))
    }

    public func setPlan(teamID: String, plan: Plan, audit: AuditTrail<(before: Team, after: Team)>) async throws
        -> Team?
    {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let before = try await Self.team(db, id: teamID) else { return nil }
            if try await db.count("UPDATE teams SET plan = \(plan.rawValue) WHERE id = \(teamID) RETURNING id") > 0 {
                db.topics.insert(.teamSetup(teamID))
            }
            guard let after = try await Self.team(db, id: teamID) else { return nil }
            try await Self.insertAudit(db, audit.records(for: (before, after)))
            return after
        }
    }

    public func settings(teamID: String) async throws -> TeamSettings {
        try await read { db in try await Self.settings(db, teamID: teamID) }
    }

    static func settings(_ db: PostgresTransaction, teamID: String) async throws -> TeamSettings {
        guard let row = try await db.row("SELECT * FROM teams WHERE id = \(teamID)") else {
            throw HelpDeskError.notFound("no such team")
        }
        let standard = BusinessHours.standard
        let hours = BusinessHours(
            enabled: try row["business_hours_enabled"],
            start: ClockTime(try row["business_hours_start"] as String) ?? standard.start,
            end: ClockTime(try row["business_hours_end"] as String) ?? standard.end,
            timeZone: try row["business_hours_time_zone"])
        return TeamSettings(
            calendar: try StoredSettings.calendar(json: try row["calendar_json"], hours: hours),
            sla: try StoredSettings.sla(json: try row["sla_json"]),
            emailNotifications: try row["email_notifications"],
            assignment: try stored(try row["assignment"], column: "teams.assignment"),
            supportInboxEnabled: try row["support_inbox_enabled"],
            supportInboxAddress: try row["support_inbox_address"],
            csat: try StoredSettings.csat(json: try row["csat_json"]))
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
            try await db.lockTeam(teamID)
            let before = try await Self.settings(db, teamID: teamID)
            let changed = try await db.count(
                """
                UPDATE teams SET business_hours_enabled = \(hours.enabled),
                    business_hours_start = \(hours.start.description), business_hours_end = \(hours.end.description),
                    business_hours_time_zone = \(hours.timeZone), calendar_json = \(calendar), sla_json = \(sla),
                    email_notifications = \(settings.emailNotifications),
                    assignment = \(settings.assignment.rawValue), support_inbox_enabled = \(settings.supportInboxEnabled),
                    support_inbox_address = \(settings.supportInboxAddress), csat_json = \(csat)
                WHERE id = \(teamID) RETURNING id
                """)
            if changed > 0 { db.topics.insert(.teamSetup(teamID)) }
            let after = try await Self.settings(db, teamID: teamID)
            if after.sla != before.sla || after.calendar != before.calendar {
                // Every unresolved ticket's tracked clocks move with the policy or the calendar.
                try await db.run(
                    "UPDATE tickets SET sla_version = sla_version + 1 WHERE team_id = \(teamID) AND status_rank < 2")
            }
            try await Self.insertAudit(db, audit.records(for: (before, after)))
            return after
        }
    }

    public func copilotSettings(teamID: String) async throws -> CopilotSettings {
        let secrets = secrets
        return try await read { db in
            guard let row = try await db.row("SELECT copilot FROM teams WHERE id = \(teamID)") else {
                throw HelpDeskError.notFound("no such team")
            }
            return try StoredConfiguration.copilotSettings(json: try row["copilot"], secrets: secrets)
        }
    }

    public func saveCopilotSettings(teamID: String, _ settings: CopilotSettings, audit: AuditTrail<Void>) async throws {
        let json = try StoredConfiguration.copilotJSON(settings, secrets: secrets)
        try await write { db in
            guard try await db.count("UPDATE teams SET copilot = \(json) WHERE id = \(teamID) RETURNING id") == 1
            else { throw HelpDeskError.notFound("no such team") }
            try await Self.insertAudit(db, audit.records)
        }
    }
}

// MARK: - Members and sessions

extension PostgresStore {
    static let memberColumns =
        "m.id, m.team_id, m.email, m.role, m.display_name, m.sending_email, m.signature, m.availability, m.created_at"

    static func member(row: Row) throws -> Member {
        Member(
            id: try row["id"], teamID: try row["team_id"], email: try row["email"],
            role: try stored(try row["role"], column: "members.role"), displayName: try row["display_name"],
            sendingEmail: try row["sending_email"], signature: try row["signature"],
            availability: try stored(try row["availability"], column: "members.availability"),
            createdAt: try row.time("created_at"))
    }

    public func createMember(_ new: NewMember, now: Timestamp, audit: AuditTrail<Member>) async throws -> Member {
        let member = Member(
            id: Identifier.make("mb"), teamID: new.teamID, email: new.email.lowercased(), role: new.role,
            displayName: new.displayName, sendingEmail: new.sendingEmail, signature: new.signature,
            availability: new.availability, createdAt: now)
        let conflict = HelpDeskError.conflict("a member with email \(member.email) already exists")
        do {
            try await write { db in
                try await db.lockTeam(new.teamID)
                guard try await Self.team(db, id: new.teamID) != nil else {
                    throw HelpDeskError.notFound("no such team")
                }
                if try await db.row("SELECT 1 FROM members WHERE lower(email) = lower(\(member.email))") != nil {
                    throw conflict
                }
                let position =
                    try await db.value(
                        Int.self,
                        "SELECT COALESCE(MAX(rotation_position), 0) + 1 FROM members WHERE team_id = \(new.teamID)")
                    ?? 1
                try await db.run(
                    """
                    INSERT INTO members (id, team_id, email, password_hash, role, display_name, sending_email,
                        signature, availability, rotation_position, created_at)
                    VALUES (\(member.id), \(member.teamID), \(member.email), \(new.passwordHash), \(member.role.rawValue),
                        \(member.displayName), \(member.sendingEmail), \(member.signature),
                        \(member.availability.rawValue), \(position), \(now.microseconds))
                    """)
                try await Self.insertAudit(db, audit.records(for: member))
            }
        } catch  where Self.isUniqueViolation(error) {
            // Another team took the address at the same moment.
            throw conflict
        }
        return member
    }

    public func member(id: String, teamID: String) async throws -> Member? {
        try await read { db in try await Self.member(db, id: id, teamID: teamID) }
    }

    static func member(_ db: PostgresTransaction, id: String, teamID: String) async throws -> Member? {
        try await db.row(
            """
            SELECT \(unescaped: memberColumns) FROM members m
            WHERE m.id = \(id) AND m.team_id = \(teamID) AND m.removed_at IS NULL
            """
        ).map(Self.member(row:))
    }

    public func credentials(email: String) async throws -> (member: Member, passwordHash: String)? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT \(unescaped: Self.memberColumns), m.password_hash FROM members m
                    WHERE lower(m.email) = lower(\(email)) AND m.removed_at IS NULL
                    """)
            else { return nil }
            return (try Self.member(row: row), try row["password_hash"])
        }
    }

    public func members(teamID: String) async throws -> [MemberSummary] {
        try await read { db in
            try await db.rows(
                """
                SELECT \(unescaped: Self.memberColumns), m.open_tickets FROM members m
                WHERE m.team_id = \(teamID) AND m.removed_at IS NULL ORDER BY m.rotation_position
                """
            ).map { MemberSummary(member: try Self.member(row: $0), openTickets: try $0["open_tickets"]) }
        }
    }

    public func updateMember(
        id: String, teamID: String, _ change: MemberChange, now: Timestamp,
        audit: AuditTrail<(before: Member, after: Member)>
    ) async throws -> Member? {
        try await write { db in
            try await db.lockTeam(teamID)
            guard var member = try await Self.member(db, id: id, teamID: teamID) else { return nil }
            let before = member
            let availabilityBefore = member.availability
            if let role = change.role { member.role = role }
            if let name = change.displayName { member.displayName = name }
            if let email = change.sendingEmail { member.sendingEmail = email }
            if let signature = change.signature { member.signature = signature }
            if let availability = change.availability { member.availability = availability }
            try await db.run(
                """
                UPDATE members SET role = \(member.role.rawValue), display_name = \(member.displayName),
                    sending_email = \(member.sendingEmail), signature = \(member.signature),
                    availability = \(member.availability.rawValue)
                WHERE id = \(member.id)
                """)
            db.topics.insert(.access(teamID))
            if let backfillCause = Backfill.cause(
                displayName: member.displayName, from: availabilityBefore, to: change.availability)
            {
                try await Self.backfill(db, teamID: teamID, memberID: member.id, because: backfillCause, now: now)
            }
            try await Self.insertAudit(db, audit.records(for: (before, member)))
            return member
        }
    }

    public func createSession(_ session: Session) async throws {
        try await write { db in
            // Each sign-in sweeps the sessions that have expired, so the table holds live ones only.
            let swept = try await db.count(
                "DELETE FROM sessions WHERE expires_at <= \(session.createdAt.microseconds) RETURNING token_hash")
            if swept > 0 { db.topics.insert(.access(nil)) }
            try await db.run(
                """
                INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, expires_at)
                VALUES (\(session.tokenHash), \(session.memberID), \(session.csrfToken),
                    \(session.createdAt.microseconds), \(session.expiresAt.microseconds))
                """)
        }
    }

    public func session(tokenHash: String, now: Timestamp) async throws -> (session: Session, caller: Caller)? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT s.token_hash, s.member_id, s.csrf_token, s.created_at AS s_created, s.expires_at,
                        \(unescaped: Self.memberColumns), t.name AS team_name, t.plan, t.created_at AS team_created
                    FROM sessions s JOIN members m ON m.id = s.member_id AND m.removed_at IS NULL
                    JOIN teams t ON t.id = m.team_id
                    WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now.microseconds)
                    """)
            else { return nil }
            let session = Session(
                tokenHash: try row["token_hash"], memberID: try row["member_id"], csrfToken: try row["csrf_token"],
                createdAt: try row.time("s_created"), expiresAt: try row.time("expires_at"))
            let member = try Self.member(row: row)
            let team = Team(
                id: member.teamID, name: try row["team_name"],
                plan: try stored(try row["plan"], column: "teams.plan"), createdAt: try row.time("team_created"))
            return (session, Caller(member: member, team: team))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in
            if try await db.count("DELETE FROM sessions WHERE token_hash = \(tokenHash) RETURNING token_hash") > 0 {
                db.topics.insert(.access(nil))
            }
        }
    }

    public func setPassword(
        memberID: String, teamID: String, passwordHash: String, keepingSession tokenHash: String?,
        audit: AuditTrail<Void>
    ) async throws {
        try await write { db in
            let changed = try await db.count(
                """
                UPDATE members SET password_hash = \(passwordHash)
                WHERE id = \(memberID) AND team_id = \(teamID) AND removed_at IS NULL RETURNING id
                """)
            guard changed > 0 else { throw HelpDeskError.notFound("no member with id \(memberID) in this team") }
            db.topics.insert(.access(teamID))
            let ended = try await db.count(
                """
                DELETE FROM sessions WHERE member_id = \(memberID) AND token_hash IS DISTINCT FROM \(tokenHash)
                RETURNING token_hash
                """)
            if ended > 0 { db.topics.insert(.access(nil)) }
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func deleteSessions(memberID: String) async throws {
        try await write { db in
            if try await db.count("DELETE FROM sessions WHERE member_id = \(memberID) RETURNING token_hash") > 0 {
                db.topics.insert(.access(nil))
            }
        }
    }

    public func removeMember(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let member = try await Self.member(db, id: id, teamID: teamID) else { return false }
            if try await db.count("DELETE FROM sessions WHERE member_id = \(id) RETURNING token_hash") > 0 {
                db.topics.insert(.access(nil))
            }
            // The address is freed for a new account; the name stays on the timeline.
            try await db.run(
                """
                UPDATE members SET removed_at = \(now.microseconds), availability = 'offline', password_hash = '!',
                    email = 'removed-' || id || '@removed.invalid'
                WHERE id = \(id)
                """)
            db.topics.insert(.access(teamID))
            // Chats they held go back to the AI, so no customer is left with nobody.
            let released = try await db.values(
                String.self,
                """
                UPDATE conversations SET speaker = 'ai', speaker_member_id = NULL
                WHERE speaker_member_id = \(id) RETURNING id
                """)
            db.topics.formUnion(released.map(ChangeTopic.conversation))
            let held = try await db.rows(
                """
                SELECT id, conversation_id FROM tickets
                WHERE team_id = \(teamID) AND assignee_id = \(id) AND status_rank < 2 ORDER BY last_activity_at, id
                """)
            for row in held {
                let ticketID: Int64 = try row["id"]
                let conversationID: String = try row["conversation_id"]
                try await db.run("UPDATE tickets SET assignee_id = NULL WHERE id = \(ticketID)")
                try await Self.insertEvent(
                    db, teamID: teamID, conversationID: conversationID, ticketID: ticketID,
                    TicketEvent(kind: .unassigned, from: member.displayName, detail: Backfill.removalReason(member)),
                    now: now)
                try await Self.route(db, teamID: teamID, ticketID: ticketID, conversationID: conversationID, now: now)
            }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    /// Refuses a member who is not in the team: a ticket is only ever held by its own team.
    static func requireMember(_ db: PostgresTransaction, _ member: MemberRef, teamID: String) async throws {
        guard
            try await db.row(
                "SELECT 1 FROM members WHERE id = \(member.id) AND team_id = \(teamID) AND removed_at IS NULL") != nil
        else { throw HelpDeskError.notFound("no member with id \(member.id) in this team") }
    }
}

// MARK: - Secrets

extension PostgresStore {
    /// Seals again, with the newest key, every secret stored in the clear or
    /// sealed with an older key; under the migrations' advisory lock, so two
    /// instances starting at once do it once. A no-op when everything is current.
    static func resealSecrets(_ connection: PostgresConnection, secrets: SecretBox, logger: Logger) async throws {
        let db = PostgresTransaction(connection: connection, logger: logger)
        try await db.run("BEGIN")
        do {
            try await db.run("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockKey))")
            for row in try await db.rows("SELECT id, config FROM agents") {
                let id: String = try row["id"]
                if let sealed = try StoredConfiguration.resealedAgentConfig(try row["config"], secrets: secrets) {
                    try await db.run("UPDATE agents SET config = \(sealed) WHERE id = \(id)")
                }
            }
            for row in try await db.rows("SELECT id, kind, config FROM channels") {
                let id: String = try row["id"]
                let kind: HelpDeskCore.Channel = try stored(try row["kind"], column: "channels.kind")
                if let sealed = try StoredConfiguration.resealedChannelConfig(
                    kind: kind, config: try row["config"], secrets: secrets)
                {
                    try await db.run("UPDATE channels SET config = \(sealed) WHERE id = \(id)")
                }
            }
            for row in try await db.rows("SELECT id, copilot FROM teams WHERE copilot IS NOT NULL") {
                let id: String = try row["id"]
                if let sealed = try StoredConfiguration.resealedCopilotJSON(try row["copilot"], secrets: secrets) {
                    try await db.run("UPDATE teams SET copilot = \(sealed) WHERE id = \(id)")
                }
            }
            try await db.run("COMMIT")
        } catch {
            _ = try? await db.run("ROLLBACK")
            throw error
        }
    }

    public func secret(named name: String) async throws -> Data {
        try await write { db in
            var generator = SystemRandomNumberGenerator()
            let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try await db.run("INSERT INTO secrets (name, value) VALUES (\(name), \(fresh)) ON CONFLICT DO NOTHING")
            guard let value = try await db.value(Data.self, "SELECT value FROM secrets WHERE name = \(name)") else {
                throw HelpDeskError.notFound("secret \(name)")
            }
            return value
        }
    }
}
