import GRDB

/// The versioned schema of the embedded store. Migrations only ever append:
/// a released migration is never edited.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: teams, members, sessions, agents, conversations, tickets, entries") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: agent configuration, channels, conversation state, secrets, outbox") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3: live feed index") { db in
            try db.execute(sql: "CREATE INDEX entries_by_team ON entries(team_id, id)")
        }
        migrator.registerMigration("v4: expired sessions are purged") { db in
            try db.execute(sql: "CREATE INDEX sessions_by_expiry ON sessions(expires_at)")
        }
        migrator.registerMigration("v5: removed members") { db in
            // A removed member's row stays, so timelines keep their name; every
            // query about current members skips it.
            try db.execute(sql: "ALTER TABLE members ADD COLUMN removed_at INTEGER")
        }
        migrator.registerMigration("v6: owners' notification digests") { db in
            // When an entry was delivered: the next owners' digest waits out the minimum interval after it.
            // The index finds a team's queued digest and its last sent one inside the escalation.
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
                    CREATE INDEX outbox_by_team ON outbox(team_id, kind, state, sent_at);
                    """)
        }
        migrator.registerMigration("v7: canned replies") { db in
            try db.execute(sql: cannedReplies)
        }
        migrator.registerMigration("v8: a requester's other tickets") { db in
            try db.execute(
                sql: """
                    CREATE INDEX tickets_by_requester_email
                    ON tickets(team_id, requester_email COLLATE NOCASE, last_activity_at)
                    WHERE requester_email IS NOT NULL AND requester_email != ''
                    """)
        }
        migrator.registerMigration("v10: where a web visitor started the chat") { db in
            try db.execute(
                sql: """
                    ALTER TABLE conversations ADD COLUMN visitor_page TEXT;
                    ALTER TABLE conversations ADD COLUMN visitor_browser TEXT;
                    ALTER TABLE conversations ADD COLUMN visitor_language TEXT;
                    """)
        }
        migrator.registerMigration("v12: outbox claims with leases") { db in
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
                    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                    """)
        }
        migrator.registerMigration("v13: telegram") { db in
            try db.execute(sql: telegram)
        }
        return migrator
    }

    /// Chat channels reached from outside (Telegram now, WhatsApp next).
    private static let telegram = """
        -- the customer's address on the channel (a Telegram chat id): one conversation per chat and channel
        ALTER TABLE conversations ADD COLUMN external_id TEXT;
        CREATE UNIQUE INDEX conversations_by_external_id ON conversations(channel_id, external_id)
            WHERE external_id IS NOT NULL;
        -- the newest customer message the AI has yet to answer (answered off the request path, so a
        -- restart finds what was left)
        ALTER TABLE conversations ADD COLUMN awaiting_answer INTEGER;
        CREATE INDEX conversations_awaiting_answer ON conversations(awaiting_answer)
            WHERE awaiting_answer IS NOT NULL;
        -- updates already taken, by the provider's id: a webhook delivered twice stores one message
        CREATE TABLE channel_events (
            channel_id TEXT NOT NULL REFERENCES channels(id),
            event_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY (channel_id, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX channel_events_by_age ON channel_events(received_at);
        -- long polling: the next getUpdates offset, so a restart does not fetch what was taken
        ALTER TABLE channels ADD COLUMN poll_offset INTEGER;
        """

    /// Titles are unique in a team ignoring ASCII case, as the list is ordered.
    private static let cannedReplies = """
        CREATE TABLE canned_replies (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX canned_replies_by_title ON canned_replies(team_id, title COLLATE NOCASE);
        """

    private static let v2 = """
        -- config holds the agent as JSON: instructions, brain, faq, supportHandover
        ALTER TABLE agents ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE agents ADD COLUMN deleted_at INTEGER;

        CREATE TABLE channels (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            agent_id TEXT NOT NULL REFERENCES agents(id),
            kind TEXT NOT NULL,
            config TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            deleted_at INTEGER
        );
        CREATE INDEX channels_by_team ON channels(team_id);

        ALTER TABLE conversations ADD COLUMN channel_id TEXT REFERENCES channels(id);
        ALTER TABLE conversations ADD COLUMN ai_misses INTEGER NOT NULL DEFAULT 0;

        -- instance-wide keys (visitor token signing), shared by every instance on one database
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );

        -- side effects that leave the process, written in the transaction that caused them
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            entry_id INTEGER REFERENCES entries(id),
            state TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        """

    /// Times are integer microseconds since 1970 (UTC); booleans are 0/1.
    private static let v1 = """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            plan TEXT NOT NULL,
            next_ticket_number INTEGER NOT NULL DEFAULT 10001,
            created_at INTEGER NOT NULL,
            business_hours_enabled INTEGER NOT NULL DEFAULT 0,
            business_hours_start TEXT NOT NULL DEFAULT '09:00',
            business_hours_end TEXT NOT NULL DEFAULT '17:00',
            business_hours_time_zone TEXT NOT NULL DEFAULT 'UTC',
            email_notifications INTEGER NOT NULL DEFAULT 0,
            assignment TEXT NOT NULL DEFAULT 'balanced',
            support_inbox_enabled INTEGER NOT NULL DEFAULT 0,
            support_inbox_address TEXT,
            rotation_cursor INTEGER
        );

        CREATE TABLE members (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            display_name TEXT NOT NULL,
            sending_email TEXT,
            signature TEXT,
            availability TEXT NOT NULL DEFAULT 'offline',
            -- kept in step with tickets by the triggers below, in the same transaction
            open_tickets INTEGER NOT NULL DEFAULT 0,
            last_assigned_at INTEGER,
            rotation_position INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX members_by_team ON members(team_id, rotation_position);

        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX sessions_by_member ON sessions(member_id);

        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            config TEXT NOT NULL DEFAULT '{}',
            created_at INTEGER NOT NULL
        );
        CREATE INDEX agents_by_team ON agents(team_id);

        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            agent_id TEXT REFERENCES agents(id),
            channel TEXT NOT NULL,
            requester_name TEXT NOT NULL,
            requester_email TEXT,
            requester_phone TEXT,
            requester_handle TEXT,
            -- who may speak: 'ai', 'operator' (speaker_member_id) or 'nobody'
            speaker TEXT NOT NULL DEFAULT 'ai',
            speaker_member_id TEXT REFERENCES members(id),
            created_at INTEGER NOT NULL,
            last_message_at INTEGER NOT NULL
        );
        CREATE INDEX conversations_by_team ON conversations(team_id);

        CREATE TABLE tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team_id TEXT NOT NULL REFERENCES teams(id),
            number INTEGER NOT NULL,
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
            created_at INTEGER NOT NULL,
            last_activity_at INTEGER NOT NULL,
            resolved_at INTEGER,
            UNIQUE (team_id, number)
        );
        -- views all and resolved: one index range per status, already in inbox order
        CREATE INDEX tickets_by_status ON tickets(team_id, status_rank, last_activity_at, id);
        -- views mine and unassigned
        CREATE INDEX tickets_unresolved_by_assignee ON tickets(team_id, assignee_id, last_activity_at, id)
            WHERE status_rank < 2;
        CREATE INDEX tickets_by_conversation ON tickets(conversation_id, status_rank);

        CREATE TRIGGER tickets_open_count_insert AFTER INSERT ON tickets
        WHEN NEW.assignee_id IS NOT NULL AND NEW.status_rank < 2
        BEGIN
            UPDATE members SET open_tickets = open_tickets + 1, last_assigned_at = NEW.last_activity_at
            WHERE id = NEW.assignee_id;
        END;
        CREATE TRIGGER tickets_open_count_update AFTER UPDATE OF assignee_id, status_rank ON tickets
        BEGIN
            UPDATE members SET open_tickets = open_tickets - 1
            WHERE id = OLD.assignee_id AND OLD.status_rank < 2;
            UPDATE members SET open_tickets = open_tickets + 1
            WHERE id = NEW.assignee_id AND NEW.status_rank < 2;
            UPDATE members SET last_assigned_at = NEW.last_activity_at
            WHERE id = NEW.assignee_id AND OLD.assignee_id IS NOT NEW.assignee_id;
        END;
        CREATE TRIGGER tickets_open_count_delete AFTER DELETE ON tickets
        WHEN OLD.assignee_id IS NOT NULL AND OLD.status_rank < 2
        BEGIN
            UPDATE members SET open_tickets = open_tickets - 1 WHERE id = OLD.assignee_id;
        END;

        -- one stream for the timeline: messages (per conversation), notes and events (per ticket)
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            ticket_id INTEGER REFERENCES tickets(id),
            kind TEXT NOT NULL,
            at INTEGER NOT NULL,
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
            delivery_error TEXT
        );
        CREATE INDEX entries_by_conversation ON entries(conversation_id, id);

        CREATE VIRTUAL TABLE ticket_search USING fts5(
            subject, requester, tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE message_search USING fts5(
            body, conversation_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
        """
}
