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
        migrator.registerMigration("v9: attachments") { db in
            try db.execute(sql: attachments)
        }
        migrator.registerMigration("v10: where a web visitor started the chat") { db in
            try db.execute(
                sql: """
                    ALTER TABLE conversations ADD COLUMN visitor_page TEXT;
                    ALTER TABLE conversations ADD COLUMN visitor_browser TEXT;
                    ALTER TABLE conversations ADD COLUMN visitor_language TEXT;
                    """)
        }
        migrator.registerMigration("v11: how long the customer has waited") { db in
            try db.execute(sql: waitingSince)
        }
        migrator.registerMigration("v12: outbox claims with leases, delivery changes") { db in
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
                    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                    -- each change of a message's delivery state, in order: what live feeds send on
                    CREATE TABLE delivery_changes (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team_id TEXT NOT NULL,
                        entry_id INTEGER NOT NULL REFERENCES entries(id),
                        at INTEGER NOT NULL
                    );
                    CREATE INDEX delivery_changes_by_team ON delivery_changes(team_id, id);
                    """)
        }
        migrator.registerMigration("v13: telegram") { db in
            try db.execute(sql: telegram)
        }
        migrator.registerMigration("v14: whatsapp") { db in
            try db.execute(sql: whatsapp)
        }
        migrator.registerMigration("v15: copilot settings") { db in
            // The team's copilot configuration as one JSON document (mode, endpoint, sealed API key,
            // timeout); NULL is the default, the built-in interpreter. A column, not a table: there
            // is exactly one per team, read with the team's other settings.
            try db.execute(sql: "ALTER TABLE teams ADD COLUMN copilot TEXT")
        }
        migrator.registerMigration("v16: email") { db in
            try db.execute(
                sql: """
                    -- the Message-ID of a mail a customer sent: their later mails name it in References
                    ALTER TABLE entries ADD COLUMN message_id TEXT;
                    CREATE INDEX entries_by_message_id ON entries(team_id, message_id) WHERE message_id IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v17: conversations held by a member") { db in
            // Removing a member hands the chats they hold back to the AI; without this, that read every conversation.
            try db.execute(
                sql: """
                    CREATE INDEX conversations_by_speaker_member ON conversations(speaker_member_id)
                    WHERE speaker_member_id IS NOT NULL
                    """)
        }
        migrator.registerMigration("v18: tags") { db in
            try db.execute(sql: tags)
        }
        migrator.registerMigration("v19: business calendar and SLA policy") { db in
            // The calendar supersedes the single range of business_hours_*; NULL means a team never
            // set one, and its calendar is what those columns describe. A NULL policy has no targets.
            try db.execute(
                sql: """
                    ALTER TABLE teams ADD COLUMN calendar_json TEXT;
                    ALTER TABLE teams ADD COLUMN sla_json TEXT;
                    """)
        }
        migrator.registerMigration("v20: ticket merges") { db in
            try db.execute(sql: ticketMerges)
        }
        migrator.registerMigration("v21: audit log") { db in
            // Configuration changes, newest first per team: the page walks (team_id, id) backwards, and
            // each filter the page offers has an index of its own that is in the same order.
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team_id TEXT NOT NULL REFERENCES teams(id),
                        at INTEGER NOT NULL,
                        actor_kind TEXT NOT NULL,
                        actor_id TEXT,
                        actor_name TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject_type TEXT NOT NULL,
                        subject_id TEXT NOT NULL,
                        subject_name TEXT,
                        before_json TEXT,
                        after_json TEXT
                    );
                    CREATE INDEX audit_log_by_team ON audit_log(team_id, id DESC);
                    CREATE INDEX audit_log_by_action ON audit_log(team_id, action, id DESC);
                    CREATE INDEX audit_log_by_actor ON audit_log(team_id, actor_id, id DESC);
                    CREATE INDEX audit_log_by_subject_type ON audit_log(team_id, subject_type, id DESC);
                    """)
        }
        migrator.registerMigration("v22: satisfaction ratings") { db in
            try db.execute(sql: satisfactionRatings)
        }
        migrator.registerMigration("v23: outbound webhooks") { db in
            try db.execute(sql: webhooks)
        }
        migrator.registerMigration("v24: tag suggestions") { db in
            // Tags suggested at handoff, each kept after it is decided so the team's counts say how
            // good the suggestions are: state is pending, accepted or rejected. The team index serves
            // the counts; a ticket's own are found by its unique key.
            try db.execute(
                sql: """
                    CREATE TABLE tag_suggestions (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team_id TEXT NOT NULL REFERENCES teams(id),
                        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
                        name TEXT NOT NULL,
                        state TEXT NOT NULL,
                        suggested_at INTEGER NOT NULL,
                        decided_at INTEGER,
                        decided_by TEXT,
                        UNIQUE (ticket_id, name)
                    );
                    CREATE INDEX tag_suggestions_by_team ON tag_suggestions(team_id, state);
                    """)
        }
        migrator.registerMigration("v25: tracked SLA clocks") { db in
            try db.execute(sql: slaTracking)
        }
        migrator.registerMigration("v26: conversations by start") { db in
            // A report reads the conversations that started in its period along this index, not every
            // conversation of the team; the team's other reads use its first column as before.
            try db.execute(
                sql: """
                    CREATE INDEX conversations_by_team_start ON conversations(team_id, created_at);
                    DROP INDEX conversations_by_team;
                    """)
        }
        return migrator
    }

    /// A ticket's SLA clocks as last computed (`SLATracked`), so inbox pages sort by due time and
    /// filter by breach along an index: `sla_due_at`, `sla_breached`, `sla_check_at` (when a warning or
    /// breach is next owed to the timeline) and `sla_announced` (those already written). Every change
    /// that can move the clocks bumps `sla_version` in its own transaction (the triggers below, and a
    /// change of the team's policy or calendar); the values are current while `sla_computed` equals
    /// it, and a computation is saved only if the version is still the one it read. Resolving stops
    /// the clocks at once: nothing of a resolved ticket is due.
    private static let slaTracking = """
        ALTER TABLE tickets ADD COLUMN sla_version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE tickets ADD COLUMN sla_computed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;
        ALTER TABLE tickets ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tickets ADD COLUMN sla_check_at INTEGER;
        ALTER TABLE tickets ADD COLUMN sla_announced INTEGER NOT NULL DEFAULT 0;
        UPDATE tickets SET sla_computed = sla_version WHERE status_rank = 2;
        CREATE INDEX tickets_sla_stale ON tickets(team_id, id) WHERE sla_version != sla_computed;
        CREATE INDEX tickets_sla_checks ON tickets(sla_check_at) WHERE sla_check_at IS NOT NULL;
        CREATE INDEX tickets_by_due ON tickets(team_id, sla_due_at, id) WHERE sla_due_at IS NOT NULL;
        CREATE INDEX tickets_by_assignee_due ON tickets(team_id, assignee_id, sla_due_at, id)
            WHERE sla_due_at IS NOT NULL;

        CREATE TRIGGER tickets_sla_moves AFTER UPDATE OF status, priority ON tickets
        WHEN OLD.status IS NOT NEW.status OR OLD.priority IS NOT NEW.priority
        BEGIN
            UPDATE tickets SET sla_version = sla_version + 1 WHERE id = NEW.id AND NEW.status_rank < 2;
            UPDATE tickets SET sla_version = sla_version + 1, sla_computed = sla_version + 1, sla_due_at = NULL,
                sla_check_at = NULL
            WHERE id = NEW.id AND NEW.status_rank = 2;
        END;
        -- An operator's reply may stop a first-response clock.
        CREATE TRIGGER entries_operator_moves_sla AFTER INSERT ON entries
        WHEN NEW.kind = 'message' AND NEW.author_kind = 'operator'
        BEGIN
            UPDATE tickets SET sla_version = sla_version + 1
            WHERE conversation_id = NEW.conversation_id AND status_rank < 2;
        END;
        """

    /// Whether and how the team asks for ratings (`teams.csat_json`, NULL: never set, off), and
    /// the ratings: one per ticket, the answer's channel, and when it came.
    private static let satisfactionRatings = """
        ALTER TABLE teams ADD COLUMN csat_json TEXT;
        CREATE TABLE csat_ratings (
            ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
            team_id TEXT NOT NULL REFERENCES teams(id),
            rating INTEGER NOT NULL,
            comment TEXT,
            channel TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        """

    /// A ticket merged into another: `tickets.merged_into` holds the target's
    /// number while the merge stands (the ticket's representation shows it), and
    /// a `ticket_merges` row records the merge for its undo: the source's status
    /// before, and when it was undone. The target's timeline shows the entries of
    /// the sources merged into it, found by `ticket_merges_standing`.
    private static let ticketMerges = """
        ALTER TABLE tickets ADD COLUMN merged_into INTEGER;
        CREATE TABLE ticket_merges (
            id INTEGER PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            source_id INTEGER NOT NULL REFERENCES tickets(id),
            target_id INTEGER NOT NULL REFERENCES tickets(id),
            merged_at INTEGER NOT NULL,
            merged_by TEXT,
            previous_status TEXT NOT NULL,
            undone_at INTEGER
        );
        CREATE INDEX ticket_merges_by_source ON ticket_merges(source_id, id);
        CREATE INDEX ticket_merges_standing ON ticket_merges(target_id, source_id) WHERE undone_at IS NULL;
        """

    /// A team's tags and the tickets that carry them. A tag is named by its
    /// stored form (`TicketTag.key`: lower case), so names compare with plain
    /// equality here and in PostgreSQL alike; a ticket's tags are rows keyed by
    /// the ticket (its chips, in name order), and found by tag for the inbox
    /// filter and for deleting a tag.
    /// Outbound webhooks. A delivery's state, attempts and next attempt are its
    /// outbox entry's (kind `webhook`); its row keeps what only a webhook has: the
    /// body, signed afresh at each attempt, and what the receiver last answered.
    /// The secret is sealed like other secrets. `teams.webhooks_allow_private`
    /// lets a team's webhooks reach private addresses (owners set it).
    private static let webhooks = """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            active INTEGER NOT NULL,
            description TEXT,
            secret TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX webhooks_by_team ON webhooks(team_id, created_at);
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
            outbox_id INTEGER NOT NULL UNIQUE,
            event TEXT NOT NULL,
            body TEXT NOT NULL,
            response_status INTEGER,
            response_body TEXT,
            last_attempt_at INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at);
        ALTER TABLE teams ADD COLUMN webhooks_allow_private INTEGER NOT NULL DEFAULT 0;
        """

    private static let tags = """
        CREATE TABLE tags (
            team_id TEXT NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            color TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (team_id, name)
        );
        CREATE TABLE ticket_tags (
            ticket_id INTEGER NOT NULL REFERENCES tickets(id),
            team_id TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (ticket_id, name),
            FOREIGN KEY (team_id, name) REFERENCES tags(team_id, name)
        );
        CREATE INDEX ticket_tags_by_tag ON ticket_tags(team_id, name, ticket_id);
        """

    /// Files live in the database, so every instance serves every file. An
    /// upload belongs to its uploader until a message or note carries it
    /// (`entry_id`); unsent uploads older than a day are purged.
    private static let attachments = """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            -- the ticket a member uploaded it on; NULL for the customer's uploads
            ticket_id INTEGER REFERENCES tickets(id),
            -- 'member' (uploader_id is the member) or 'customer' (the conversation's customer)
            uploader_kind TEXT NOT NULL,
            uploader_id TEXT,
            -- the timeline entry that carries it, and its place among that entry's files; NULL while unsent
            entry_id INTEGER REFERENCES entries(id),
            position INTEGER,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            -- last, so that reading the columns above never reads the file's pages
            data BLOB NOT NULL
        );
        CREATE INDEX attachments_by_entry ON attachments(entry_id, position) WHERE entry_id IS NOT NULL;
        CREATE INDEX attachments_unsent ON attachments(conversation_id, uploader_kind, uploader_id)
            WHERE entry_id IS NULL;
        CREATE INDEX attachments_unsent_by_age ON attachments(created_at) WHERE entry_id IS NULL;
        """

    /// When the customer of `ticket` (a table name or `NEW`) started waiting for
    /// a person: the time of their first message, in the ticket's conversation,
    /// after the last operator message there and after the ticket was last
    /// resolved. NULL when there is none. For unresolved tickets only: a
    /// resolved ticket never waits.
    ///
    /// This is the rule `tickets.waiting_since` follows. The migration fills the
    /// column with it; from then on the triggers keep it, step by step, equal to it.
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

    /// How long the customer has waited, stored on the ticket so the inbox can
    /// be walked in that order: the customer waits from their first unanswered
    /// message until an operator answers (an AI reply, a note or an event does
    /// not) or the ticket is resolved. Kept by triggers in the transaction that
    /// wrote the message or changed the ticket, so every writer (the store, the
    /// benchmark's bulk load) keeps it alike.
    private static let waitingSince = """
        ALTER TABLE tickets ADD COLUMN waiting_since INTEGER;
        UPDATE tickets SET waiting_since = \(waitStart(of: "tickets")) WHERE status_rank < 2;

        -- The waiting part of a waiting sort: unresolved tickets whose customer waits, longest wait first.
        CREATE INDEX tickets_waiting ON tickets(team_id, waiting_since, id) WHERE waiting_since IS NOT NULL;
        CREATE INDEX tickets_waiting_by_assignee ON tickets(team_id, assignee_id, waiting_since, id)
            WHERE waiting_since IS NOT NULL;
        -- The rest of a waiting sort, among unresolved tickets: those nobody waits on, in inbox order.
        -- (Without them, the rest would walk past every waiting ticket of the view to find none.)
        -- "!= 2", not "< 2": a query must repeat the condition, and a range on status_rank would
        -- make the planner walk the range instead of the one status, then sort.
        CREATE INDEX tickets_answered_by_status ON tickets(team_id, status_rank, last_activity_at, id)
            WHERE status_rank != 2 AND waiting_since IS NULL;
        CREATE INDEX tickets_answered_by_assignee ON tickets(team_id, assignee_id, last_activity_at, id)
            WHERE status_rank < 2 AND waiting_since IS NULL;

        -- A new ticket may join a conversation whose customer already waits (the message came first).
        CREATE TRIGGER tickets_wait_on_insert AFTER INSERT ON tickets
        WHEN NEW.status_rank < 2
        BEGIN
            UPDATE tickets SET waiting_since = \(waitStart(of: "NEW")) WHERE id = NEW.id;
        END;
        -- A customer message starts the wait on the conversation's unresolved tickets not yet waiting.
        CREATE TRIGGER entries_customer_waits AFTER INSERT ON entries
        WHEN NEW.kind = 'message' AND NEW.author_kind = 'customer'
        BEGIN
            UPDATE tickets SET waiting_since = NEW.at
            WHERE conversation_id = NEW.conversation_id AND status_rank < 2 AND waiting_since IS NULL;
        END;
        -- An operator's message answers: nobody on the conversation waits any more.
        CREATE TRIGGER entries_operator_answers AFTER INSERT ON entries
        WHEN NEW.kind = 'message' AND NEW.author_kind = 'operator'
        BEGIN
            UPDATE tickets SET waiting_since = NULL
            WHERE conversation_id = NEW.conversation_id AND waiting_since IS NOT NULL;
        END;
        -- Resolving ends the wait.
        CREATE TRIGGER tickets_resolved_ends_wait AFTER UPDATE OF status_rank ON tickets
        WHEN NEW.status_rank = 2 AND NEW.waiting_since IS NOT NULL
        BEGIN
            UPDATE tickets SET waiting_since = NULL WHERE id = NEW.id;
        END;
        -- Reopening: the customer waits again if they wrote since the resolve and nobody answered.
        CREATE TRIGGER tickets_reopened_waits AFTER UPDATE OF status_rank ON tickets
        WHEN OLD.status_rank = 2 AND NEW.status_rank < 2
        BEGIN
            UPDATE tickets SET waiting_since = \(waitStart(of: "NEW")) WHERE id = NEW.id;
        END;
        """

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

    /// WhatsApp: the customer-service window and the provider's delivery receipts.
    private static let whatsapp = """
        -- when the customer last wrote: WhatsApp takes free text only within 24 hours of it
        ALTER TABLE conversations ADD COLUMN last_customer_message_at INTEGER;
        UPDATE conversations SET last_customer_message_at = (
            SELECT max(at) FROM entries
            WHERE entries.conversation_id = conversations.id AND kind = 'message' AND author_kind = 'customer');
        -- the provider's ids of a sent message (one per part of a long one): receipts (delivered,
        -- read, failed) name them
        CREATE TABLE provider_messages (
            channel_id TEXT NOT NULL REFERENCES channels(id),
            provider_id TEXT NOT NULL,
            outbox_id INTEGER NOT NULL REFERENCES outbox(id),
            PRIMARY KEY (channel_id, provider_id)
        ) WITHOUT ROWID;
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
