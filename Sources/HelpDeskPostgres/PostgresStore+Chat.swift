import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Chat channels

extension PostgresStore {
    /// A message from the help desk's side of a conversation on its own channel
    /// (the AI's answer, a waiting or connected label, a notice): shown at once
    /// on the web widget; on a connected chat channel (Telegram, WhatsApp) queued
    /// for the outbox in this same transaction, to be sent by the worker.
    static func insertOutgoing(
        _ db: PostgresTransaction, conversation: Conversation, author: MessageAuthor, body: String, ticket: Ticket?,
        now: Timestamp
    ) async throws -> TimelineEntry {
        let kind: OutboxKind? =
            switch conversation.channel {
            case .telegram, .whatsapp:
                conversation.channelID != nil && !body.isEmpty ? OutboxKind.reply(on: conversation.channel) : nil
            case .web, .email: nil
            }
        let delivery: Delivery? =
            conversation.channel == .web ? Delivery(state: .sent) : kind != nil ? Delivery(state: .queued) : nil
        let entry = try await insertMessage(
            db,
            NewMessage(
                teamID: conversation.teamID, conversationID: conversation.id, author: author,
                channel: conversation.channel, body: body, delivery: delivery),
            ticketID: ticket?.id, now: now)
        if let kind {
            try await enqueue(
                db, teamID: conversation.teamID,
                OutboxMessage(
                    kind: kind, ticketNumber: ticket?.number, conversationID: conversation.id, memberID: author.id),
                entryID: entry.id, now: now)
        }
        return entry
    }

    public func channels(kind: HelpDeskCore.Channel) async throws -> [ChannelConnection] {
        try await read { db in
            try await db.rows(
                """
                SELECT * FROM channels WHERE kind = \(kind.rawValue) AND deleted_at IS NULL
                ORDER BY created_at, id COLLATE "C"
                """
            ).map(self.channel(row:))
        }
    }

