import Foundation
import GRDB
import HelpDeskCore

// MARK: - Chat channels (Telegram; WhatsApp next)

extension SQLiteStore {
    /// A message from the help desk's side of a conversation on its own channel
    /// (the AI's answer, a waiting or connected label, a notice): shown at once
    /// on the web widget; on a connected chat channel (Telegram, WhatsApp) queued
    /// for the outbox in this same transaction, to be sent by the worker.
    /// Hand-opened conversations, which no channel connects, send nothing.
    static func insertOutgoing(
        _ db: Database, conversation: Conversation, author: MessageAuthor, body: String, ticket: Ticket?,
        now: Timestamp
    ) throws -> TimelineEntry {
        let kind: OutboxKind? =
            switch conversation.channel {
            case .telegram, .whatsapp:
                conversation.channelID != nil && !body.isEmpty ? OutboxKind.reply(on: conversation.channel) : nil
            case .web, .email: nil
            }
        let delivery: Delivery? =
            conversation.channel == .web ? Delivery(state: .sent) : kind != nil ? Delivery(state: .queued) : nil
        let entry = try insertMessage(
            db,
            NewMessage(
                teamID: conversation.teamID, conversationID: conversation.id, author: author,
                channel: conversation.channel, body: body, delivery: delivery),
            ticketID: ticket?.id, now: now)
        if let kind {
            try enqueue(
                db, teamID: conversation.teamID,
                OutboxMessage(
                    kind: kind, ticketNumber: ticket?.number, conversationID: conversation.id, memberID: author.id),
                entryID: entry.id, now: now)
        }
        return entry
    }

