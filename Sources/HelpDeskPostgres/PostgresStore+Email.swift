import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Email

extension PostgresStore {
    public func recordInboundEmail(_ mail: InboundEmailRecord, now: Timestamp) async throws -> InboundEmailResult? {
        let teamID = mail.channel.teamID
        return try await write { db in
            try await db.lockTeam(teamID)
            // A provider that retries a delivery (or the same mail through the listener and a hook) stores it once.
            if let messageID = mail.messageID {
                let taken = try await db.count(
                    """
                    INSERT INTO channel_events (channel_id, event_id, received_at)
                    VALUES (\(mail.channel.id), \("mail:" + messageID), \(now.microseconds))
                    ON CONFLICT DO NOTHING RETURNING event_id
                    """)
                guard taken > 0 else { return nil }
            }
            let before: Ticket
            var opened = false
            if let number = mail.ticketNumber {
                guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                    throw HelpDeskError.notFound("no ticket \(number) in this team")
                }
                before = ticket
            } else if var new = mail.newTicket {
                new.body = nil
                before = try await Self.createTicket(db, new, now: now)
                opened = true
                try await db.run(
                    "UPDATE conversations SET channel_id = \(mail.channel.id) WHERE id = \(before.conversationID)")
            } else {
                throw HelpDeskError.badRequest("an inbound mail needs a ticket to continue or one to open")
            }
            guard let conversation = try await Self.conversation(db, id: before.conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            var ids: [String] = []
            for file in mail.attachments {
                let id = Identifier.make("at")
                try await db.run(
                    """
                    INSERT INTO attachments (id, team_id, conversation_id, ticket_id, uploader_kind, uploader_id, name,
                        content_type, size, created_at, data)
                    VALUES (\(id), \(teamID), \(conversation.id), NULL, 'customer', NULL, \(file.name),
                        \(file.contentType), \(file.data.count), \(now.microseconds), \(file.data))
                    """)
                ids.append(id)
            }
            let stored = try await Self.insertCustomerMessage(
                db, conversation: conversation, body: mail.body, attachmentIDs: ids, now: now)
            if let messageID = mail.messageID {
                try await db.run("UPDATE entries SET message_id = \(messageID) WHERE id = \(stored.entry.id)")
            }
            if let threadedBy = mail.threadedBy, !opened {
                try await Self.insertEvent(
                    db, teamID: teamID, conversationID: conversation.id, ticketID: before.id,
                    TicketEvent(kind: .emailThreaded, detail: threadedBy), now: now)
            }
            let ticket = try await Self.ticket(db, teamID: teamID, number: before.number) ?? before
            return InboundEmailResult(
                ticket: ticket, entry: stored.entry, opened: opened, reopened: stored.reopened != nil)
        }
    }

    public func ticketNumber(teamID: String, messageID: String) async throws -> Int? {
        try await read { db in
            try await db.value(
                Int.self,
                """
                SELECT t.number FROM entries e JOIN tickets t ON t.id = e.ticket_id
                WHERE e.team_id = \(teamID) AND e.message_id = \(messageID) ORDER BY e.id DESC LIMIT 1
                """)
        }
    }

    public func ticketNumber(teamID: String, entryID: Int64) async throws -> Int? {
        try await read { db in
            try await db.value(
                Int.self,
                """
                SELECT t.number FROM entries e JOIN tickets t ON t.id = e.ticket_id
                WHERE e.team_id = \(teamID) AND e.id = \(entryID)
                """)
        }
    }

    public func recordBounce(teamID: String, entryID: Int64, reason: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            guard
                let outboxID = try await db.value(
                    Int64.self,
                    """
                    SELECT o.id FROM outbox o JOIN entries e ON e.id = o.entry_id
                    WHERE o.team_id = \(teamID) AND o.entry_id = \(entryID) AND o.state = 'sent'
                    FOR UPDATE OF o
                    """)
            else { return false }
            try await db.run("UPDATE outbox SET state = 'failed', last_error = \(reason) WHERE id = \(outboxID)")
            try await db.run(
                "UPDATE entries SET delivery_state = 'failed', delivery_error = \(reason) WHERE id = \(entryID)")
            try await Self.recordDeliveryChange(db, teamID: teamID, entryID: entryID, now: now)
            return true
        }
    }

    public func outboundEmail(teamID: String, entryID: Int64) async throws -> OutboundEmailContext? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT e.body, e.author_id, e.author_name, e.conversation_id, t.number FROM entries e
                    JOIN tickets t ON t.id = e.ticket_id WHERE e.team_id = \(teamID) AND e.id = \(entryID)
                    """),
                let ticket = try await Self.ticket(db, teamID: teamID, number: try row["number"])
            else { return nil }
            let conversationID: String = try row["conversation_id"]
            let ids = try await db.values(
                String.self,
                """
                SELECT message_id FROM entries
                WHERE conversation_id = \(conversationID) AND message_id IS NOT NULL AND id < \(entryID)
                ORDER BY id DESC LIMIT 10
                """)
            return OutboundEmailContext(
                body: try row["body"] ?? "", ticket: ticket, authorID: try row["author_id"],
                authorName: try row["author_name"] ?? "", customerMessageIDs: ids)
        }
    }
}
