import Foundation
import GRDB
import HelpDeskCore

// MARK: - Webhooks

extension SQLiteStore {
    static func webhook(row: Row) throws -> Webhook {
        Webhook(
            id: row["id"], teamID: row["team_id"], url: row["url"], events: try Webhook.events(stored: row["events"]),
            active: row["active"], description: row["description"],
            createdAt: Timestamp(microseconds: row["created_at"]))
    }

    static let deliveryColumns = """
        d.id, d.webhook_id, d.event, d.response_status, d.response_body, d.last_attempt_at, d.created_at,
        o.state, o.attempts, o.last_error, o.next_attempt_at
        """

    static func delivery(row: Row) throws -> WebhookDelivery {
        let state: OutboxState = try stored(row["state"], column: "outbox.state")
        return WebhookDelivery(
            id: row["id"], webhookID: row["webhook_id"],
            event: try stored(row["event"], column: "webhook_deliveries.event"),
            state: state, attempts: row["attempts"], responseStatus: row["response_status"],
            responseBody: row["response_body"], error: row["last_error"],
            createdAt: Timestamp(microseconds: row["created_at"]),
            lastAttemptAt: (row["last_attempt_at"] as Int64?).map(Timestamp.init(microseconds:)),
            nextAttemptAt: state == .queued ? Timestamp(microseconds: row["next_attempt_at"]) : nil)
    }

    /// Queues a delivery of a timeline event to each active webhook of the team subscribed to its type.
    static func queueWebhooks(
        _ db: Database, teamID: String, ticketID: Int64, event: TicketEvent, now: Timestamp
    ) throws {
        guard let type = WebhookEventType.of(event) else { return }
        try queueWebhooks(db, teamID: teamID, type: type, ticketID: ticketID, now: now) { ticket, eventID in
            guard let ticket else { return nil }
            return try WebhookEventBody.ticketEvent(type, eventID: eventID, ticket: ticket, event: event, at: now)
                .json()
        }
    }

    /// Queues a delivery of `type` to each active webhook of the team subscribed to it, the body
    /// written by `body` from the ticket (`ticketID`, as it is now in this transaction) and an event id.
    static func queueWebhooks(
        _ db: Database, teamID: String, type: WebhookEventType, ticketID: Int64?, now: Timestamp,
        body: (Ticket?, String) throws -> String?
    ) throws {
        let hooks = try Row.fetchAll(
            db, cachedSQL: "SELECT id, events FROM webhooks WHERE team_id = ? AND active = 1 ORDER BY created_at",
            arguments: [teamID]
        ).filter { ($0["events"] as String).split(separator: ",").contains(Substring(type.rawValue)) }
        guard !hooks.isEmpty else { return }
        let ticket = try ticketID.flatMap {
            try Row.fetchOne(db, cachedSQL: "\(ticketSelect) WHERE t.id = ?", arguments: [$0]).map(Self.ticket(row:))
        }
        guard let text = try body(ticket, Identifier.make("evt")) else { return }
        for hook in hooks {
            try insertDelivery(
                db, teamID: teamID, webhookID: hook["id"], event: type, body: text, id: Identifier.make("whd"), now: now
            )
        }
    }

