import Foundation
import GRDB
import HelpDeskCore

// MARK: - Email

extension SQLiteStore {
    public func recordInboundEmail(_ mail: InboundEmailRecord, now: Timestamp) async throws -> InboundEmailResult? {
        let teamID = mail.channel.teamID
        return try await write { db in
            // A provider that retries a delivery (or the same mail through the listener and a hook) stores it once.
            if let messageID = mail.messageID {
                try db.execute(
                    cachedSQL:
                        "INSERT OR IGNORE INTO channel_events (channel_id, event_id, received_at) VALUES (?, ?, ?)",
                    arguments: [mail.channel.id, "mail:" + messageID, now.microseconds])
                guard db.changesCount > 0 else { return nil }
            }
            let before: Ticket
            var opened = false
            if let number = mail.ticketNumber {
                guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                    throw HelpDeskError.notFound("no ticket \(number) in this team")
                }
                before = ticket
            } else if var new = mail.newTicket {
                new.body = nil
                before = try Self.createTicket(db, new, now: now)
                opened = true
                try db.execute(
                    cachedSQL: "UPDATE conversations SET channel_id = ? WHERE id = ?",
                    arguments: [mail.channel.id, before.conversationID])
            } else {
                throw HelpDeskError.badRequest("an inbound mail needs a ticket to continue or one to open")
            }
            guard let conversation = try Self.conversation(db, id: before.conversationID, teamID: teamID) else {
                throw HelpDeskError.notFound("no such conversation")
            }
            var ids: [String] = []
            for file in mail.attachments {
                let id = Identifier.make("at")
                try db.execute(
                    cachedSQL: """
                        INSERT INTO attachments (id, team_id, conversation_id, ticket_id, uploader_kind, uploader_id, name,
                            content_type, size, created_at, data)
                        VALUES (?, ?, ?, NULL, 'customer', NULL, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, teamID, conversation.id, file.name, file.contentType, file.data.count, now.microseconds,
                        file.data,
                    ])
                ids.append(id)
            }
            let stored = try Self.insertCustomerMessage(
                db, conversation: conversation, body: mail.body, attachmentIDs: ids, now: now)
            if let messageID = mail.messageID {
                try db.execute(
                    cachedSQL: "UPDATE entries SET message_id = ? WHERE id = ?",
                    arguments: [messageID, stored.entry.id])
            }
            if let threadedBy = mail.threadedBy, !opened {
                try Self.insertEvent(
                    db, teamID: teamID, conversationID: conversation.id, ticketID: before.id,
                    TicketEvent(kind: .emailThreaded, detail: threadedBy), now: now)
            }
            let ticket = try Self.ticket(db, teamID: teamID, number: before.number) ?? before
            return InboundEmailResult(
                ticket: ticket, entry: stored.entry, opened: opened, reopened: stored.reopened != nil)
        }
    }

    public func ticketNumber(teamID: String, messageID: String) async throws -> Int? {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                cachedSQL: """
                    SELECT t.number FROM entries e JOIN tickets t ON t.id = e.ticket_id
                    WHERE e.team_id = ? AND e.message_id = ? ORDER BY e.id DESC LIMIT 1
                    """, arguments: [teamID, messageID])
        }
    }

    public func ticketNumber(teamID: String, entryID: Int64) async throws -> Int? {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                cachedSQL: """
                    SELECT t.number FROM entries e JOIN tickets t ON t.id = e.ticket_id
                    WHERE e.team_id = ? AND e.id = ?
                    """, arguments: [teamID, entryID])
        }
    }

    public func recordBounce(teamID: String, entryID: Int64, reason: String, now: Timestamp) async throws -> Bool {
        try await write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT o.id AS outbox_id, e.delivery_state FROM outbox o JOIN entries e ON e.id = o.entry_id
                        WHERE o.team_id = ? AND o.entry_id = ? AND o.state = 'sent'
                        """, arguments: [teamID, entryID])
            else { return false }
            try db.execute(
                cachedSQL: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
                arguments: [reason, row["outbox_id"] as Int64])
            try db.execute(
                cachedSQL: "UPDATE entries SET delivery_state = 'failed', delivery_error = ? WHERE id = ?",
                arguments: [reason, entryID])
            try db.execute(
                cachedSQL: "INSERT INTO delivery_changes (team_id, entry_id, at) VALUES (?, ?, ?)",
                arguments: [teamID, entryID, now.microseconds])
            return true
        }
    }

    public func outboundEmail(teamID: String, entryID: Int64) async throws -> OutboundEmailContext? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT e.body, e.author_id, e.author_name, e.conversation_id, t.number FROM entries e
                        JOIN tickets t ON t.id = e.ticket_id WHERE e.team_id = ? AND e.id = ?
                        """, arguments: [teamID, entryID]),
                let ticket = try Self.ticket(db, teamID: teamID, number: row["number"])
            else { return nil }
            let ids = try String.fetchAll(
                db,
                cachedSQL: """
                    SELECT message_id FROM entries WHERE conversation_id = ? AND message_id IS NOT NULL AND id < ?
                    ORDER BY id DESC LIMIT 10
                    """, arguments: [row["conversation_id"] as String, entryID])
            return OutboundEmailContext(
                body: row["body"] ?? "", ticket: ticket, authorID: row["author_id"],
                authorName: row["author_name"] ?? "",
                customerMessageIDs: ids)
        }
    }
}
