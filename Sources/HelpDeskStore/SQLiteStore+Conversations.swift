import Foundation
import GRDB
import HelpDeskCore

/// The agent as stored in `agents.config`.
struct AgentRecord: Codable {
    struct BrainRecord: Codable {
        var kind: String
        var baseURL: String?
        var model: String?
        var apiKey: String?
    }

    var instructions: String
    var brain: BrainRecord
    var faq: [FAQEntry]
    var supportHandover: SupportHandover?

    /// The record to store: the API key sealed.
    init(_ agent: Agent, secrets: SecretBox) throws {
        instructions = agent.instructions
        faq = agent.faq
        supportHandover = agent.supportHandover
        switch agent.brain {
        case .builtin: brain = BrainRecord(kind: "builtin")
        case .llm(let baseURL, let model, let apiKey):
            brain = BrainRecord(kind: "llm", baseURL: baseURL, model: model, apiKey: try apiKey.map(secrets.seal))
        }
    }

    /// The brain, with its API key opened.
    func brainChoice(secrets: SecretBox) throws -> BrainChoice {
        switch brain.kind {
        case "builtin": return .builtin
        case "llm":
            return .llm(
                baseURL: brain.baseURL ?? "", model: brain.model ?? "", apiKey: try brain.apiKey.map(secrets.open))
        default: throw UnknownStoredValue(column: "agents.config brain.kind", value: brain.kind)
        }
    }
}

// MARK: - Agents and channels

extension SQLiteStore {
    func agent(row: Row) throws -> Agent {
        try StoredConfiguration.agent(
            id: row["id"], teamID: row["team_id"], name: row["name"], config: row["config"],
            createdAt: Timestamp(microseconds: row["created_at"]),
            updatedAt: Timestamp(microseconds: row["updated_at"]),
            secrets: secrets, decoded: decoded)
    }

    func agent(_ db: Database, id: String, teamID: String) throws -> Agent? {
        try Row.fetchOne(
            db, cachedSQL: "SELECT * FROM agents WHERE id = ? AND team_id = ? AND deleted_at IS NULL",
            arguments: [id, teamID]
        ).map(agent(row:))
    }

    public func saveAgent(_ agent: Agent, audit: AuditTrail<Void>) async throws {
        let config = String(
            decoding: try JSONEncoder().encode(AgentRecord(agent, secrets: secrets)), as: UTF8.self)
        try await write { db in
            try db.execute(
                cachedSQL: """
                    INSERT INTO agents (id, team_id, name, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, config = excluded.config,
                        updated_at = excluded.updated_at
                    WHERE agents.team_id = excluded.team_id
                    """,
                arguments: [
                    agent.id, agent.teamID, agent.name, config, agent.createdAt.microseconds,
                    agent.updatedAt.microseconds,
                ])
            if db.changesCount > 0 { try Self.insertAudit(db, audit.records) }
        }
    }