    static func insertDelivery(
        _ db: Database, teamID: String, webhookID: String, event: WebhookEventType, body: String, id: String,
        now: Timestamp
    ) throws {
        try db.execute(
            cachedSQL: """
                INSERT INTO outbox (team_id, kind, payload, entry_id, next_attempt_at, created_at)
                VALUES (?, 'webhook', json_object('deliveryId', ?), NULL, ?, ?)
                """, arguments: [teamID, id, now.microseconds, now.microseconds])
        try db.execute(
            cachedSQL: """
                INSERT INTO webhook_deliveries (id, team_id, webhook_id, outbox_id, event, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, teamID, webhookID, db.lastInsertedRowID, event.rawValue, body, now.microseconds])
    }

    public func createWebhook(_ webhook: Webhook, secret: String, audit: AuditTrail<Void>) async throws {
        let sealed = try secrets.seal(secret)
        try await write { db in
            try Webhook.checkRoom(
                teamWebhookCount: try Int.fetchOne(
                    db, cachedSQL: "SELECT count(*) FROM webhooks WHERE team_id = ?", arguments: [webhook.teamID]) ?? 0)
            try db.execute(
                cachedSQL: """
                    INSERT INTO webhooks (id, team_id, url, events, active, description, secret, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    webhook.id, webhook.teamID, webhook.url, webhook.storedEvents, webhook.active, webhook.description,
                    sealed, webhook.createdAt.microseconds,
                ])
            try Self.insertAudit(db, audit.records)
        }
    }

    public func webhooks(teamID: String) async throws -> [Webhook] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "SELECT * FROM webhooks WHERE team_id = ? ORDER BY created_at, id", arguments: [teamID]
            ).map(Self.webhook(row:))
        }
    }

    public func webhook(id: String, teamID: String) async throws -> Webhook? {
        try await pool.read { db in
            try Row.fetchOne(
                db, cachedSQL: "SELECT * FROM webhooks WHERE id = ? AND team_id = ?", arguments: [id, teamID]
            ).map(Self.webhook(row:))
        }
    }

    public func updateWebhook(_ webhook: Webhook, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE webhooks SET url = ?, events = ?, active = ?, description = ? WHERE id = ? AND team_id = ?
                    """,
                arguments: [
                    webhook.url, webhook.storedEvents, webhook.active, webhook.description, webhook.id, webhook.teamID,
                ])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func deleteWebhook(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE outbox SET state = 'failed', last_error = 'the webhook was deleted'
                    WHERE id IN (SELECT outbox_id FROM webhook_deliveries WHERE webhook_id = ?) AND team_id = ?
                        AND state = 'queued'
                    """, arguments: [id, teamID])
            try db.execute(
                cachedSQL: "DELETE FROM webhook_deliveries WHERE webhook_id = ? AND team_id = ?",
                arguments: [id, teamID])
            try db.execute(cachedSQL: "DELETE FROM webhooks WHERE id = ? AND team_id = ?", arguments: [id, teamID])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func rotateWebhookSecret(id: String, teamID: String, secret: String, audit: AuditTrail<Void>) async throws
        -> Bool
    {
        let sealed = try secrets.seal(secret)
        return try await write { db in
            try db.execute(
                cachedSQL: "UPDATE webhooks SET secret = ? WHERE id = ? AND team_id = ?",
                arguments: [sealed, id, teamID])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func webhookDeliveries(webhookID: String, teamID: String, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT \(Self.deliveryColumns) FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
                    WHERE d.webhook_id = ? AND d.team_id = ? ORDER BY d.created_at DESC, o.id DESC LIMIT ?
                    """, arguments: [webhookID, teamID, limit]
            ).map(Self.delivery(row:))
        }
    }

    public func replayWebhookDelivery(id: String, webhookID: String, teamID: String, newID: String, now: Timestamp)
        async throws -> WebhookDelivery?
    {
        try await write { db in
            guard
                let original = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT event, body FROM webhook_deliveries WHERE id = ? AND webhook_id = ? AND team_id = ?
                        """, arguments: [id, webhookID, teamID])
            else { return nil }
            try Self.insertDelivery(
                db, teamID: teamID, webhookID: webhookID,
                event: try stored(original["event"], column: "webhook_deliveries.event"), body: original["body"],
                id: newID, now: now)
            return try Row.fetchOne(
                db,
                cachedSQL: """
                    SELECT \(Self.deliveryColumns) FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
                    WHERE d.id = ?
                    """, arguments: [newID]
            ).map(Self.delivery(row:))
        }
    }

    public func webhookSettings(teamID: String) async throws -> WebhookSettings {
        try await pool.read { db in
            guard
                let allow = try Bool.fetchOne(
                    db, cachedSQL: "SELECT webhooks_allow_private FROM teams WHERE id = ?", arguments: [teamID])
            else { throw HelpDeskError.notFound("no such team") }
            return WebhookSettings(allowPrivateTargets: allow)
        }
    }

    public func saveWebhookSettings(teamID: String, _ settings: WebhookSettings, audit: AuditTrail<Void>) async throws {
        try await write { db in
            try db.execute(
                cachedSQL: "UPDATE teams SET webhooks_allow_private = ? WHERE id = ?",
                arguments: [settings.allowPrivateTargets, teamID])
            guard db.changesCount == 1 else { throw HelpDeskError.notFound("no such team") }
            try Self.insertAudit(db, audit.records)
        }
    }

    public func webhookDispatch(outboxID: Int64) async throws -> WebhookDispatch? {
        let secrets = secrets
        return try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT d.id, d.team_id, d.event, d.body, w.url, w.secret, t.webhooks_allow_private
                        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN teams t ON t.id = d.team_id
                        WHERE d.outbox_id = ?
                        """, arguments: [outboxID])
            else { return nil }
            return WebhookDispatch(
                deliveryID: row["id"], teamID: row["team_id"],
                event: try stored(row["event"], column: "webhook_deliveries.event"), body: row["body"], url: row["url"],
                secret: try secrets.open(row["secret"]),
                settings: WebhookSettings(allowPrivateTargets: row["webhooks_allow_private"]))
        }
    }

    public func recordWebhookAttempt(deliveryID: String, status: Int?, body: String?, at: Timestamp)
        async throws
    {
        try await write { db in
            try db.execute(
                cachedSQL: """
                    UPDATE webhook_deliveries SET response_status = ?, response_body = ?, last_attempt_at = ?
                    WHERE id = ?
                    """, arguments: [status, body, at.microseconds, deliveryID])
        }
    }
}
