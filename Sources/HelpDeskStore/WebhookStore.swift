import Foundation
import HelpDeskCore

/// A team's outbound webhooks and their deliveries. A delivery is an outbox
/// entry (kind `webhook`) plus a `webhook_deliveries` row holding its body and
/// what the receiver answered; events queue deliveries in the transaction of
/// the change they report (see `WebhookEventType.of`).
public protocol WebhookStore: Sendable {
    /// Adds a webhook with its secret (sealed at rest); `unprocessable` when the team has `Webhook.teamLimit`.
    func createWebhook(_ webhook: Webhook, secret: String, audit: AuditTrail<Void>) async throws
    /// The team's webhooks, oldest first.
    func webhooks(teamID: String) async throws -> [Webhook]
    func webhook(id: String, teamID: String) async throws -> Webhook?
    /// Replaces url, events, active and description; false when the team has no such webhook.
    func updateWebhook(_ webhook: Webhook, audit: AuditTrail<Void>) async throws -> Bool
    /// Deletes a webhook with its deliveries; their queued outbox entries fail, unsent. False when not found.
    func deleteWebhook(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool
    /// Replaces the signing secret; false when not found.
    func rotateWebhookSecret(id: String, teamID: String, secret: String, audit: AuditTrail<Void>) async throws
        -> Bool
    /// A webhook's deliveries, newest first, at most `limit`.
    func webhookDeliveries(webhookID: String, teamID: String, limit: Int) async throws -> [WebhookDelivery]
    /// Queues a new delivery (`newID`) of a delivery's body, due now; nil when not found.
    func replayWebhookDelivery(id: String, webhookID: String, teamID: String, newID: String, now: Timestamp)
        async throws -> WebhookDelivery?
    func webhookSettings(teamID: String) async throws -> WebhookSettings
    func saveWebhookSettings(teamID: String, _ settings: WebhookSettings, audit: AuditTrail<Void>) async throws
    /// What the delivery worker needs for the outbox entry `outboxID`; nil when its webhook is gone.
    func webhookDispatch(outboxID: Int64) async throws -> WebhookDispatch?
    /// Records one attempt's answer: its status and an excerpt of its body (nil for no answer).
    func recordWebhookAttempt(deliveryID: String, status: Int?, body: String?, at: Timestamp)
        async throws
}

/// One delivery as the worker sends it.
public struct WebhookDispatch: Sendable, Equatable {
    public var deliveryID: String
    public var teamID: String
    public var event: WebhookEventType
    public var body: String
    public var url: String
    public var secret: String
    public var settings: WebhookSettings

    public init(
        deliveryID: String, teamID: String, event: WebhookEventType, body: String, url: String, secret: String,
        settings: WebhookSettings
    ) {
        self.deliveryID = deliveryID
        self.teamID = teamID
        self.event = event
        self.body = body
        self.url = url
        self.secret = secret
        self.settings = settings
    }
}
