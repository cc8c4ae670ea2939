import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Webhooks

extension PostgresStore {
    static func webhook(row: Row) throws -> Webhook {
        Webhook(
            id: try row["id"], teamID: try row["team_id"], url: try row["url"],
            events: try Webhook.events(stored: try row["events"]), active: try row["active"],
            description: try row["description"], createdAt: try row.time("created_at"))
    }

    static let deliveryColumns = """
        d.id, d.webhook_id, d.event, d.response_status, d.response_body, d.last_attempt_at, d.created_at,
        o.state, o.attempts, o.last_error, o.next_attempt_at
        """

    static func delivery(row: Row) throws -> WebhookDelivery {
        let state: OutboxState = try stored(try row["state"], column: "outbox.state")
        return WebhookDelivery(
            id: try row["id"], webhookID: try row["webhook_id"],
            event: try stored(try row["event"], column: "webhook_deliveries.event"), state: state,
            attempts: Int(try row["attempts"] as Int64),
            responseStatus: (try row["response_status"] as Int32?).map(Int.init),
            responseBody: try row["response_body"], error: try row["last_error"], createdAt: try row.time("created_at"),
            lastAttemptAt: try row.optionalTime("last_attempt_at"),
            nextAttemptAt: state == .queued ? try row.time("next_attempt_at") : nil)
    }

    /// Queues a delivery of a timeline event to each active webhook of the team subscribed to its type.
    static func queueWebhooks(
        _ db: PostgresTransaction, teamID: String, ticketID: Int64, event: TicketEvent, now: Timestamp
    ) async throws {
        guard let type = WebhookEventType.of(event) else { return }
        try await queueWebhooks(db, teamID: teamID, type: type, ticketID: ticketID, now: now) { ticket, eventID in
            guard let ticket else { return nil }
            return try WebhookEventBody.ticketEvent(type, eventID: eventID, ticket: ticket, event: event, at: now)
                .json()
        }
    }

    /// Queues a delivery of `type` to each active webhook of the team subscribed to it, the body
    /// written by `body` from the ticket (`ticketID`, as it is now in this transaction) and an event id.
    static func queueWebhooks(
        _ db: PostgresTransaction, teamID: String, type: WebhookEventType, ticketID: Int64?, now: Timestamp,
        body: (Ticket?, String) throws -> String?
    ) async throws {
        let hooks = try await db.rows(
            "SELECT id, events FROM webhooks WHERE team_id = \(teamID) AND active ORDER BY created_at"
        ).filter { (try? ($0["events"] as String).split(separator: ",").contains(Substring(type.rawValue))) == true }
        guard !hooks.isEmpty else { return }
        var ticket: Ticket?
        if let ticketID {
            ticket = try await db.row("\(unescaped: ticketSelect) WHERE t.id = \(ticketID)").map(Self.ticket(row:))
        }
        guard let text = try body(ticket, Identifier.make("evt")) else { return }
        for hook in hooks {
            try await insertDelivery(
                db, teamID: teamID, webhookID: try hook["id"], event: type, body: text, id: Identifier.make("whd"),
                now: now)
        }
    }

    static func insertDelivery(
        _ db: PostgresTransaction, teamID: String, webhookID: String, event: WebhookEventType, body: String,
        id: String, now: Timestamp
    ) async throws {
        let payload = "{\"deliveryId\":\"\(id)\"}"
        guard
            let outboxID = try await db.value(
                Int64.self,
                """
                INSERT INTO outbox (team_id, kind, payload, entry_id, next_attempt_at, created_at)
                VALUES (\(teamID), 'webhook', \(payload), NULL, \(now.microseconds), \(now.microseconds))
                RETURNING id
                """)
        else { throw HelpDeskError.notFound("outbox entry vanished") }
        try await db.run(
            """
            INSERT INTO webhook_deliveries (id, team_id, webhook_id, outbox_id, event, body, created_at)
            VALUES (\(id), \(teamID), \(webhookID), \(outboxID), \(event.rawValue), \(body), \(now.microseconds))
            """)
    }

