import Foundation
import GRDB
import HelpDeskCore

// MARK: - Passwords, sessions and removal

extension SQLiteStore {
    public func setPassword(
        memberID: String, teamID: String, passwordHash: String, keepingSession tokenHash: String?,
        audit: AuditTrail<Void>
    ) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: "UPDATE members SET password_hash = ? WHERE id = ? AND team_id = ? AND removed_at IS NULL",
                arguments: [passwordHash, memberID, teamID])
            guard db.changesCount > 0 else {
                throw HelpDeskError.notFound("no member with id \(memberID) in this team")
            }
            try db.execute(
                cachedSQL: "DELETE FROM sessions WHERE member_id = ? AND token_hash IS NOT ?",
                arguments: [memberID, tokenHash])
            try Self.insertAudit(db, audit.records)
        }
    }

    public func deleteSessions(memberID: String) async throws {
        try await write { db in
            try db.execute(cachedSQL: "DELETE FROM sessions WHERE member_id = ?", arguments: [memberID])
        }
    }

    public func removeMember(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            guard let member = try Self.member(db, id: id, teamID: teamID) else { return false }
            try db.execute(cachedSQL: "DELETE FROM sessions WHERE member_id = ?", arguments: [id])
            // The address is freed for a new account; the name stays on the timeline.
            try db.execute(
                cachedSQL: """
                    UPDATE members SET removed_at = ?, availability = 'offline', password_hash = '!',
                        email = 'removed-' || id || '@removed.invalid'
                    WHERE id = ?
                    """, arguments: [now.microseconds, id])
            // Chats they held go back to the AI, so no customer is left with nobody.
            try db.execute(
                cachedSQL:
                    "UPDATE conversations SET speaker = 'ai', speaker_member_id = NULL WHERE speaker_member_id = ?",
                arguments: [id])
            let held = try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT id, conversation_id FROM tickets
                    WHERE team_id = ? AND assignee_id = ? AND status_rank < 2 ORDER BY last_activity_at, id
                    """, arguments: [teamID, id])
            for row in held {
                let ticketID: Int64 = row["id"]
                let conversationID: String = row["conversation_id"]
                try db.execute(cachedSQL: "UPDATE tickets SET assignee_id = NULL WHERE id = ?", arguments: [ticketID])
                try Self.insertEvent(
                    db, teamID: teamID, conversationID: conversationID, ticketID: ticketID,
                    TicketEvent(kind: .unassigned, from: member.displayName, detail: Backfill.removalReason(member)),
                    now: now)
                try Self.route(db, teamID: teamID, ticketID: ticketID, conversationID: conversationID, now: now)
            }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }
}
