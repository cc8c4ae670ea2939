import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Agents and channels

extension PostgresStore {
    func agent(row: Row) throws -> Agent {
        try StoredConfiguration.agent(
            id: try row["id"], teamID: try row["team_id"], name: try row["name"], config: try row["config"],
            createdAt: try row.time("created_at"), updatedAt: try row.time("updated_at"), secrets: secrets,
            decoded: decoded)
    }

    func agent(_ db: PostgresTransaction, id: String, teamID: String) async throws -> Agent? {
        try await db.row("SELECT * FROM agents WHERE id = \(id) AND team_id = \(teamID) AND deleted_at IS NULL")
            .map(agent(row:))
    }

    public func saveAgent(_ agent: Agent, audit: AuditTrail<Void>) async throws {
        let config = try StoredConfiguration.agentConfig(agent, secrets: secrets)
        try await write { db in
            let saved = try await db.count(
                """
                INSERT INTO agents (id, team_id, name, config, created_at, updated_at)
                VALUES (\(agent.id), \(agent.teamID), \(agent.name), \(config), \(agent.createdAt.microseconds),
                    \(agent.updatedAt.microseconds))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config,
                    updated_at = excluded.updated_at
                WHERE agents.team_id = excluded.team_id
                RETURNING id
                """)
            guard saved > 0 else { return }
            db.topics.insert(.teamSetup(agent.teamID))
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func agents(teamID: String) async throws -> [Agent] {
        try await read { db in
            try await db.rows(
                """
                SELECT * FROM agents WHERE team_id = \(teamID) AND deleted_at IS NULL
                ORDER BY created_at, id COLLATE "C"
                """
            ).map(self.agent(row:))
        }
    }

    public func agent(id: String, teamID: String) async throws -> Agent? {
        try await read { db in try await self.agent(db, id: id, teamID: teamID) }
    }

    public func deleteAgent(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            let channels = try await db.count(
                """
                UPDATE channels SET deleted_at = \(now.microseconds)
                WHERE agent_id = \(id) AND team_id = \(teamID) AND deleted_at IS NULL RETURNING id
                """)
            let agents = try await db.count(
                """
                UPDATE agents SET deleted_at = \(now.microseconds)
                WHERE id = \(id) AND team_id = \(teamID) AND deleted_at IS NULL RETURNING id
                """)
            if channels + agents > 0 { db.topics.insert(.teamSetup(teamID)) }
            guard agents > 0 else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    func channel(row: Row) throws -> ChannelConnection {
        let kind: HelpDeskCore.Channel = try stored(try row["kind"], column: "channels.kind")
        return ChannelConnection(
            id: try row["id"], teamID: try row["team_id"], agentID: try row["agent_id"], kind: kind,
            configuration: try StoredConfiguration.channelConfiguration(
                kind: kind, config: try row["config"], secrets: secrets, decoded: decoded),
            createdAt: try row.time("created_at"))
    }

    public func updateChannel(
        id: String, teamID: String, configuration: ChannelConfiguration, audit: AuditTrail<ChannelConnection>
    ) async throws -> ChannelConnection? {
        let config = try StoredConfiguration.channelConfig(configuration, secrets: secrets)
        return try await write { db in
            guard
                let row = try await db.row(
                    """
                    UPDATE channels SET config = \(config)
                    WHERE id = \(id) AND team_id = \(teamID) AND deleted_at IS NULL RETURNING *
                    """)
            else { return nil }
            db.topics.insert(.teamSetup(teamID))
            let channel = try self.channel(row: row)
            try await Self.insertAudit(db, audit.records(for: channel))
            return channel
        }
    }

    public func createChannel(_ channel: ChannelConnection, audit: AuditTrail<Void>) async throws {
        let config = try StoredConfiguration.channelConfig(channel.configuration, secrets: secrets)
        try await write { db in
            guard try await self.agent(db, id: channel.agentID, teamID: channel.teamID) != nil else {
                throw HelpDeskError.invalid("agentId", "no agent with id \"\(channel.agentID)\" in this team")
            }
            try await db.run(
                """
                INSERT INTO channels (id, team_id, agent_id, kind, config, created_at)
                VALUES (\(channel.id), \(channel.teamID), \(channel.agentID), \(channel.kind.rawValue), \(config),
                    \(channel.createdAt.microseconds))
                """)
            db.topics.insert(.teamSetup(channel.teamID))
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func channels(teamID: String) async throws -> [ChannelConnection] {
        try await read { db in
            try await db.rows(
                """
                SELECT * FROM channels WHERE team_id = \(teamID) AND deleted_at IS NULL
                ORDER BY created_at, id COLLATE "C"
                """
            ).map(self.channel(row:))
        }
    }

    public func channel(id: String) async throws -> ChannelConnection? {
        try await read { db in
            try await db.row("SELECT * FROM channels WHERE id = \(id) AND deleted_at IS NULL").map(self.channel(row:))
        }
    }

    public func deleteChannel(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws
        -> Bool
    {
        try await write { db in
            let deleted = try await db.count(
                """
                UPDATE channels SET deleted_at = \(now.microseconds)
                WHERE id = \(id) AND team_id = \(teamID) AND deleted_at IS NULL RETURNING id
                """)
            guard deleted > 0 else { return false }
            db.topics.insert(.teamSetup(teamID))
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }
}

// MARK: - Conversations

extension PostgresStore {
    static func conversation(_ db: PostgresTransaction, id: String, teamID: String) async throws -> Conversation? {
        guard
            let row = try await db.row(
                """
                SELECT c.*, m.display_name AS speaker_name FROM conversations c
                LEFT JOIN members m ON m.id = c.speaker_member_id
                WHERE c.id = \(id) AND c.team_id = \(teamID)
                """)
        else { return nil }
        let speaker: Speaker
        switch try row["speaker"] as String {
        case "operator":
            let memberID: String? = try row["speaker_member_id"]
            let name: String? = try row["speaker_name"]
            speaker = .operator(MemberRef(id: memberID ?? "", displayName: name ?? ""))
        case "nobody": speaker = .nobody
        case "ai": speaker = .ai
        case let other: throw UnknownStoredValue(column: "conversations.speaker", value: other)
        }
        return Conversation(
            id: try row["id"], teamID: try row["team_id"], agentID: try row["agent_id"],
            channelID: try row["channel_id"],
            channel: try stored(try row["channel"], column: "conversations.channel"),
            requester: Requester(
                name: try row["requester_name"], email: try row["requester_email"], phone: try row["requester_phone"],
                handle: try row["requester_handle"]),
            speaker: speaker, aiMisses: try row["ai_misses"], createdAt: try row.time("created_at"),
            lastMessageAt: try row.time("last_message_at"),
            visitor: VisitorContext(
                page: try row["visitor_page"], browser: try row["visitor_browser"],
                language: try row["visitor_language"]),
            lastCustomerMessageAt: try row.optionalTime("last_customer_message_at"))
    }

    public func startConversation(_ conversation: Conversation) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO conversations (id, team_id, agent_id, channel_id, channel, requester_name,
                    requester_email, requester_phone, requester_handle, speaker, created_at, last_message_at,
                    visitor_page, visitor_browser, visitor_language)
                VALUES (\(conversation.id), \(conversation.teamID), \(conversation.agentID), \(conversation.channelID),
                    \(conversation.channel.rawValue), \(conversation.requester.name), \(conversation.requester.email),
                    \(conversation.requester.phone), \(conversation.requester.handle), 'ai',
                    \(conversation.createdAt.microseconds), \(conversation.lastMessageAt.microseconds),
                    \(conversation.visitor.page), \(conversation.visitor.browser), \(conversation.visitor.language))
                """)
        }
    }

    public func updateRequester(conversationID: String, teamID: String, name: String, email: String?) async throws {
        try await write { db in
            try await db.run(
                """
                UPDATE conversations SET requester_name = \(name), requester_email = coalesce(\(email), requester_email)
                WHERE id = \(conversationID) AND team_id = \(teamID)
                """)
            let tickets = try await db.rows(
                """
                UPDATE tickets SET requester_name = \(name), requester_email = coalesce(\(email), requester_email)
                WHERE conversation_id = \(conversationID) AND team_id = \(teamID)
                RETURNING id, subject, requester_name, requester_email, requester_phone, requester_handle
                """)
            for row in tickets {
                let id: Int64 = try row["id"]
                let subject: String = try row["subject"]
                let requester = Requester(
                    name: try row["requester_name"], email: try row["requester_email"],
                    phone: try row["requester_phone"], handle: try row["requester_handle"])
                try await db.run(
                    """
                    UPDATE tickets SET search = setweight(array_to_tsvector(\(TextSearch.lexemes(subject))), 'A')
                        || setweight(array_to_tsvector(\(TextSearch.lexemes(TextSearch.requesterText(requester)))), 'B')
                    WHERE id = \(id)
                    """)
            }
        }
    }

    public func conversation(id: String, teamID: String) async throws -> Conversation? {
        try await read { db in try await Self.conversation(db, id: id, teamID: teamID) }
    }

    public func recentMessages(conversationID: String, teamID: String, limit: Int) async throws -> [TimelineEntry] {
        try await read { db in
            let newestFirst = try await db.rows(
                """
                SELECT \(unescaped: Self.entryColumns()) FROM entries
                WHERE conversation_id = \(conversationID) AND team_id = \(teamID) AND kind = 'message'
                ORDER BY id DESC LIMIT \(limit)
                """
            ).map(Self.entry(row:))
            return try await Self.withAttachments(db, newestFirst.reversed())
        }
    }

    public func messages(conversationID: String, teamID: String, after: Int64?, limit: Int?) async throws
        -> [TimelineEntry]
    {
        try await read { db in
            try await Self.withAttachments(
                db,
                try await db.rows(
                    """
                    SELECT \(unescaped: Self.entryColumns()) FROM entries
                    WHERE conversation_id = \(conversationID) AND team_id = \(teamID) AND kind = 'message'
                        AND id > \(after ?? 0)
                    ORDER BY id LIMIT \(limit)
                    """
                ).map(Self.entry(row:)))
        }
    }

    public func tickets(conversationID: String, teamID: String) async throws -> [Ticket] {
        try await read { db in
            try await db.rows(
                """
                \(unescaped: Self.ticketSelect) WHERE t.conversation_id = \(conversationID) AND t.team_id = \(teamID)
                ORDER BY t.id DESC
                """
            ).map(Self.ticket(row:))
        }
    }

    /// The newest ticket of a conversation.
    static func latestTicket(_ db: PostgresTransaction, conversationID: String, teamID: String) async throws
        -> Ticket?
    {
        try await db.row(
            """
            \(unescaped: ticketSelect) WHERE t.conversation_id = \(conversationID) AND t.team_id = \(teamID)
            ORDER BY t.id DESC LIMIT 1
            """
        ).map(ticket(row:))
    }

    static func touch(_ db: PostgresTransaction, ticket: Ticket, now: Timestamp) async throws {
        try await db.run(
            """
            UPDATE tickets SET last_activity_at = GREATEST(last_activity_at, \(now.microseconds)) WHERE id = \(ticket.id)
            """)
    }

    public func recordCustomerMessage(
        conversationID: String, teamID: String, body: String, attachmentIDs: [String], owesAnswer: Bool,
        now: Timestamp
    ) async throws -> CustomerMessageResult {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let conversation = try await Self.conversation(db, id: conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            let result = try await Self.insertCustomerMessage(
                db, conversation: conversation, body: body, attachmentIDs: attachmentIDs, now: now)
            if owesAnswer && conversation.speaker == .ai {
                try await db.run(
                    "UPDATE conversations SET awaiting_answer = \(result.entry.id) WHERE id = \(conversationID)")
            }
            return result
        }
    }

    /// Stores a customer's message on a conversation, reopening its resolved ticket as `LiveChat` says.
    static func insertCustomerMessage(
        _ db: PostgresTransaction, conversation: Conversation, body: String, attachmentIDs: [String] = [],
        now: Timestamp
    ) async throws -> CustomerMessageResult {
        let teamID = conversation.teamID
        let files = try await sendableAttachments(
            db, attachmentIDs, teamID: teamID, by: .customer, conversationID: conversation.id, ticketID: nil)
        // A merged ticket forwards: the message lands on the ticket it was merged into.
        let latest = try await forwarded(
            db, try await latestTicket(db, conversationID: conversation.id, teamID: teamID))
        var entry = try await insertMessage(
            db,
            NewMessage(
                teamID: teamID, conversationID: conversation.id,
                author: MessageAuthor(kind: .customer, name: conversation.requester.name),
                channel: conversation.channel, body: body), ticketID: latest?.id, now: now)
        try await attach(db, files, to: entry.id)
        entry.attachments = files
        try await db.run(
            "UPDATE conversations SET last_customer_message_at = \(now.microseconds) WHERE id = \(conversation.id)")
        var reopened: Ticket?
        if let (ticket, event) = LiveChat.customerWrote(latest: latest, at: now) {
            try await save(db, ticket)
            try await insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id, event, now: now)
            reopened = ticket
        } else if let latest {
            try await touch(db, ticket: latest, now: now)
        }
        return CustomerMessageResult(entry: entry, conversation: conversation, reopened: reopened)
    }

    public func recordAIMessage(
        conversationID: String, teamID: String, author: MessageAuthor, body: String, answered: Bool?, now: Timestamp
    ) async throws -> TimelineEntry? {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let conversation = try await Self.conversation(db, id: conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            // The decisive check: an operator may have taken over while the brain was thinking.
            guard conversation.speaker == .ai else { return nil }
            // A merged ticket forwards, as for the customer's messages.
            let latest = try await Self.forwarded(
                db, try await Self.latestTicket(db, conversationID: conversationID, teamID: teamID))
            let entry = try await Self.insertOutgoing(
                db, conversation: conversation, author: author, body: body, ticket: latest, now: now)
            if let answered {
                try await db.run(
                    """
                    UPDATE conversations SET ai_misses = \(answered ? 0 : conversation.aiMisses + 1)
                    WHERE id = \(conversationID)
                    """)
            }
            if let latest, latest.status != .resolved { try await Self.touch(db, ticket: latest, now: now) }
            return entry
        }
    }

    public func escalate(_ request: EscalationRequest, now: Timestamp) async throws -> EscalationResult {
        try await write { db in
            let teamID = request.teamID
            // Two escalations of one conversation (two instances, a double click) run one after the
            // other: the second finds the first's ticket and repeats on it.
            try await db.lockTeam(teamID)
            guard let conversation = try await Self.conversation(db, id: request.conversationID, teamID: teamID)
            else { throw HelpDeskError.notFound("no such conversation") }
            guard let team = try await Self.team(db, id: teamID) else { throw HelpDeskError.notFound("no such team") }
            var agent: Agent?
            if let agentID = conversation.agentID { agent = try await self.agent(db, id: agentID, teamID: teamID) }
            let settings = try await Self.settings(db, teamID: teamID)
            let customerMessages = try await db.values(
                String?.self,
                """
                SELECT body FROM entries
                WHERE conversation_id = \(conversation.id) AND kind = 'message' AND author_kind = 'customer' ORDER BY id
                """
            ).map { $0 ?? "" }
            let unresolved = try await Self.unresolvedTicket(db, conversation: conversation)
            let anyoneOnline =
                try await db.row(
                    """
                    SELECT 1 FROM members WHERE team_id = \(teamID) AND availability = 'online' AND removed_at IS NULL
                    LIMIT 1
                    """) != nil
            // Read only when they will be written to, as before plans: most teams leave notifications off.
            let ownerEmails =
                settings.emailNotifications
                ? try await db.values(
                    String.self,
                    """
                    SELECT email FROM members WHERE team_id = \(teamID) AND role = 'owner' AND removed_at IS NULL
                    ORDER BY rotation_position
                    """) : []
            let plan = try Escalation.plan(
                EscalationFacts(
                    reason: request.reason, modelSummary: request.modelSummary, plan: team.plan,
                    handover: agent?.supportHandover, requester: conversation.requester,
                    customerMessages: customerMessages.compactMap(request.substance),
                    unresolvedTicket: unresolved, anyoneOnline: anyoneOnline,
                    withinBusinessHours: settings.calendar.isOpen(at: now.date),
                    emailNotifications: settings.emailNotifications, ownerEmails: ownerEmails,
                    holidayAutoReply: settings.calendar.holiday(on: now.date)?.autoReply))

            switch plan {
            case .repeatOn(let open, let event):
                try await Self.insertEvent(
                    db, teamID: teamID, conversationID: open.conversationID, ticketID: open.id, event, now: now)
                try await Self.touch(db, ticket: open, now: now)
                return EscalationResult(
                    ticket: try await Self.ticket(db, teamID: teamID, number: open.number) ?? open, repeated: true,
                    notice: nil, noticeKind: nil)
            case .open(let new):
                // A plan to open a ticket is only made when the agent has a Support Handover.
                let agentRef = agent?.ref
                let ticket = try await Self.createTicket(
                    db,
                    NewTicket(
                        teamID: teamID, subject: new.subject, requester: conversation.requester,
                        priority: new.priority, channel: conversation.channel, agent: agentRef,
                        conversationID: conversation.id, detail: new.summary),
                    now: now)
                let entry = try await Self.insertOutgoing(
                    db, conversation: conversation,
                    author: MessageAuthor(kind: .system, id: agentRef?.id, name: agentRef?.name ?? ""),
                    body: new.notice.text, ticket: ticket, now: now)
                if !new.notifyOwners.isEmpty {
                    try await Self.notifyOwners(db, teamID: teamID, of: ticket, new, now: now)
                }
                try await Self.queueWebhooks(
                    db, teamID: teamID, type: .conversationEscalated, ticketID: ticket.id, now: now
                ) {
                    ticket, eventID in
                    try ticket.map {
                        try WebhookEventBody.ticketEvent(
                            .conversationEscalated, eventID: eventID, ticket: $0, event: nil, at: now
                        )
                        .json()
                    }
                }
                return EscalationResult(ticket: ticket, repeated: false, notice: entry, noticeKind: new.notice)
            }
        }
    }

    /// Adds the opened ticket to the team's queued owners' digest, or queues a
    /// new one, as `OwnerDigest.plan` decides; inside the escalation's
    /// transaction (which holds the team's lock), so two escalations never both start a digest.
    static func notifyOwners(
        _ db: PostgresTransaction, teamID: String, of ticket: Ticket, _ new: NewEscalatedTicket, now: Timestamp
    ) async throws {
        let kind = OutboxKind.notificationEmail.rawValue
        // The newest queued one: a row queued before digests listed no tickets and is left as it is.
        let queued = try await db.row(
            """
            SELECT id, payload FROM outbox WHERE team_id = \(teamID) AND kind = \(kind) AND state = 'queued'
            ORDER BY id DESC LIMIT 1
            """
        ).flatMap { row -> QueuedOwnerDigest? in
            OwnerDigest(storedPayload: try row["payload"]).map {
                QueuedOwnerDigest(outboxID: (try? row["id"]) ?? 0, digest: $0)
            }
        }
        let lastSentAt = try await db.value(
            Int64.self,
            "SELECT MAX(sent_at) FROM outbox WHERE team_id = \(teamID) AND kind = \(kind) AND state = 'sent'"
        ).map(Timestamp.init(microseconds:))
        switch new.ownerNotification(for: ticket, queued: queued, lastSentAt: lastSentAt, now: now) {
        case .append(let outboxID, let message):
            let payload = try StoredConfiguration.outboxPayload(message)
            try await db.run("UPDATE outbox SET payload = \(payload) WHERE id = \(outboxID) AND team_id = \(teamID)")
        case .enqueue(let message, let notBefore):
            try await enqueue(db, teamID: teamID, message, entryID: nil, notBefore: notBefore, now: now)
        case nil:
            break
        }
    }

    static func enqueue(
        _ db: PostgresTransaction, teamID: String, _ message: OutboxMessage, entryID: Int64?,
        notBefore: Timestamp? = nil, now: Timestamp
    ) async throws {
        let payload = try StoredConfiguration.outboxPayload(message)
        try await db.run(
            """
            INSERT INTO outbox (team_id, kind, payload, entry_id, next_attempt_at, created_at)
            VALUES (\(teamID), \(message.kind.rawValue), \(payload), \(entryID), \((notBefore ?? now).microseconds),
                \(now.microseconds))
            """)
    }

    static let outboxColumns = """
        id, team_id, entry_id, kind, payload, state, attempts, next_attempt_at, created_at, sent_at, last_error
        """

    static func outboxEntry(row: Row) throws -> OutboxEntry {
        OutboxEntry(
            id: try row["id"], kind: try stored(try row["kind"], column: "outbox.kind"),
            state: try stored(try row["state"], column: "outbox.state"), payload: try row["payload"],
            attempts: try row["attempts"], nextAttemptAt: try row.time("next_attempt_at"),
            createdAt: try row.time("created_at"), sentAt: try row.optionalTime("sent_at"),
            teamID: try row["team_id"], entryID: try row["entry_id"], lastError: try row["last_error"])
    }

    public func outbox(teamID: String) async throws -> [OutboxEntry] {
        try await read { db in
            try await db.rows(
                "SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE team_id = \(teamID) ORDER BY id"
            ).map(Self.outboxEntry(row:))
        }
    }

    public func markOutboxSent(id: Int64, teamID: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            try await db.count(
                """
                UPDATE outbox SET state = 'sent', sent_at = \(now.microseconds)
                WHERE id = \(id) AND team_id = \(teamID) AND state = 'queued' RETURNING id
                """) > 0
        }
    }

    /// Claims with `FOR UPDATE SKIP LOCKED`: workers on every instance claim at
    /// once, each skipping the rows another is claiming, so no entry is held by
    /// two. The lease is SQLite's: an entry whose claim's lease ended (its
    /// worker died) is claimable again, and the claim counts an attempt.
    public func claimOutbox(kinds: [OutboxKind], worker: String, now: Timestamp, leaseUntil: Timestamp, limit: Int)
        async throws -> [OutboxEntry]
    {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let kindList = kinds.map(\.rawValue)
        return try await write { db in
            try await db.rows(
                """
                UPDATE outbox SET state = 'sending', claimed_by = \(worker), lease_until = \(leaseUntil.microseconds),
                    attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE ((state = 'queued' AND next_attempt_at <= \(now.microseconds))
                        OR (state = 'sending' AND lease_until <= \(now.microseconds)))
                        AND kind = ANY(\(kindList)::text[])
                    ORDER BY next_attempt_at, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.outboxColumns)
                """
            ).map(Self.outboxEntry(row:)).sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
        }
    }

    public func finishOutbox(id: Int64, worker: String, result: OutboxResult, now: Timestamp) async throws -> Bool {
        try await write { db in
            let (state, nextAttempt, error): (OutboxState, Int64?, String?) =
                switch result {
                case .sent, .sentAs: (.sent, nil, nil)
                case .retry(let at, let reason): (.queued, at.microseconds, reason)
                case .failed(let reason): (.failed, nil, reason)
                }
            let finished = try await db.count(
                """
                UPDATE outbox SET state = \(state.rawValue), next_attempt_at = coalesce(\(nextAttempt), next_attempt_at),
                    last_error = \(error),
                    sent_at = CASE WHEN \(state.rawValue) = 'sent' THEN \(now.microseconds) ELSE sent_at END,
                    claimed_by = NULL, lease_until = NULL
                WHERE id = \(id) AND state = 'sending' AND claimed_by = \(worker)
                RETURNING id
                """)
            guard finished > 0 else { return false }
            if case .sentAs(let providerIDs) = result {
                for providerID in providerIDs {
                    try await db.run(
                        """
                        INSERT INTO provider_messages (channel_id, provider_id, outbox_id)
                        SELECT c.channel_id, \(providerID), o.id FROM outbox o
                        JOIN entries e ON e.id = o.entry_id JOIN conversations c ON c.id = e.conversation_id
                        WHERE o.id = \(id) AND c.channel_id IS NOT NULL
                        ON CONFLICT DO NOTHING
                        """)
                }
            }
            // The message's delivery state follows: sent, failed with the reason, or still queued
            // with the reason of the last failed attempt.
            let delivery: DeliveryState = state == .sent ? .sent : state == .failed ? .failed : .queued
            try await db.run(
                """
                UPDATE entries SET delivery_state = \(delivery.rawValue), delivery_error = \(error)
                WHERE id = (SELECT entry_id FROM outbox WHERE id = \(id))
                """)
            let teams = try await db.values(
                String.self,
                """
                INSERT INTO delivery_changes (team_id, entry_id, at)
                SELECT team_id, entry_id, \(now.microseconds) FROM outbox WHERE id = \(id) AND entry_id IS NOT NULL
                RETURNING team_id
                """)
            db.topics.formUnion(teams.map(ChangeTopic.team))
            return true
        }
    }

    public func retryDelivery(teamID: String, entryID: Int64, now: Timestamp) async throws -> Bool {
        try await write { db in
            let retried = try await db.count(
                """
                UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = \(now.microseconds), last_error = NULL
                WHERE team_id = \(teamID) AND entry_id = \(entryID) AND state = 'failed' RETURNING id
                """)
            guard retried > 0 else { return false }
            try await db.run(
                """
                UPDATE entries SET delivery_state = 'queued', delivery_error = NULL
                WHERE id = \(entryID) AND team_id = \(teamID)
                """)
            try await Self.recordDeliveryChange(db, teamID: teamID, entryID: entryID, now: now)
            return true
        }
    }

    /// A change of a message's delivery state, for the live feeds.
    static func recordDeliveryChange(_ db: PostgresTransaction, teamID: String, entryID: Int64, now: Timestamp)
        async throws
    {
        try await db.run(
            "INSERT INTO delivery_changes (team_id, entry_id, at) VALUES (\(teamID), \(entryID), \(now.microseconds))")
        db.topics.insert(.team(teamID))
    }

    static func ticketAndConversation(_ db: PostgresTransaction, teamID: String, number: Int) async throws -> (
        Ticket, Conversation
    ) {
        guard let ticket = try await ticket(db, teamID: teamID, number: number),
            let conversation = try await conversation(db, id: ticket.conversationID, teamID: teamID)
        else { throw HelpDeskError.notFound("no ticket \(number) in this team") }
        return (ticket, conversation)
    }

    public func takeOver(teamID: String, number: Int, by member: MemberRef, connectedLabel: String?, now: Timestamp)
        async throws -> Ticket
    {
        try await write { db in
            try await db.lockTeam(teamID)
            let (ticket, conversation) = try await Self.ticketAndConversation(db, teamID: teamID, number: number)
            try await Self.requireMember(db, member, teamID: teamID)
            let plan = try LiveChat.takeOver(
                ticket: ticket, conversation: conversation, by: member, connectedLabel: connectedLabel)
            if plan.alreadyHeld { return ticket }
            try await Self.setSpeaker(db, conversationID: conversation.id, .operator(member))
            if let reason = plan.assignmentReason {
                try await Self.assign(
                    db, teamID: teamID, ticketID: ticket.id, conversationID: conversation.id, to: member.id,
                    reason: reason, now: now)
            }
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: conversation.id, ticketID: ticket.id, plan.event, now: now)
            if let connectedLabel = plan.notice {
                _ = try await Self.insertOutgoing(
                    db, conversation: conversation, author: MessageAuthor(kind: .system, name: member.displayName),
                    body: connectedLabel, ticket: ticket, now: now)
            }
            try await Self.touch(db, ticket: ticket, now: now)
            return try await Self.ticket(db, teamID: teamID, number: number) ?? ticket
        }
    }

    public func release(teamID: String, number: Int, by member: MemberRef, mayOverride: Bool, now: Timestamp)
        async throws -> Ticket
    {
        try await write { db in
            try await db.lockTeam(teamID)
            let (ticket, conversation) = try await Self.ticketAndConversation(db, teamID: teamID, number: number)
            let event = try LiveChat.release(conversation: conversation, by: member, mayOverride: mayOverride)
            try await Self.setSpeaker(db, conversationID: conversation.id, .ai)
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: conversation.id, ticketID: ticket.id, event, now: now)
            try await Self.touch(db, ticket: ticket, now: now)
            return try await Self.ticket(db, teamID: teamID, number: number) ?? ticket
        }
    }

    public func reply(_ reply: OperatorReply, now: Timestamp) async throws -> TimelineEntry {
        try await write { db in
            try await db.lockTeam(reply.teamID)
            let (ticket, conversation) = try await Self.ticketAndConversation(
                db, teamID: reply.teamID, number: reply.number)
            // Checked again inside the transaction: the chat may have been released meanwhile.
            let channel = try ReplyChannels.resolve(
                reply.channel, conversation: conversation, caller: reply.author, now: now)
            let files = try await Self.sendableAttachments(
                db, reply.attachmentIDs, teamID: reply.teamID, by: .member(id: reply.author.id),
                conversationID: conversation.id, ticketID: ticket.id)
            let delivery = channel == .web ? Delivery(state: .sent) : Delivery(state: .queued)
            var entry = try await Self.insertMessage(
                db,
                NewMessage(
                    teamID: reply.teamID, conversationID: conversation.id,
                    author: MessageAuthor(kind: .operator, id: reply.author.id, name: reply.author.displayName),
                    channel: channel, body: reply.body, delivery: delivery),
                ticketID: ticket.id, now: now)
            try await Self.attach(db, files, to: entry.id)
            entry.attachments = files
            if let kind = OutboxKind.reply(on: channel) {
                let delivery = OutboxMessage(
                    kind: kind, ticketNumber: ticket.number, conversationID: channel == .email ? nil : conversation.id,
                    address: channel == .email ? conversation.requester.email ?? "" : nil, memberID: reply.author.id)
                try await Self.enqueue(db, teamID: reply.teamID, delivery, entryID: entry.id, now: now)
            }
            try await Self.touch(db, ticket: ticket, now: now)
            return entry
        }
    }
}
