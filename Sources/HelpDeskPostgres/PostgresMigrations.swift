import Logging
import PostgresNIO

/// The versioned schema of the PostgreSQL store. Migrations only ever append:
/// a released migration is never edited. Version 1 is the SQLite store's final
/// schema (its v1 to v16) in one step; later versions follow it one by one.
///
/// Each migration is a list of statements (the extended protocol runs one at a
/// time), applied in one transaction that first takes a transaction-scoped
/// advisory lock, so instances starting at once migrate one after another and
/// the later ones find the work done. Applied versions are rows of `schema_migrations`.
enum PostgresMigrations {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// The advisory lock key that serializes migrations on a database.
    static let lockKey: Int64 = 0x4865_6c70_4465_736b  // "HelpDesk"

    static let all: [Migration] = [
        Migration(version: 1, name: "the schema of SQLite's v1 to v16", statements: v1),
        // SQLite's v17: removing a member hands the chats they hold back to the AI without reading every conversation.
        Migration(
            version: 2, name: "conversations held by a member",
            statements: [
                """
                CREATE INDEX conversations_by_speaker_member ON conversations(speaker_member_id)
                WHERE speaker_member_id IS NOT NULL
                """
            ]),
        // Work one instance at a time does (a Telegram channel's poller, an owed answer), by name, with
        // its holder and the end of its lease. SQLite keeps them in memory: one process serves it.
        Migration(
            version: 3, name: "leases",
            statements: [
                "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, lease_until BIGINT NOT NULL)"
            ]),
        // The limits every instance shares (SQLite keeps them in memory): anonymous traffic's token
        // buckets, each with the time it is full again (from then on it can be forgotten), and
        // failed sign-ins by account and by address.
        Migration(
            version: 4, name: "shared limits",
            statements: [
                """
                CREATE TABLE rate_buckets (
                    key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, updated_at BIGINT NOT NULL,
                    full_at BIGINT NOT NULL)
                """,
                "CREATE INDEX rate_buckets_by_full_at ON rate_buckets(full_at)",
                "CREATE TABLE sign_in_failures (key TEXT NOT NULL, at BIGINT NOT NULL)",
                "CREATE INDEX sign_in_failures_by_key ON sign_in_failures(key, at)",
                "CREATE INDEX sign_in_failures_by_age ON sign_in_failures(at)",
            ]),
        // SQLite's v18: a team's tags, named by their stored form (lower case), and the tickets that carry them.
        Migration(
            version: 5, name: "tags",
            statements: [
                """
                CREATE TABLE tags (
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    name TEXT NOT NULL,
                    color TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (team_id, name))
                """,
                """
                CREATE TABLE ticket_tags (
                    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
                    team_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    PRIMARY KEY (ticket_id, name),
                    FOREIGN KEY (team_id, name) REFERENCES tags(team_id, name))
                """,
                "CREATE INDEX ticket_tags_by_tag ON ticket_tags(team_id, name, ticket_id)",
            ]),
        // SQLite's v19: the business calendar, superseding business_hours_* (NULL: what those describe),
        // and the SLA policy (NULL: no targets).
        Migration(
            version: 6, name: "business calendar and SLA policy",
            statements: [
                "ALTER TABLE teams ADD COLUMN calendar_json TEXT",
                "ALTER TABLE teams ADD COLUMN sla_json TEXT",
            ]),
        // SQLite's v20: a ticket merged into another (its target's number in merged_into while the merge
        // stands) and the merges, for their undo.
        Migration(
            version: 7, name: "ticket merges",
            statements: [
                "ALTER TABLE tickets ADD COLUMN merged_into BIGINT",
                """
                CREATE TABLE ticket_merges (
                    id BIGSERIAL PRIMARY KEY,
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    source_id BIGINT NOT NULL REFERENCES tickets(id),
                    target_id BIGINT NOT NULL REFERENCES tickets(id),
                    merged_at BIGINT NOT NULL,
                    merged_by TEXT,
                    previous_status TEXT NOT NULL,
                    undone_at BIGINT)
                """,
                "CREATE INDEX ticket_merges_by_source ON ticket_merges(source_id, id)",
                "CREATE INDEX ticket_merges_standing ON ticket_merges(target_id, source_id) WHERE undone_at IS NULL",
            ]),
        // SQLite's v21: the audit log of configuration changes, walked per team by id, newest first.
        Migration(
            version: 8, name: "audit log",
            statements: [
                """
                CREATE TABLE audit_log (
                    id BIGSERIAL PRIMARY KEY,
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    at BIGINT NOT NULL,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT,
                    actor_name TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject_type TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    subject_name TEXT,
                    before_json TEXT,
                    after_json TEXT)
                """,
                "CREATE INDEX audit_log_by_team ON audit_log(team_id, id DESC)",
                "CREATE INDEX audit_log_by_action ON audit_log(team_id, action, id DESC)",
                "CREATE INDEX audit_log_by_actor ON audit_log(team_id, actor_id, id DESC)",
                "CREATE INDEX audit_log_by_subject_type ON audit_log(team_id, subject_type, id DESC)",
            ]),
        // SQLite's v22: whether the team asks for ratings, and the ratings (one per ticket).
        Migration(
            version: 9, name: "satisfaction ratings",
            statements: [
                "ALTER TABLE teams ADD COLUMN csat_json TEXT",
                """
                CREATE TABLE csat_ratings (
                    ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id),
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    rating INTEGER NOT NULL,
                    comment TEXT,
                    channel TEXT NOT NULL,
                    at BIGINT NOT NULL)
                """,
            ]),
        // SQLite's v23: outbound webhooks, their deliveries (each with its outbox entry) and the team's
        // permission to reach private addresses.
        Migration(
            version: 10, name: "outbound webhooks",
            statements: [
                """
                CREATE TABLE webhooks (
                    id TEXT PRIMARY KEY,
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    url TEXT NOT NULL,
                    events TEXT NOT NULL,
                    active BOOLEAN NOT NULL,
                    description TEXT,
                    secret TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX webhooks_by_team ON webhooks(team_id, created_at)",
                """
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY,
                    team_id TEXT NOT NULL,
                    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    outbox_id BIGINT NOT NULL UNIQUE,
                    event TEXT NOT NULL,
                    body TEXT NOT NULL,
                    response_status INTEGER,
                    response_body TEXT,
                    last_attempt_at BIGINT,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at)",
                "ALTER TABLE teams ADD COLUMN webhooks_allow_private BOOLEAN NOT NULL DEFAULT false",
            ]),
        // SQLite's v24: tags suggested at handoff, kept after they are decided for the team's counts.
        Migration(
            version: 11, name: "tag suggestions",
            statements: [
                """
                CREATE TABLE tag_suggestions (
                    id BIGSERIAL PRIMARY KEY,
                    team_id TEXT NOT NULL REFERENCES teams(id),
                    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
                    name TEXT NOT NULL,
                    state TEXT NOT NULL,
                    suggested_at BIGINT NOT NULL,
                    decided_at BIGINT,
                    decided_by TEXT,
                    UNIQUE (ticket_id, name))
                """,
                "CREATE INDEX tag_suggestions_by_team ON tag_suggestions(team_id, state)",
            ]),
        // SQLite's v25: a ticket's SLA clocks as last computed, current while sla_computed equals
        // sla_version; changes that move the clocks bump the version (resolving clears them at once).
        Migration(
            version: 12, name: "tracked SLA clocks",
            statements: [
                """
                ALTER TABLE tickets ADD COLUMN sla_version BIGINT NOT NULL DEFAULT 1,
                    ADD COLUMN sla_computed BIGINT NOT NULL DEFAULT 0, ADD COLUMN sla_due_at BIGINT,
                    ADD COLUMN sla_breached BOOLEAN NOT NULL DEFAULT FALSE, ADD COLUMN sla_check_at BIGINT,
                    ADD COLUMN sla_announced INTEGER NOT NULL DEFAULT 0
                """,
                "UPDATE tickets SET sla_computed = sla_version WHERE status_rank = 2",
                "CREATE INDEX tickets_sla_stale ON tickets(team_id, id) WHERE sla_version <> sla_computed",
                "CREATE INDEX tickets_sla_checks ON tickets(sla_check_at) WHERE sla_check_at IS NOT NULL",
                "CREATE INDEX tickets_by_due ON tickets(team_id, sla_due_at, id) WHERE sla_due_at IS NOT NULL",
                """
                CREATE INDEX tickets_by_assignee_due ON tickets(team_id, assignee_id, sla_due_at, id)
                    WHERE sla_due_at IS NOT NULL
                """,
                """
                CREATE FUNCTION tickets_sla_moves() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status IS DISTINCT FROM OLD.status OR NEW.priority IS DISTINCT FROM OLD.priority THEN
                        NEW.sla_version := OLD.sla_version + 1;
                        IF NEW.status_rank = 2 THEN
                            NEW.sla_computed := NEW.sla_version;
                            NEW.sla_due_at := NULL;
                            NEW.sla_check_at := NULL;
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER tickets_sla_moves BEFORE UPDATE OF status, priority ON tickets
                    FOR EACH ROW EXECUTE FUNCTION tickets_sla_moves()
                """,
                """
                CREATE FUNCTION entries_operator_moves_sla() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.kind = 'message' AND NEW.author_kind = 'operator' THEN
                        UPDATE tickets SET sla_version = sla_version + 1
                        WHERE conversation_id = NEW.conversation_id AND status_rank < 2;
                    END IF;
                    RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER entries_operator_moves_sla AFTER INSERT ON entries
                    FOR EACH ROW EXECUTE FUNCTION entries_operator_moves_sla()
                """,
            ]),
        // SQLite's v26: a report reads the conversations that started in its period along an index.
        Migration(
            version: 13, name: "conversations by start",
            statements: [
                "CREATE INDEX conversations_by_team_start ON conversations(team_id, created_at)",
                "DROP INDEX conversations_by_team",
            ]),
    ]

    /// The newest version this build knows.
    static var latest: Int { all.map(\.version).max() ?? 0 }

    /// Applies every migration not applied yet, under the advisory lock; creates `schema` first
    /// when one is named (under the lock too: two `CREATE SCHEMA IF NOT EXISTS` at once collide).
    static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            if let schema {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(PostgresStore.quoted(schema))"),
                    logger: logger)
            }
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM schema_migrations", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                logger.info("applied PostgreSQL migration \(migration.version): \(migration.name)")
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Whether every migration of this build has been applied.
    static func isMigrated(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger
        ).collect()
        return try (rows.first?.decode(Int.self) ?? 0) >= latest
    }

    /// When the customer of the ticket `ticket` (a table alias or `NEW`) started
    /// waiting for a person: the SQLite store's `SQLiteMigrations.waitStart`.
    static func waitStart(of ticket: String) -> String {
        """
        (SELECT c.at FROM entries c
            WHERE c.conversation_id = \(ticket).conversation_id AND c.kind = 'message' AND c.author_kind = 'customer'
            AND c.id > COALESCE((SELECT MAX(o.id) FROM entries o WHERE o.conversation_id = \(ticket).conversation_id
                AND o.kind = 'message' AND o.author_kind = 'operator'), 0)
            AND c.id > COALESCE((SELECT MAX(r.id) FROM entries r WHERE r.conversation_id = \(ticket).conversation_id
                AND r.ticket_id = \(ticket).id AND r.kind = 'event' AND r.event = 'resolved'), 0)
            ORDER BY c.id LIMIT 1)
        """
    }

    /// Times are BIGINT microseconds since 1970 (UTC), as on SQLite, so both
    /// stores read and write the same numbers. Text is compared and ordered
    /// byte-wise (`COLLATE "C"`), as SQLite does. Search: `tickets.search`
    /// holds the subject's words (weight A) and the requester's (weight B),
    /// `entries.search` a message's words, each a `tsvector` of lexemes the
    /// store folds itself (lowercase, no diacritics), with GIN indexes.
    static let v1: [String] = [
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            plan TEXT NOT NULL,
            next_ticket_number BIGINT NOT NULL DEFAULT 10001,
            created_at BIGINT NOT NULL,
            business_hours_enabled BOOLEAN NOT NULL DEFAULT false,
            business_hours_start TEXT NOT NULL DEFAULT '09:00',
            business_hours_end TEXT NOT NULL DEFAULT '17:00',
            business_hours_time_zone TEXT NOT NULL DEFAULT 'UTC',
            email_notifications BOOLEAN NOT NULL DEFAULT false,
            assignment TEXT NOT NULL DEFAULT 'balanced',
            support_inbox_enabled BOOLEAN NOT NULL DEFAULT false,
            support_inbox_address TEXT,
            rotation_cursor BIGINT,
            -- the team's copilot settings as JSON, the API key sealed; NULL: the built-in interpreter
            copilot TEXT
        )
        """,
        """
        CREATE TABLE members (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            email TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            display_name TEXT NOT NULL,
            sending_email TEXT,
            signature TEXT,
            availability TEXT NOT NULL DEFAULT 'offline',
            -- kept in step with tickets by the triggers below, in the same transaction
            open_tickets BIGINT NOT NULL DEFAULT 0,
            last_assigned_at BIGINT,
            rotation_position BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            removed_at BIGINT
        )
        """,
        "CREATE UNIQUE INDEX members_by_email ON members(lower(email))",
        "CREATE INDEX members_by_team ON members(team_id, rotation_position)",
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX sessions_by_member ON sessions(member_id)",
        "CREATE INDEX sessions_by_expiry ON sessions(expires_at)",
        """
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            config TEXT NOT NULL DEFAULT '{}',
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL DEFAULT 0,
            deleted_at BIGINT
        )
        """,
        "CREATE INDEX agents_by_team ON agents(team_id)",
        """
        CREATE TABLE channels (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            agent_id TEXT NOT NULL REFERENCES agents(id),
            kind TEXT NOT NULL,
            config TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            deleted_at BIGINT,
            poll_offset BIGINT
        )
        """,
        "CREATE INDEX channels_by_team ON channels(team_id)",
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            agent_id TEXT REFERENCES agents(id),
            channel_id TEXT REFERENCES channels(id),
            channel TEXT NOT NULL,
            external_id TEXT,
            requester_name TEXT NOT NULL,
            requester_email TEXT,
            requester_phone TEXT,
            requester_handle TEXT,
            -- who may speak: 'ai', 'operator' (speaker_member_id) or 'nobody'
            speaker TEXT NOT NULL DEFAULT 'ai',
            speaker_member_id TEXT REFERENCES members(id),
            ai_misses BIGINT NOT NULL DEFAULT 0,
            awaiting_answer BIGINT,
            created_at BIGINT NOT NULL,
            last_message_at BIGINT NOT NULL,
            last_customer_message_at BIGINT,
            visitor_page TEXT,
            visitor_browser TEXT,
            visitor_language TEXT
        )
        """,
        "CREATE INDEX conversations_by_team ON conversations(team_id)",
        """
        CREATE UNIQUE INDEX conversations_by_external_id ON conversations(channel_id, external_id)
            WHERE external_id IS NOT NULL
        """,
        """
        CREATE INDEX conversations_awaiting_answer ON conversations(awaiting_answer)
            WHERE awaiting_answer IS NOT NULL
        """,
        """
        CREATE TABLE tickets (
            id BIGSERIAL PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            number BIGINT NOT NULL,
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            status TEXT NOT NULL,
            status_rank INTEGER NOT NULL,
            priority TEXT NOT NULL,
            subject TEXT NOT NULL,
            requester_name TEXT NOT NULL,
            requester_email TEXT,
            requester_phone TEXT,
            requester_handle TEXT,
            assignee_id TEXT REFERENCES members(id),
            agent_id TEXT REFERENCES agents(id),
            channel TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_activity_at BIGINT NOT NULL,
            resolved_at BIGINT,
            waiting_since BIGINT,
            search TSVECTOR NOT NULL DEFAULT ''::tsvector,
            UNIQUE (team_id, number)
        )
        """,
        // Views all and resolved: one index range per status, already in inbox order.
        "CREATE INDEX tickets_by_status ON tickets(team_id, status_rank, last_activity_at, id)",
        // Views mine and unassigned.
        """
        CREATE INDEX tickets_unresolved_by_assignee ON tickets(team_id, assignee_id, last_activity_at, id)
            WHERE status_rank < 2
        """,
        "CREATE INDEX tickets_by_conversation ON tickets(conversation_id, status_rank)",
        """
        CREATE INDEX tickets_by_requester_email ON tickets(team_id, lower(requester_email), last_activity_at)
            WHERE requester_email IS NOT NULL AND requester_email <> ''
        """,
        "CREATE INDEX tickets_waiting ON tickets(team_id, waiting_since, id) WHERE waiting_since IS NOT NULL",
        """
        CREATE INDEX tickets_waiting_by_assignee ON tickets(team_id, assignee_id, waiting_since, id)
            WHERE waiting_since IS NOT NULL
        """,
        """
        CREATE INDEX tickets_answered_by_status ON tickets(team_id, status_rank, last_activity_at, id)
            WHERE status_rank <> 2 AND waiting_since IS NULL
        """,
        """
        CREATE INDEX tickets_answered_by_assignee ON tickets(team_id, assignee_id, last_activity_at, id)
            WHERE status_rank < 2 AND waiting_since IS NULL
        """,
        "CREATE INDEX tickets_search ON tickets USING gin (search)",
        """
        CREATE TABLE entries (
            id BIGSERIAL PRIMARY KEY,
            team_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            ticket_id BIGINT REFERENCES tickets(id),
            kind TEXT NOT NULL,
            at BIGINT NOT NULL,
            author_kind TEXT,
            author_id TEXT,
            author_name TEXT,
            channel TEXT,
            body TEXT,
            event TEXT,
            from_value TEXT,
            to_value TEXT,
            detail TEXT,
            delivery_state TEXT,
            delivery_error TEXT,
            -- the Message-ID of a mail a customer sent: their later mails name it in References
            message_id TEXT,
            -- a message's words (NULL for notes and events)
            search TSVECTOR
        )
        """,
        "CREATE INDEX entries_by_conversation ON entries(conversation_id, id)",
        "CREATE INDEX entries_by_team ON entries(team_id, id)",
        "CREATE INDEX entries_by_ticket ON entries(ticket_id, id)",
        "CREATE INDEX entries_by_message_id ON entries(team_id, message_id) WHERE message_id IS NOT NULL",
        "CREATE INDEX entries_search ON entries USING gin (search)",
        // The members' open-ticket counts follow their tickets, in the same transaction.
        """
        CREATE FUNCTION tickets_open_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.assignee_id IS NOT NULL AND NEW.status_rank < 2 THEN
                    UPDATE members SET open_tickets = open_tickets + 1, last_assigned_at = NEW.last_activity_at
                    WHERE id = NEW.assignee_id;
                END IF;
                RETURN NEW;
            ELSIF TG_OP = 'UPDATE' THEN
                UPDATE members SET open_tickets = open_tickets - 1 WHERE id = OLD.assignee_id AND OLD.status_rank < 2;
                UPDATE members SET open_tickets = open_tickets + 1 WHERE id = NEW.assignee_id AND NEW.status_rank < 2;
                UPDATE members SET last_assigned_at = NEW.last_activity_at
                WHERE id = NEW.assignee_id AND OLD.assignee_id IS DISTINCT FROM NEW.assignee_id;
                RETURN NEW;
            ELSE
                IF OLD.assignee_id IS NOT NULL AND OLD.status_rank < 2 THEN
                    UPDATE members SET open_tickets = open_tickets - 1 WHERE id = OLD.assignee_id;
                END IF;
                RETURN OLD;
            END IF;
        END $$
        """,
        "CREATE TRIGGER tickets_open_count_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_open_count()",
        """
        CREATE TRIGGER tickets_open_count_update AFTER UPDATE OF assignee_id, status_rank ON tickets
            FOR EACH ROW EXECUTE FUNCTION tickets_open_count()
        """,
        "CREATE TRIGGER tickets_open_count_delete AFTER DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_open_count()",
        // How long the customer has waited (SQLite's v11): a new ticket may join a conversation
        // whose customer already waits; resolving ends the wait; reopening waits again when the
        // customer wrote since the resolve and nobody answered.
        """
        CREATE FUNCTION tickets_wait() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.status_rank < 2 THEN
                    NEW.waiting_since := \(waitStart(of: "NEW"));
                END IF;
            ELSIF NEW.status_rank = 2 THEN
                NEW.waiting_since := NULL;
            ELSIF OLD.status_rank = 2 AND NEW.status_rank < 2 THEN
                NEW.waiting_since := \(waitStart(of: "NEW"));
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER tickets_wait_on_insert BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_wait()",
        """
        CREATE TRIGGER tickets_wait_on_status BEFORE UPDATE OF status_rank ON tickets
            FOR EACH ROW EXECUTE FUNCTION tickets_wait()
        """,
        // A customer message starts the wait on the conversation's unresolved tickets not yet
        // waiting; an operator's message answers, so nobody there waits any more.
        """
        CREATE FUNCTION entries_wait() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.kind = 'message' AND NEW.author_kind = 'customer' THEN
                UPDATE tickets SET waiting_since = NEW.at
                WHERE conversation_id = NEW.conversation_id AND status_rank < 2 AND waiting_since IS NULL;
            ELSIF NEW.kind = 'message' AND NEW.author_kind = 'operator' THEN
                UPDATE tickets SET waiting_since = NULL
                WHERE conversation_id = NEW.conversation_id AND waiting_since IS NOT NULL;
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER entries_wait AFTER INSERT ON entries FOR EACH ROW EXECUTE FUNCTION entries_wait()",
        // Instance-wide keys (visitor token signing), shared by every instance on one database.
        "CREATE TABLE secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL)",
        // Side effects that leave the process, written in the transaction that caused them.
        """
        CREATE TABLE outbox (
            id BIGSERIAL PRIMARY KEY,
            team_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            entry_id BIGINT REFERENCES entries(id),
            state TEXT NOT NULL DEFAULT 'queued',
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            lease_until BIGINT,
            claimed_by TEXT
        )
        """,
        "CREATE INDEX outbox_due ON outbox(state, next_attempt_at)",
        "CREATE INDEX outbox_by_team ON outbox(team_id, kind, state, sent_at)",
        "CREATE INDEX outbox_by_entry ON outbox(entry_id) WHERE entry_id IS NOT NULL",
        // Each change of a message's delivery state, in order: what live feeds send on.
        """
        CREATE TABLE delivery_changes (
            id BIGSERIAL PRIMARY KEY,
            team_id TEXT NOT NULL,
            entry_id BIGINT NOT NULL REFERENCES entries(id),
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX delivery_changes_by_team ON delivery_changes(team_id, id)",
        // Titles are unique in a team ignoring ASCII case, as the list is ordered.
        """
        CREATE TABLE canned_replies (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX canned_replies_by_title ON canned_replies(team_id, lower(title))",
        // Files live in the database, so every instance serves every file.
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            ticket_id BIGINT REFERENCES tickets(id),
            uploader_kind TEXT NOT NULL,
            uploader_id TEXT,
            entry_id BIGINT REFERENCES entries(id),
            position INTEGER,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            data BYTEA NOT NULL
        )
        """,
        "CREATE INDEX attachments_by_entry ON attachments(entry_id, position) WHERE entry_id IS NOT NULL",
        """
        CREATE INDEX attachments_unsent ON attachments(conversation_id, uploader_kind, uploader_id)
            WHERE entry_id IS NULL
        """,
        "CREATE INDEX attachments_unsent_by_age ON attachments(created_at) WHERE entry_id IS NULL",
        // Provider events already taken, by the provider's id: a webhook delivered twice stores one message.
        """
        CREATE TABLE channel_events (
            channel_id TEXT NOT NULL REFERENCES channels(id),
            event_id TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (channel_id, event_id)
        )
        """,
        "CREATE INDEX channel_events_by_age ON channel_events(received_at)",
        // The provider's ids of a sent message (one per part of a long one): receipts name them.
        """
        CREATE TABLE provider_messages (
            channel_id TEXT NOT NULL REFERENCES channels(id),
            provider_id TEXT NOT NULL,
            outbox_id BIGINT NOT NULL REFERENCES outbox(id),
            PRIMARY KEY (channel_id, provider_id)
        )
        """,
    ]
}