    public func agents(teamID: String) async throws -> [Agent] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "SELECT * FROM agents WHERE team_id = ? AND deleted_at IS NULL ORDER BY created_at, id",
                arguments: [teamID]
            ).map(self.agent(row:))
        }
    }

    public func agent(id: String, teamID: String) async throws -> Agent? {
        try await pool.read { db in try self.agent(db, id: id, teamID: teamID) }
    }

    public func deleteAgent(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL:
                    "UPDATE channels SET deleted_at = ? WHERE agent_id = ? AND team_id = ? AND deleted_at IS NULL",
                arguments: [now.microseconds, id, teamID])
            try db.execute(
                cachedSQL: "UPDATE agents SET deleted_at = ? WHERE id = ? AND team_id = ? AND deleted_at IS NULL",
                arguments: [now.microseconds, id, teamID])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    struct WebChannelRecord: Codable {
        var allowedOrigins: [String]
        /// Absent in channels stored before the pre-chat form existed: off.
        var preChat: String?
    }

    /// A Telegram channel as stored: the token and the secret sealed.
    struct TelegramChannelRecord: Codable {
        var botToken: String
        var secretToken: String
        var apiBaseURL: String
    }

    /// A WhatsApp channel as stored: the token and both secrets sealed.
    struct WhatsAppChannelRecord: Codable {
        var phoneNumberId: String
        var accessToken: String
        var appSecret: String
        var verifyToken: String
        var apiBaseURL: String
        /// Absent in channels stored before rating templates.
        var ratingTemplate: String?
        var ratingTemplateLanguage: String?
    }

    /// An email channel as stored: the SMTP password sealed, the inbound secret only as its hash.
    struct EmailChannelRecord: Codable {
        var address: String
        var smtpHost: String
        var smtpPort: Int
        var smtpUsername: String?
        var smtpPassword: String?
        var smtpSecurity: String
        var inboundSecretHash: String
    }

    func channel(row: Row) throws -> ChannelConnection {
        let kind: Channel = try stored(row["kind"], column: "channels.kind")
        return ChannelConnection(
            id: row["id"], teamID: row["team_id"], agentID: row["agent_id"], kind: kind,
            configuration: try StoredConfiguration.channelConfiguration(
                kind: kind, config: row["config"], secrets: secrets, decoded: decoded),
            createdAt: Timestamp(microseconds: row["created_at"]))
    }

    /// The `config` column: JSON, with secrets sealed.
    func record(_ configuration: ChannelConfiguration) throws -> String {
        try StoredConfiguration.channelConfig(configuration, secrets: secrets)
    }

    public func updateChannel(
        id: String, teamID: String, configuration: ChannelConfiguration, audit: AuditTrail<ChannelConnection>
    ) async throws -> ChannelConnection? {
        let config = try record(configuration)
        return try await write { db in
            try db.execute(
                cachedSQL: "UPDATE channels SET config = ? WHERE id = ? AND team_id = ? AND deleted_at IS NULL",
                arguments: [config, id, teamID])
            guard db.changesCount > 0,
                let channel = try Row.fetchOne(db, cachedSQL: "SELECT * FROM channels WHERE id = ?", arguments: [id])
                    .map(self.channel(row:))
            else { return nil }
            try Self.insertAudit(db, audit.records(for: channel))
            return channel
        }
    }

    public func createChannel(_ channel: ChannelConnection, audit: AuditTrail<Void>) async throws {
        let config = try record(channel.configuration)
        try await write { db in
            guard try self.agent(db, id: channel.agentID, teamID: channel.teamID) != nil else {
                throw HelpDeskError.invalid("agentId", "no agent with id \"\(channel.agentID)\" in this team")
            }
            try db.execute(
                cachedSQL:
                    "INSERT INTO channels (id, team_id, agent_id, kind, config, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    channel.id, channel.teamID, channel.agentID, channel.kind.rawValue, config,
                    channel.createdAt.microseconds,
                ])
            try Self.insertAudit(db, audit.records)
        }
    }

    public func channels(teamID: String) async throws -> [ChannelConnection] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                cachedSQL: "SELECT * FROM channels WHERE team_id = ? AND deleted_at IS NULL ORDER BY created_at, id",
                arguments: [teamID]
            ).map(self.channel(row:))
        }
    }

    public func channel(id: String) async throws -> ChannelConnection? {
        try await pool.read { db in
            try Row.fetchOne(
                db, cachedSQL: "SELECT * FROM channels WHERE id = ? AND deleted_at IS NULL", arguments: [id]
            )
            .map(self.channel(row:))
        }
    }

    public func deleteChannel(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws
        -> Bool
    {
        try await write { db in
            try db.execute(
                cachedSQL: "UPDATE channels SET deleted_at = ? WHERE id = ? AND team_id = ? AND deleted_at IS NULL",
                arguments: [now.microseconds, id, teamID])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func secret(named name: String) async throws -> Data {
        try await write { db in
            var generator = SystemRandomNumberGenerator()
            let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(
                cachedSQL: "INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)", arguments: [name, fresh])
            guard
                let value = try Data.fetchOne(
                    db, cachedSQL: "SELECT value FROM secrets WHERE name = ?", arguments: [name])
            else { throw HelpDeskError.notFound("secret \(name)") }
            return value
        }
    }
}

// MARK: - Conversations

extension SQLiteStore {
    static func conversation(_ db: Database, id: String, teamID: String) throws -> Conversation? {
        guard
            let row = try Row.fetchOne(
                db,
                cachedSQL: """
                    SELECT c.*, m.display_name AS speaker_name FROM conversations c
                    LEFT JOIN members m ON m.id = c.speaker_member_id
                    WHERE c.id = ? AND c.team_id = ?
                    """, arguments: [id, teamID])
        else { return nil }
        let speaker: Speaker
        switch row["speaker"] as String {
        case "operator":
            speaker = .operator(MemberRef(id: row["speaker_member_id"] ?? "", displayName: row["speaker_name"] ?? ""))
        case "nobody": speaker = .nobody
        case "ai": speaker = .ai
        case let other: throw UnknownStoredValue(column: "conversations.speaker", value: other)
        }
        return Conversation(
            id: row["id"], teamID: row["team_id"], agentID: row["agent_id"], channelID: row["channel_id"],
            channel: try stored(row["channel"], column: "conversations.channel"),
            requester: Requester(
                name: row["requester_name"], email: row["requester_email"], phone: row["requester_phone"],
                handle: row["requester_handle"]),
            speaker: speaker, aiMisses: row["ai_misses"], createdAt: Timestamp(microseconds: row["created_at"]),
            lastMessageAt: Timestamp(microseconds: row["last_message_at"]),
            visitor: VisitorContext(
                page: row["visitor_page"], browser: row["visitor_browser"], language: row["visitor_language"]),
            lastCustomerMessageAt: (row["last_customer_message_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }

    public func startConversation(_ conversation: Conversation) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    INSERT INTO conversations (id, team_id, agent_id, channel_id, channel, requester_name,
                        requester_email, requester_phone, requester_handle, speaker, created_at, last_message_at,
                        visitor_page, visitor_browser, visitor_language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ai', ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    conversation.id, conversation.teamID, conversation.agentID, conversation.channelID,
                    conversation.channel.rawValue, conversation.requester.name, conversation.requester.email,
                    conversation.requester.phone, conversation.requester.handle,
                    conversation.createdAt.microseconds, conversation.lastMessageAt.microseconds,
                    conversation.visitor.page, conversation.visitor.browser, conversation.visitor.language,
                ])
        }
    }

    public func updateRequester(conversationID: String, teamID: String, name: String, email: String?) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE conversations SET requester_name = ?, requester_email = coalesce(?, requester_email)
                    WHERE id = ? AND team_id = ?
                    """, arguments: [name, email, conversationID, teamID])
            try db.execute(
                cachedSQL: """
                    UPDATE tickets SET requester_name = ?, requester_email = coalesce(?, requester_email)
                    WHERE conversation_id = ? AND team_id = ?
                    """, arguments: [name, email, conversationID, teamID])
            let tickets = try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT id, requester_name, requester_email, requester_phone, requester_handle FROM tickets
                    WHERE conversation_id = ? AND team_id = ?
                    """, arguments: [conversationID, teamID])
            for row in tickets {
                let requester = Requester(
                    name: row["requester_name"], email: row["requester_email"], phone: row["requester_phone"],
                    handle: row["requester_handle"])
                try db.execute(
                    cachedSQL: "UPDATE ticket_search SET requester = ? WHERE rowid = ?",
                    arguments: [Self.requesterSearchText(requester), row["id"] as Int64])
            }
        }
    }

    public func conversation(id: String, teamID: String) async throws -> Conversation? {
        try await pool.read { db in try Self.conversation(db, id: id, teamID: teamID) }
    }

    public func recentMessages(conversationID: String, teamID: String, limit: Int) async throws -> [TimelineEntry] {
        try await pool.read { db in
            try Self.recentMessages(db, conversationID: conversationID, teamID: teamID, limit: limit)
        }
    }

    static func recentMessages(_ db: Database, conversationID: String, teamID: String, limit: Int) throws
        -> [TimelineEntry]
    {
        let newestFirst = try Row.fetchAll(
            db,
            cachedSQL: """
                SELECT \(Self.entryColumns())
                FROM entries INDEXED BY entries_by_conversation
                WHERE conversation_id = ? AND team_id = ? AND kind = 'message'
                ORDER BY id DESC LIMIT ?
                """, arguments: [conversationID, teamID, limit]
        ).map(Self.entry(row:))
        return try Self.withAttachments(db, newestFirst.reversed())
    }

    public func messages(conversationID: String, teamID: String, after: Int64?, limit: Int?) async throws
        -> [TimelineEntry]
    {
        try await pool.read { db in
            try Self.withAttachments(
                db,
                try Row.fetchAll(
                    db,
                    cachedSQL: """
                        SELECT \(Self.entryColumns())
                        FROM entries INDEXED BY entries_by_conversation
                        WHERE conversation_id = ? AND team_id = ? AND kind = 'message' AND id > ?
                        ORDER BY id LIMIT ?
                        """, arguments: [conversationID, teamID, after ?? 0, limit ?? -1]
                ).map(Self.entry(row:)))
        }
    }

    public func tickets(conversationID: String, teamID: String) async throws -> [Ticket] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "\(Self.ticketSelect) WHERE t.conversation_id = ? AND t.team_id = ? ORDER BY t.id DESC",
                arguments: [conversationID, teamID]
            ).map(Self.ticket(row:))
        }
    }

    /// The newest ticket of a conversation.
    static func latestTicket(_ db: Database, conversationID: String, teamID: String) throws -> Ticket? {
        try Row.fetchOne(
            db, cachedSQL: "\(ticketSelect) WHERE t.conversation_id = ? AND t.team_id = ? ORDER BY t.id DESC LIMIT 1",
            arguments: [conversationID, teamID]
        ).map(ticket(row:))
    }

    static func touch(_ db: Database, ticket: Ticket, now: Timestamp) throws {
        try db.execute(
            cachedSQL: "UPDATE tickets SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?",
            arguments: [now.microseconds, ticket.id])
    }

    public func recordCustomerMessage(
        conversationID: String, teamID: String, body: String, attachmentIDs: [String], owesAnswer: Bool,
        now: Timestamp
    ) async throws -> CustomerMessageResult {
        try await write { db in
            guard let conversation = try Self.conversation(db, id: conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            let result = try Self.insertCustomerMessage(
                db, conversation: conversation, body: body, attachmentIDs: attachmentIDs, now: now)
            if owesAnswer && conversation.speaker == .ai {
                try db.execute(
                    cachedSQL: "UPDATE conversations SET awaiting_answer = ? WHERE id = ?",
                    arguments: [result.entry.id, conversationID])
            }
            return result
        }
    }

    /// Stores a customer's message on a conversation, reopening its resolved ticket as `LiveChat` says.
    /// The message may carry the customer's unsent uploads (`attachmentIDs`, refused whole when one may not be sent).
    static func insertCustomerMessage(
        _ db: Database, conversation: Conversation, body: String, attachmentIDs: [String] = [], now: Timestamp
    ) throws -> CustomerMessageResult {
        let teamID = conversation.teamID
        let files = try sendableAttachments(
            db, attachmentIDs, teamID: teamID, by: .customer, conversationID: conversation.id, ticketID: nil)
        // A merged ticket forwards: the message lands on the ticket it was merged into.
        let latest = try forwarded(db, try latestTicket(db, conversationID: conversation.id, teamID: teamID))
        var entry = try insertMessage(
            db,
            NewMessage(
                teamID: teamID, conversationID: conversation.id,
                author: MessageAuthor(kind: .customer, name: conversation.requester.name),
                channel: conversation.channel, body: body), ticketID: latest?.id, now: now)
        try attach(db, files, to: entry.id)
        entry.attachments = files
        try db.execute(
            cachedSQL: "UPDATE conversations SET last_customer_message_at = ? WHERE id = ?",
            arguments: [now.microseconds, conversation.id])
        var reopened: Ticket?
        if let (ticket, event) = LiveChat.customerWrote(latest: latest, at: now) {
            try save(db, ticket)
            try insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id, event, now: now)
            reopened = ticket
        } else if let latest {
            try touch(db, ticket: latest, now: now)
        }
        return CustomerMessageResult(entry: entry, conversation: conversation, reopened: reopened)
    }

    public func recordAIMessage(
        conversationID: String, teamID: String, author: MessageAuthor, body: String, answered: Bool?, now: Timestamp
    ) async throws -> TimelineEntry? {
        try await write { db in
            guard let conversation = try Self.conversation(db, id: conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            // The decisive check: an operator may have taken over while the brain was thinking.
            guard conversation.speaker == .ai else { return nil }
            // A merged ticket forwards, as for the customer's messages.
            let latest = try Self.forwarded(
                db, try Self.latestTicket(db, conversationID: conversationID, teamID: teamID))
            let entry = try Self.insertOutgoing(
                db, conversation: conversation, author: author, body: body, ticket: latest, now: now)
            if let answered {
                try db.execute(
                    cachedSQL: "UPDATE conversations SET ai_misses = ? WHERE id = ?",
                    arguments: [answered ? 0 : conversation.aiMisses + 1, conversationID])
            }
            if let latest, latest.status != .resolved { try Self.touch(db, ticket: latest, now: now) }
            return entry
        }
    }

    public func escalate(_ request: EscalationRequest, now: Timestamp) async throws -> EscalationResult {
        try await write { db in
            let teamID = request.teamID
            guard let conversation = try Self.conversation(db, id: request.conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            guard let team = try Self.team(db, id: teamID) else { throw HelpDeskError.notFound("no such team") }
            let agent = try conversation.agentID.flatMap { try self.agent(db, id: $0, teamID: teamID) }
            let settings = try Self.settings(db, teamID: teamID)
            let plan = try Escalation.plan(
                EscalationFacts(
                    reason: request.reason, modelSummary: request.modelSummary, plan: team.plan,
                    handover: agent?.supportHandover, requester: conversation.requester,
                    customerMessages: try String.fetchAll(
                        db,
                        cachedSQL: """
                            SELECT body FROM entries
                            WHERE conversation_id = ? AND kind = 'message' AND author_kind = 'customer' ORDER BY id
                            """, arguments: [conversation.id]
                    ).compactMap(request.substance),
                    unresolvedTicket: try Self.unresolvedTicket(db, conversation: conversation),
                    anyoneOnline: try Bool.fetchOne(
                        db,
                        cachedSQL:
                            "SELECT 1 FROM members WHERE team_id = ? AND availability = 'online' AND removed_at IS NULL LIMIT 1",
                        arguments: [teamID]) ?? false,
                    withinBusinessHours: settings.calendar.isOpen(at: now.date),
                    emailNotifications: settings.emailNotifications,
                    // Read only when they will be written to, as before plans: most teams leave notifications off.
                    ownerEmails: settings.emailNotifications
                        ? try String.fetchAll(
                            db,
                            cachedSQL:
                                "SELECT email FROM members WHERE team_id = ? AND role = 'owner' AND removed_at IS NULL ORDER BY rotation_position",
                            arguments: [teamID]) : [],
                    holidayAutoReply: settings.calendar.holiday(on: now.date)?.autoReply))

            switch plan {
            case .repeatOn(let open, let event):
                try Self.insertEvent(
                    db, teamID: teamID, conversationID: open.conversationID, ticketID: open.id, event, now: now)
                try Self.touch(db, ticket: open, now: now)
                return EscalationResult(
                    ticket: try Self.ticket(db, teamID: teamID, number: open.number) ?? open, repeated: true,
                    notice: nil, noticeKind: nil)
            case .open(let new):
                // A plan to open a ticket is only made when the agent has a Support Handover.
                let agentRef = agent?.ref
                let ticket = try Self.createTicket(
                    db,
                    NewTicket(
                        teamID: teamID, subject: new.subject, requester: conversation.requester,
                        priority: new.priority, channel: conversation.channel, agent: agentRef,
                        conversationID: conversation.id, detail: new.summary),
                    now: now)
                let entry = try Self.insertOutgoing(
                    db, conversation: conversation,
                    author: MessageAuthor(kind: .system, id: agentRef?.id, name: agentRef?.name ?? ""),
                    body: new.notice.text, ticket: ticket, now: now)
                if !new.notifyOwners.isEmpty {
                    try Self.notifyOwners(db, teamID: teamID, of: ticket, new, now: now)
                }
                try Self.queueWebhooks(db, teamID: teamID, type: .conversationEscalated, ticketID: ticket.id, now: now)
                {
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
    /// transaction, so two escalations never both start a digest.
    static func notifyOwners(
        _ db: Database, teamID: String, of ticket: Ticket, _ new: NewEscalatedTicket, now: Timestamp
    )
        throws
    {
        let kind = OutboxKind.notificationEmail.rawValue
        // The newest queued one: a row queued before digests listed no tickets and is left as it is.
        let queued = try Row.fetchOne(
            db,
            cachedSQL: """
                SELECT id, payload FROM outbox WHERE team_id = ? AND kind = ? AND state = 'queued'
                ORDER BY id DESC LIMIT 1
                """, arguments: [teamID, kind]
        ).flatMap { row in
            OwnerDigest(storedPayload: row["payload"]).map { QueuedOwnerDigest(outboxID: row["id"], digest: $0) }
        }
        let lastSentAt = try Int64.fetchOne(
            db, cachedSQL: "SELECT MAX(sent_at) FROM outbox WHERE team_id = ? AND kind = ? AND state = 'sent'",
            arguments: [teamID, kind]
        ).map(Timestamp.init(microseconds:))
        switch new.ownerNotification(for: ticket, queued: queued, lastSentAt: lastSentAt, now: now) {
        case .append(let outboxID, let message):
            try db.execute(
                cachedSQL: "UPDATE outbox SET payload = ? WHERE id = ? AND team_id = ?",
                arguments: [try payloadJSON(message), outboxID, teamID])
        case .enqueue(let message, let notBefore):
            try enqueue(db, teamID: teamID, message, entryID: nil, notBefore: notBefore, now: now)
        case nil:
            break
        }
    }

    /// The payload column: JSON with sorted keys, readable by the delivery worker and by people.
    static func payloadJSON(_ message: OutboxMessage) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(message.payload), as: UTF8.self)
    }

    static func enqueue(
        _ db: Database, teamID: String, _ message: OutboxMessage, entryID: Int64?, notBefore: Timestamp? = nil,
        now: Timestamp
    ) throws {
        try db.execute(
            cachedSQL: """
                INSERT INTO outbox (team_id, kind, payload, entry_id, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                teamID, message.kind.rawValue, try payloadJSON(message), entryID, (notBefore ?? now).microseconds,
                now.microseconds,
            ])
    }

    static let outboxColumns = """
        id, team_id, entry_id, kind, payload, state, attempts, next_attempt_at, created_at, sent_at, last_error
        """

    static func outboxEntry(row: Row) throws -> OutboxEntry {
        OutboxEntry(
            id: row["id"], kind: try stored(row["kind"], column: "outbox.kind"),
            state: try stored(row["state"], column: "outbox.state"), payload: row["payload"],
            attempts: row["attempts"], nextAttemptAt: Timestamp(microseconds: row["next_attempt_at"]),
            createdAt: Timestamp(microseconds: row["created_at"]),
            sentAt: (row["sent_at"] as Int64?).map(Timestamp.init(microseconds:)), teamID: row["team_id"],
            entryID: row["entry_id"], lastError: row["last_error"])
    }

    public func outbox(teamID: String) async throws -> [OutboxEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "SELECT \(Self.outboxColumns) FROM outbox WHERE team_id = ? ORDER BY id",
                arguments: [teamID]
            ).map(Self.outboxEntry(row:))
        }
    }

    public func markOutboxSent(id: Int64, teamID: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL:
                    "UPDATE outbox SET state = 'sent', sent_at = ? WHERE id = ? AND team_id = ? AND state = 'queued'",
                arguments: [now.microseconds, id, teamID])
            return db.changesCount > 0
        }
    }

    public func claimOutbox(kinds: [OutboxKind], worker: String, now: Timestamp, leaseUntil: Timestamp, limit: Int)
        async throws -> [OutboxEntry]
    {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let kindList = String(decoding: try JSONEncoder().encode(kinds.map(\.rawValue)), as: UTF8.self)
        return try await write { db in
            // One writer at a time (SQLite), so selecting and marking in this transaction is the claim.
            let ids = try Int64.fetchAll(
                db,
                cachedSQL: """
                    SELECT id FROM outbox
                    WHERE ((state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until <= ?))
                        AND kind IN (SELECT value FROM json_each(?))
                    ORDER BY next_attempt_at, id LIMIT ?
                    """, arguments: [now.microseconds, now.microseconds, kindList, limit])
            var claimed: [OutboxEntry] = []
            for id in ids {
                try db.execute(
                    cachedSQL: """
                        UPDATE outbox SET state = 'sending', claimed_by = ?, lease_until = ?, attempts = attempts + 1
                        WHERE id = ?
                        """, arguments: [worker, leaseUntil.microseconds, id])
                if let row = try Row.fetchOne(
                    db, cachedSQL: "SELECT \(Self.outboxColumns) FROM outbox WHERE id = ?", arguments: [id])
                {
                    claimed.append(try Self.outboxEntry(row: row))
                }
            }
            return claimed
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
            try db.execute(
                cachedSQL: """
                    UPDATE outbox SET state = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,
                        sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, claimed_by = NULL, lease_until = NULL
                    WHERE id = ? AND state = 'sending' AND claimed_by = ?
                    """,
                arguments: [state.rawValue, nextAttempt, error, state.rawValue, now.microseconds, id, worker])
            guard db.changesCount > 0 else { return false }
            if case .sentAs(let providerIDs) = result {
                for providerID in providerIDs {
                    try db.execute(
                        cachedSQL: """
                            INSERT OR IGNORE INTO provider_messages (channel_id, provider_id, outbox_id)
                            SELECT c.channel_id, ?, o.id FROM outbox o
                            JOIN entries e ON e.id = o.entry_id JOIN conversations c ON c.id = e.conversation_id
                            WHERE o.id = ? AND c.channel_id IS NOT NULL
                            """, arguments: [providerID, id])
                }
            }
            // The message's delivery state follows: sent, failed with the reason, or still queued
            // with the reason of the last failed attempt.
            let delivery: DeliveryState = state == .sent ? .sent : state == .failed ? .failed : .queued
            try db.execute(
                cachedSQL: """
                    UPDATE entries SET delivery_state = ?, delivery_error = ?
                    WHERE id = (SELECT entry_id FROM outbox WHERE id = ?)
                    """, arguments: [delivery.rawValue, error, id])
            try db.execute(
                cachedSQL: """
                    INSERT INTO delivery_changes (team_id, entry_id, at)
                    SELECT team_id, entry_id, ? FROM outbox WHERE id = ? AND entry_id IS NOT NULL
                    """, arguments: [now.microseconds, id])
            return true
        }
    }

    public func retryDelivery(teamID: String, entryID: Int64, now: Timestamp) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = NULL
                    WHERE team_id = ? AND entry_id = ? AND state = 'failed'
                    """, arguments: [now.microseconds, teamID, entryID])
            guard db.changesCount > 0 else { return false }
            try db.execute(
                cachedSQL:
                    "UPDATE entries SET delivery_state = 'queued', delivery_error = NULL WHERE id = ? AND team_id = ?",
                arguments: [entryID, teamID])
            try db.execute(
                cachedSQL: "INSERT INTO delivery_changes (team_id, entry_id, at) VALUES (?, ?, ?)",
                arguments: [teamID, entryID, now.microseconds])
            return true
        }
    }

    static func ticketAndConversation(_ db: Database, teamID: String, number: Int) throws -> (Ticket, Conversation) {
        guard let ticket = try ticket(db, teamID: teamID, number: number),
            let conversation = try conversation(db, id: ticket.conversationID, teamID: teamID)
        else { throw HelpDeskError.notFound("no ticket \(number) in this team") }
        return (ticket, conversation)
    }

    public func takeOver(teamID: String, number: Int, by member: MemberRef, connectedLabel: String?, now: Timestamp)
        async throws -> Ticket
    {
        try await write { db in
            let (ticket, conversation) = try Self.ticketAndConversation(db, teamID: teamID, number: number)
            try Self.requireMember(db, member, teamID: teamID)
            let plan = try LiveChat.takeOver(
                ticket: ticket, conversation: conversation, by: member, connectedLabel: connectedLabel)
            if plan.alreadyHeld { return ticket }
            try Self.setSpeaker(db, conversationID: conversation.id, .operator(member))
            if let reason = plan.assignmentReason {
                try Self.assign(
                    db, teamID: teamID, ticketID: ticket.id, conversationID: conversation.id, to: member.id,
                    reason: reason, now: now)
            }
            try Self.insertEvent(
                db, teamID: teamID, conversationID: conversation.id, ticketID: ticket.id, plan.event, now: now)
            if let connectedLabel = plan.notice {
                _ = try Self.insertOutgoing(
                    db, conversation: conversation, author: MessageAuthor(kind: .system, name: member.displayName),
                    body: connectedLabel, ticket: ticket, now: now)
            }
            try Self.touch(db, ticket: ticket, now: now)
            return try Self.ticket(db, teamID: teamID, number: number) ?? ticket
        }
    }

    public func release(teamID: String, number: Int, by member: MemberRef, mayOverride: Bool, now: Timestamp)
        async throws -> Ticket
    {
        try await write { db in
            let (ticket, conversation) = try Self.ticketAndConversation(db, teamID: teamID, number: number)
            let event = try LiveChat.release(conversation: conversation, by: member, mayOverride: mayOverride)
            try Self.setSpeaker(db, conversationID: conversation.id, .ai)
            try Self.insertEvent(
                db, teamID: teamID, conversationID: conversation.id, ticketID: ticket.id, event, now: now)
            try Self.touch(db, ticket: ticket, now: now)
            return try Self.ticket(db, teamID: teamID, number: number) ?? ticket
        }
    }

    public func reply(_ reply: OperatorReply, now: Timestamp) async throws -> TimelineEntry {
        try await write { db in
            let (ticket, conversation) = try Self.ticketAndConversation(db, teamID: reply.teamID, number: reply.number)
            // Checked again inside the transaction: the chat may have been released meanwhile.
            let channel = try ReplyChannels.resolve(
                reply.channel, conversation: conversation, caller: reply.author, now: now)
            let files = try Self.sendableAttachments(
                db, reply.attachmentIDs, teamID: reply.teamID, by: .member(id: reply.author.id),
                conversationID: conversation.id, ticketID: ticket.id)
            let delivery = channel == .web ? Delivery(state: .sent) : Delivery(state: .queued)
            var entry = try Self.insertMessage(
                db,
                NewMessage(
                    teamID: reply.teamID, conversationID: conversation.id,
                    author: MessageAuthor(kind: .operator, id: reply.author.id, name: reply.author.displayName),
                    channel: channel, body: reply.body, delivery: delivery),
                ticketID: ticket.id, now: now)
            try Self.attach(db, files, to: entry.id)
            entry.attachments = files
            if let kind = OutboxKind.reply(on: channel) {
                let delivery = OutboxMessage(
                    kind: kind, ticketNumber: ticket.number, conversationID: channel == .email ? nil : conversation.id,
                    address: channel == .email ? conversation.requester.email ?? "" : nil, memberID: reply.author.id)
                try Self.enqueue(db, teamID: reply.teamID, delivery, entryID: entry.id, now: now)
            }
            try Self.touch(db, ticket: ticket, now: now)
            return entry
        }
    }
}