    public func createWebhook(_ webhook: Webhook, secret: String, audit: AuditTrail<Void>) async throws {
        let sealed = try secrets.seal(secret)
        try await write { db in
            try await db.lockTeam(webhook.teamID)
            try Webhook.checkRoom(
                teamWebhookCount: Int(
                    try await db.value(Int64.self, "SELECT count(*) FROM webhooks WHERE team_id = \(webhook.teamID)")
                        ?? 0))
            try await db.run(
                """
                INSERT INTO webhooks (id, team_id, url, events, active, description, secret, created_at)
                VALUES (\(webhook.id), \(webhook.teamID), \(webhook.url), \(webhook.storedEvents), \(webhook.active),
                    \(webhook.description), \(sealed), \(webhook.createdAt.microseconds))
                """)
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func webhooks(teamID: String) async throws -> [Webhook] {
        try await read { db in
            try await db.rows("SELECT * FROM webhooks WHERE team_id = \(teamID) ORDER BY created_at, id")
                .map(Self.webhook(row:))
        }
    }

    public func webhook(id: String, teamID: String) async throws -> Webhook? {
        try await read { db in
            try await db.row("SELECT * FROM webhooks WHERE id = \(id) AND team_id = \(teamID)").map(Self.webhook(row:))
        }
    }

    public func updateWebhook(_ webhook: Webhook, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            let updated = try await db.count(
                """
                UPDATE webhooks SET url = \(webhook.url), events = \(webhook.storedEvents), active = \(webhook.active),
                    description = \(webhook.description)
                WHERE id = \(webhook.id) AND team_id = \(webhook.teamID) RETURNING id
                """)
            guard updated > 0 else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func deleteWebhook(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try await db.run(
                """
                UPDATE outbox SET state = 'failed', last_error = 'the webhook was deleted'
                WHERE id IN (SELECT outbox_id FROM webhook_deliveries WHERE webhook_id = \(id)) AND team_id = \(teamID)
                    AND state = 'queued'
                """)
            try await db.run("DELETE FROM webhook_deliveries WHERE webhook_id = \(id) AND team_id = \(teamID)")
            guard try await db.count("DELETE FROM webhooks WHERE id = \(id) AND team_id = \(teamID) RETURNING id") > 0
            else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func rotateWebhookSecret(id: String, teamID: String, secret: String, audit: AuditTrail<Void>) async throws
        -> Bool
    {
        let sealed = try secrets.seal(secret)
        return try await write { db in
            guard
                try await db.count(
                    "UPDATE webhooks SET secret = \(sealed) WHERE id = \(id) AND team_id = \(teamID) RETURNING id") > 0
            else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func webhookDeliveries(webhookID: String, teamID: String, limit: Int) async throws -> [WebhookDelivery] {
        try await read { db in
            try await db.rows(
                """
                SELECT \(unescaped: Self.deliveryColumns) FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
                WHERE d.webhook_id = \(webhookID) AND d.team_id = \(teamID)
                ORDER BY d.created_at DESC, o.id DESC LIMIT \(limit)
                """
            ).map(Self.delivery(row:))
        }
    }

    public func replayWebhookDelivery(id: String, webhookID: String, teamID: String, newID: String, now: Timestamp)
        async throws -> WebhookDelivery?
    {
        try await write { db in
            guard
                let original = try await db.row(
                    """
                    SELECT event, body FROM webhook_deliveries
                    WHERE id = \(id) AND webhook_id = \(webhookID) AND team_id = \(teamID)
                    """)
            else { return nil }
            try await Self.insertDelivery(
                db, teamID: teamID, webhookID: webhookID,
                event: try stored(try original["event"], column: "webhook_deliveries.event"),
                body: try original["body"], id: newID, now: now)
            return try await db.row(
                """
                SELECT \(unescaped: Self.deliveryColumns) FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
                WHERE d.id = \(newID)
                """
            ).map(Self.delivery(row:))
        }
    }

    public func webhookSettings(teamID: String) async throws -> WebhookSettings {
        try await read { db in
            guard
                let allow = try await db.value(
                    Bool.self, "SELECT webhooks_allow_private FROM teams WHERE id = \(teamID)")
            else { throw HelpDeskError.notFound("no such team") }
            return WebhookSettings(allowPrivateTargets: allow)
        }
    }

    public func saveWebhookSettings(teamID: String, _ settings: WebhookSettings, audit: AuditTrail<Void>) async throws {
        try await write { db in
            guard
                try await db.count(
                    """
                    UPDATE teams SET webhooks_allow_private = \(settings.allowPrivateTargets) WHERE id = \(teamID)
                    RETURNING id
                    """) == 1
            else { throw HelpDeskError.notFound("no such team") }
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func webhookDispatch(outboxID: Int64) async throws -> WebhookDispatch? {
        let secrets = secrets
        return try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT d.id, d.team_id, d.event, d.body, w.url, w.secret, t.webhooks_allow_private
                    FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN teams t ON t.id = d.team_id
                    WHERE d.outbox_id = \(outboxID)
                    """)
            else { return nil }
            return WebhookDispatch(
                deliveryID: try row["id"], teamID: try row["team_id"],
                event: try stored(try row["event"], column: "webhook_deliveries.event"), body: try row["body"],
                url: try row["url"], secret: try secrets.open(try row["secret"]),
                settings: WebhookSettings(allowPrivateTargets: try row["webhooks_allow_private"]))
        }
    }

    public func recordWebhookAttempt(deliveryID: String, status: Int?, body: String?, at: Timestamp) async throws {
        let status32 = status.map(Int32.init)
        try await write { db in
            try await db.run(
                """
                UPDATE webhook_deliveries SET response_status = \(status32), response_body = \(body),
                    last_attempt_at = \(at.microseconds)
                WHERE id = \(deliveryID)
                """)
        }
    }
}