    public func recordChatMessage(_ message: InboundChatMessage, now: Timestamp) async throws -> ChatMessageResult? {
        let channel = message.channel
        return try await write { db in
            try await db.lockTeam(channel.teamID)
            // The event is taken once: a duplicate delivery (the same update posted twice at once, on
            // two instances) waits for the first insert to commit, then finds its id and stores nothing.
            let taken = try await db.count(
                """
                INSERT INTO channel_events (channel_id, event_id, received_at)
                VALUES (\(channel.id), \(message.eventID), \(now.microseconds))
                ON CONFLICT DO NOTHING RETURNING event_id
                """)
            guard taken > 0 else { return nil }
            var started = false
            let existing = try await db.value(
                String.self,
                """
                SELECT id FROM conversations
                WHERE channel_id = \(channel.id) AND external_id = \(message.externalID) AND team_id = \(channel.teamID)
                """)
            let conversationID: String
            if let existing {
                conversationID = existing
            } else {
                conversationID = Identifier.make("cv")
                started = true
                try await db.run(
                    """
                    INSERT INTO conversations (id, team_id, agent_id, channel_id, channel, external_id,
                        requester_name, requester_email, requester_phone, requester_handle, speaker, created_at,
                        last_message_at)
                    VALUES (\(conversationID), \(channel.teamID), \(channel.agentID), \(channel.id),
                        \(channel.kind.rawValue), \(message.externalID), \(message.contact.name),
                        \(message.contact.email), \(message.contact.phone), \(message.contact.handle), 'ai',
                        \(now.microseconds), \(now.microseconds))
                    """)
            }
            guard let conversation = try await Self.conversation(db, id: conversationID, teamID: channel.teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            let stored = try await Self.insertCustomerMessage(
                db, conversation: conversation, body: message.body, now: now)
            let awaiting = message.awaitsAnswer && conversation.speaker == .ai
            if awaiting {
                try await db.run(
                    "UPDATE conversations SET awaiting_answer = \(stored.entry.id) WHERE id = \(conversationID)")
            }
            return ChatMessageResult(
                entry: stored.entry, conversation: conversation, started: started, reopened: stored.reopened,
                awaitingAnswer: awaiting)
        }
    }

    public func recordReceipt(
        channelID: String, providerID: String, state: DeliveryState, error: String?, now: Timestamp
    ) async throws -> Bool {
        try await write { db in
            guard
                let row = try await db.row(
                    """
                    SELECT o.id AS outbox_id, e.id AS entry_id, e.team_id, e.delivery_state, e.delivery_error
                    FROM provider_messages p JOIN outbox o ON o.id = p.outbox_id JOIN entries e ON e.id = o.entry_id
                    WHERE p.channel_id = \(channelID) AND p.provider_id = \(providerID)
                    FOR UPDATE OF e
                    """)
            else { return false }
            let currentState: String? = try row["delivery_state"]
            let current: DeliveryState =
                try currentState.map { try stored($0, column: "entries.delivery_state") } ?? .sent
            let next = current.advanced(to: state)
            let nextError = next == .failed ? (error ?? "the provider reported a failure") : nil
            let currentError: String? = try row["delivery_error"]
            guard next != current || nextError != currentError else { return false }
            let entryID: Int64 = try row["entry_id"]
            let outboxID: Int64 = try row["outbox_id"]
            let teamID: String = try row["team_id"]
            try await db.run(
                """
                UPDATE entries SET delivery_state = \(next.rawValue), delivery_error = \(nextError) WHERE id = \(entryID)
                """)
            if next == .failed {
                try await db.run(
                    """
                    UPDATE outbox SET state = 'failed', last_error = \(nextError) WHERE id = \(outboxID) AND state = 'sent'
                    """)
            }
            try await Self.recordDeliveryChange(db, teamID: teamID, entryID: entryID, now: now)
            return true
        }
    }

    public func conversation(channelID: String, externalID: String) async throws -> Conversation? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT id, team_id FROM conversations WHERE channel_id = \(channelID) AND external_id = \(externalID)
                    """)
            else { return nil }
            return try await Self.conversation(db, id: try row["id"], teamID: try row["team_id"])
        }
    }

    public func awaitingAnswer(conversationID: String, teamID: String) async throws -> Int64? {
        try await read { db in
            try await db.value(
                Int64.self,
                "SELECT awaiting_answer FROM conversations WHERE id = \(conversationID) AND team_id = \(teamID)")
        }
    }

    public func finishAnswer(conversationID: String, teamID: String, upTo entryID: Int64) async throws -> Int64? {
        try await write { db in
            try await db.run(
                """
                UPDATE conversations SET awaiting_answer = NULL
                WHERE id = \(conversationID) AND team_id = \(teamID) AND awaiting_answer <= \(entryID)
                """)
            return try await db.value(
                Int64.self,
                "SELECT awaiting_answer FROM conversations WHERE id = \(conversationID) AND team_id = \(teamID)")
        }
    }

    public func conversationsAwaitingAnswer(limit: Int) async throws -> [ConversationRef] {
        try await read { db in
            try await db.rows(
                """
                SELECT id, team_id FROM conversations WHERE awaiting_answer IS NOT NULL
                ORDER BY awaiting_answer LIMIT \(limit)
                """
            ).map { ConversationRef(id: try $0["id"], teamID: try $0["team_id"]) }
        }
    }

    public func outboundChatMessage(entryID: Int64, teamID: String) async throws -> OutboundChatMessage? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT e.body, c.id AS conversation_id, c.external_id, c.channel_id
                    FROM entries e JOIN conversations c ON c.id = e.conversation_id
                    WHERE e.id = \(entryID) AND e.team_id = \(teamID) AND e.kind = 'message'
                    """),
                let externalID = try row["external_id"] as String?,
                let channelID = try row["channel_id"] as String?,
                let channelRow = try await db.row(
                    """
                    SELECT * FROM channels WHERE id = \(channelID) AND team_id = \(teamID) AND deleted_at IS NULL
                    """)
            else { return nil }
            return OutboundChatMessage(
                body: try row["body"] ?? "", channel: try self.channel(row: channelRow), externalID: externalID,
                conversationID: try row["conversation_id"])
        }
    }

    public func pollOffset(channelID: String) async throws -> Int64? {
        try await read { db in
            try await db.value(Int64.self, "SELECT poll_offset FROM channels WHERE id = \(channelID)")
        }
    }

    public func setPollOffset(channelID: String, _ offset: Int64) async throws {
        try await write { db in
            try await db.run("UPDATE channels SET poll_offset = \(offset) WHERE id = \(channelID)")
        }
    }

    public func takeChannelEvent(channelID: String, eventID: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            try await db.count(
                """
                INSERT INTO channel_events (channel_id, event_id, received_at)
                VALUES (\(channelID), \(eventID), \(now.microseconds))
                ON CONFLICT DO NOTHING RETURNING event_id
                """) > 0
        }
    }

    public func pruneChannelEvents(before: Timestamp) async throws {
        try await write { db in
            try await db.run("DELETE FROM channel_events WHERE received_at < \(before.microseconds)")
        }
    }
}