    public func channels(kind: Channel) async throws -> [ChannelConnection] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "SELECT * FROM channels WHERE kind = ? AND deleted_at IS NULL ORDER BY created_at, id",
                arguments: [kind.rawValue]
            ).map(self.channel(row:))
        }
    }

    public func recordChatMessage(_ message: InboundChatMessage, now: Timestamp) async throws -> ChatMessageResult? {
        let channel = message.channel
        return try await write { db in
            // The event is taken once: a duplicate delivery (Telegram retries, the same
            // update posted twice at once) finds its id here and stores nothing.
            try db.execute(
                cachedSQL: "INSERT OR IGNORE INTO channel_events (channel_id, event_id, received_at) VALUES (?, ?, ?)",
                arguments: [channel.id, message.eventID, now.microseconds])
            guard db.changesCount > 0 else { return nil }
            var started = false
            let existing = try String.fetchOne(
                db, cachedSQL: "SELECT id FROM conversations WHERE channel_id = ? AND external_id = ? AND team_id = ?",
                arguments: [channel.id, message.externalID, channel.teamID])
            let conversationID: String
            if let existing {
                conversationID = existing
            } else {
                conversationID = Identifier.make("cv")
                started = true
                try db.execute(
                    cachedSQL: """
                        INSERT INTO conversations (id, team_id, agent_id, channel_id, channel, external_id,
                            requester_name, requester_email, requester_phone, requester_handle, speaker, created_at,
                            last_message_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ai', ?, ?)
                        """,
                    arguments: [
                        conversationID, channel.teamID, channel.agentID, channel.id, channel.kind.rawValue,
                        message.externalID, message.contact.name, message.contact.email, message.contact.phone,
                        message.contact.handle, now.microseconds, now.microseconds,
                    ])
            }
            guard let conversation = try Self.conversation(db, id: conversationID, teamID: channel.teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            let stored = try Self.insertCustomerMessage(db, conversation: conversation, body: message.body, now: now)
            let awaiting = message.awaitsAnswer && conversation.speaker == .ai
            if awaiting {
                try db.execute(
                    cachedSQL: "UPDATE conversations SET awaiting_answer = ? WHERE id = ?",
                    arguments: [stored.entry.id, conversationID])
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
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT o.id AS outbox_id, e.id AS entry_id, e.team_id, e.delivery_state, e.delivery_error
                        FROM provider_messages p JOIN outbox o ON o.id = p.outbox_id JOIN entries e ON e.id = o.entry_id
                        WHERE p.channel_id = ? AND p.provider_id = ?
                        """, arguments: [channelID, providerID])
            else { return false }
            let current: DeliveryState =
                try (row["delivery_state"] as String?).map { try stored($0, column: "entries.delivery_state") }
                ?? .sent
            let next = current.advanced(to: state)
            let nextError = next == .failed ? (error ?? "the provider reported a failure") : nil
            guard next != current || nextError != row["delivery_error"] else { return false }
            try db.execute(
                cachedSQL: "UPDATE entries SET delivery_state = ?, delivery_error = ? WHERE id = ?",
                arguments: [next.rawValue, nextError, row["entry_id"] as Int64])
            if next == .failed {
                try db.execute(
                    cachedSQL: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ? AND state = 'sent'",
                    arguments: [nextError, row["outbox_id"] as Int64])
            }
            try db.execute(
                cachedSQL: "INSERT INTO delivery_changes (team_id, entry_id, at) VALUES (?, ?, ?)",
                arguments: [row["team_id"] as String, row["entry_id"] as Int64, now.microseconds])
            return true
        }
    }

    public func conversation(channelID: String, externalID: String) async throws -> Conversation? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, cachedSQL: "SELECT id, team_id FROM conversations WHERE channel_id = ? AND external_id = ?",
                    arguments: [channelID, externalID])
            else { return nil }
            return try Self.conversation(db, id: row["id"], teamID: row["team_id"])
        }
    }

    public func awaitingAnswer(conversationID: String, teamID: String) async throws -> Int64? {
        try await pool.read { db in try Self.awaitingAnswer(db, conversationID: conversationID, teamID: teamID) }
    }

    static func awaitingAnswer(_ db: Database, conversationID: String, teamID: String) throws -> Int64? {
        try Int64.fetchOne(
            db, cachedSQL: "SELECT awaiting_answer FROM conversations WHERE id = ? AND team_id = ?",
            arguments: [conversationID, teamID])
    }

    public func owedAnswer(conversationID: String, teamID: String, historyLimit: Int) async throws -> OwedAnswer? {
        try await pool.read { db in
            guard
                let upTo = try Self.awaitingAnswer(db, conversationID: conversationID, teamID: teamID),
                let conversation = try Self.conversation(db, id: conversationID, teamID: teamID)
            else { return nil }
            return OwedAnswer(
                upTo: upTo, conversation: conversation,
                agent: try conversation.agentID.flatMap { try self.agent(db, id: $0, teamID: teamID) },
                history: try Self.recentMessages(
                    db, conversationID: conversationID, teamID: teamID, limit: historyLimit))
        }
    }

    public func finishAnswer(conversationID: String, teamID: String, upTo entryID: Int64) async throws -> Int64? {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE conversations SET awaiting_answer = NULL
                    WHERE id = ? AND team_id = ? AND awaiting_answer <= ?
                    """, arguments: [conversationID, teamID, entryID])
            return try Self.awaitingAnswer(db, conversationID: conversationID, teamID: teamID)
        }
    }

    public func conversationsAwaitingAnswer(limit: Int) async throws -> [ConversationRef] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT id, team_id FROM conversations WHERE awaiting_answer IS NOT NULL
                    ORDER BY awaiting_answer LIMIT ?
                    """, arguments: [limit]
            ).map { ConversationRef(id: $0["id"], teamID: $0["team_id"]) }
        }
    }

    public func outboundChatMessage(entryID: Int64, teamID: String) async throws -> OutboundChatMessage? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT e.body, c.id AS conversation_id, c.external_id, c.channel_id
                        FROM entries e JOIN conversations c ON c.id = e.conversation_id
                        WHERE e.id = ? AND e.team_id = ? AND e.kind = 'message'
                        """, arguments: [entryID, teamID]),
                let externalID = row["external_id"] as String?, let channelID = row["channel_id"] as String?,
                let channelRow = try Row.fetchOne(
                    db, cachedSQL: "SELECT * FROM channels WHERE id = ? AND team_id = ? AND deleted_at IS NULL",
                    arguments: [channelID, teamID])
            else { return nil }
            return OutboundChatMessage(
                body: row["body"] ?? "", channel: try self.channel(row: channelRow), externalID: externalID,
                conversationID: row["conversation_id"])
        }
    }

    public func pollOffset(channelID: String) async throws -> Int64? {
        try await pool.read { db in
            try Int64.fetchOne(db, cachedSQL: "SELECT poll_offset FROM channels WHERE id = ?", arguments: [channelID])
        }
    }

    public func setPollOffset(channelID: String, _ offset: Int64) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: "UPDATE channels SET poll_offset = ? WHERE id = ?", arguments: [offset, channelID])
        }
    }

    public func takeChannelEvent(channelID: String, eventID: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: "INSERT OR IGNORE INTO channel_events (channel_id, event_id, received_at) VALUES (?, ?, ?)",
                arguments: [channelID, eventID, now.microseconds])
            return db.changesCount > 0
        }
    }

    public func pruneChannelEvents(before: Timestamp) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: "DELETE FROM channel_events WHERE received_at < ?", arguments: [before.microseconds])
        }
    }
}
