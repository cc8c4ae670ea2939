import Foundation
import HelpDeskAI
import HelpDeskCore
import HelpDeskStore

/// A webhook with its signing secret, shown once: on creation and on rotation.
public struct WebhookWithSecret: Sendable {
    public var webhook: Webhook
    public var secret: String
}

/// What a member changes on a webhook; nil leaves a field as it is.
public struct WebhookChange: Sendable {
    public var url: String?
    public var events: [String]?
    public var active: Bool?
    /// `.some(nil)` clears the description.
    public var description: String??

    public init(url: String? = nil, events: [String]? = nil, active: Bool? = nil, description: String?? = nil) {
        self.url = url
        self.events = events
        self.active = active
        self.description = description
    }
}

extension HelpDesk {
    // MARK: - Webhooks

    /// Owners manage webhooks; managers may read them and their deliveries.
    func requireWebhookOwner(_ caller: Caller) throws {
        try caller.requireHelpDesk()
        guard caller.member.role == .owner else {
            throw HelpDeskError.forbidden(
                "only owners can manage webhooks; you are \(caller.member.role == .manager ? "a manager" : "an operator")"
            )
        }
    }

    func requireWebhookReader(_ caller: Caller) throws {
        try caller.requireHelpDesk()
        try caller.requireConfigure("see the team's webhooks")
    }

    /// The team's webhooks (owners and managers).
    public func webhooks(_ caller: Caller) async throws -> [Webhook] {
        try requireWebhookReader(caller)
        return try await store.webhooks(teamID: caller.team.id)
    }

    /// One webhook (owners and managers); 404 when the team has none by that id.
    public func webhook(_ caller: Caller, id: String) async throws -> Webhook {
        try requireWebhookReader(caller)
        guard let webhook = try await store.webhook(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no webhook \(id) in this team")
        }
        return webhook
    }

    /// Subscribes a URL to events (owners). The URL is refused (400 on `url`) when it, or an
    /// address its host resolves to, is private under the team's settings; see `Webhook.urlProblem`.
    public func createWebhook(
        _ caller: Caller, url: String, events: [String], active: Bool?, description: String?
    ) async throws -> WebhookWithSecret {
        try requireWebhookOwner(caller)
        var errors: [FieldError] = []
        let url = url.trimmingWhitespace()
        if let problem = try await webhookURLProblem(url, teamID: caller.team.id) {
            errors.append(FieldError(field: "url", message: problem))
        }
        var chosen: [WebhookEventType] = []
        var text: String?
        do { chosen = try Webhook.validEvents(events) } catch .invalid(let more) { errors += more } catch {}
        do { text = try Webhook.validDescription(description) } catch .invalid(let more) { errors += more } catch {}
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        let webhook = Webhook(
            id: Identifier.make("wh"), teamID: caller.team.id, url: url, events: chosen, active: active ?? true,
            description: text, createdAt: clock())
        let secret = Self.newWebhookSecret()
        try await store.createWebhook(
            webhook, secret: secret,
            audit: auditTrail(
                caller, .webhookCreated, subject: .webhook(webhook), before: nil,
                after: AuditSnapshot.webhook(webhook, secret: secret)))
        return WebhookWithSecret(webhook: webhook, secret: secret)
    }

    /// Changes a webhook (owners).
    public func updateWebhook(_ caller: Caller, id: String, _ change: WebhookChange) async throws -> Webhook {
        try requireWebhookOwner(caller)
        guard var webhook = try await store.webhook(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no webhook \(id) in this team")
        }
        let previous = webhook
        var errors: [FieldError] = []
        if let url = change.url?.trimmingWhitespace() {
            if let problem = try await webhookURLProblem(url, teamID: caller.team.id) {
                errors.append(FieldError(field: "url", message: problem))
            }
            webhook.url = url
        }
        if let events = change.events {
            do { webhook.events = try Webhook.validEvents(events) } catch .invalid(let more) { errors += more } catch {}
        }
        if let description = change.description {
            do { webhook.description = try Webhook.validDescription(description) } catch .invalid(let more) {
                errors += more
            } catch {}
        }
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        if let active = change.active { webhook.active = active }
        let audit =
            webhook == previous
            ? AuditTrail.none
            : auditTrail(
                caller, .webhookUpdated, subject: .webhook(webhook), before: AuditSnapshot.webhook(previous),
                after: AuditSnapshot.webhook(webhook))
        guard try await store.updateWebhook(webhook, audit: audit) else {
            throw HelpDeskError.notFound("no webhook \(id) in this team")
        }
        return webhook
    }

    /// Deletes a webhook with its deliveries (owners).
    public func deleteWebhook(_ caller: Caller, id: String) async throws {
        try requireWebhookOwner(caller)
        guard let webhook = try await store.webhook(id: id, teamID: caller.team.id),
            try await store.deleteWebhook(
                id: id, teamID: caller.team.id,
                audit: auditTrail(
                    caller, .webhookDeleted, subject: .webhook(webhook), before: AuditSnapshot.webhook(webhook),
                    after: nil))
        else { throw HelpDeskError.notFound("no webhook \(id) in this team") }
    }

    /// Replaces a webhook's signing secret and shows the new one once (owners).
    public func rotateWebhookSecret(_ caller: Caller, id: String) async throws -> WebhookWithSecret {
        try requireWebhookOwner(caller)
        let secret = Self.newWebhookSecret()
        guard let webhook = try await store.webhook(id: id, teamID: caller.team.id),
            try await store.rotateWebhookSecret(
                id: id, teamID: caller.team.id, secret: secret,
                audit: auditTrail(
                    caller, .webhookUpdated, subject: .webhook(webhook),
                    before: AuditSnapshot.webhook(webhook, secret: ""),
                    after: AuditSnapshot.webhook(webhook, secret: secret)))
        else { throw HelpDeskError.notFound("no webhook \(id) in this team") }
        return WebhookWithSecret(webhook: webhook, secret: secret)
    }

    /// A webhook's deliveries, newest first (owners and managers).
    public func webhookDeliveries(_ caller: Caller, id: String, limit: Int) async throws -> [WebhookDelivery] {
        _ = try await webhook(caller, id: id)
        return try await store.webhookDeliveries(
            webhookID: id, teamID: caller.team.id, limit: min(max(limit, 1), WebhookDelivery.listLimit))
    }

    /// Sends a delivery's body again, as a new delivery due now (owners).
    public func replayWebhookDelivery(_ caller: Caller, id: String, deliveryID: String) async throws
        -> WebhookDelivery
    {
        try requireWebhookOwner(caller)
        guard
            let delivery = try await store.replayWebhookDelivery(
                id: deliveryID, webhookID: id, teamID: caller.team.id, newID: Identifier.make("whd"), now: clock())
        else { throw HelpDeskError.notFound("webhook \(id) has no delivery \(deliveryID)") }
        return delivery
    }

    /// The team's webhook settings (owners and managers).
    public func webhookSettings(_ caller: Caller) async throws -> WebhookSettings {
        try requireWebhookReader(caller)
        return try await store.webhookSettings(teamID: caller.team.id)
    }

    /// Changes the team's webhook settings (owners only: opening private addresses is theirs to decide).
    public func updateWebhookSettings(_ caller: Caller, _ settings: WebhookSettings) async throws -> WebhookSettings {
        try requireWebhookOwner(caller)
        let previous = try await store.webhookSettings(teamID: caller.team.id)
        func snapshot(_ value: WebhookSettings) -> AuditValue {
            .object(["webhooks": .object(["allowPrivateTargets": .bool(value.allowPrivateTargets)])])
        }
        let audit =
            previous == settings
            ? AuditTrail.none
            : auditTrail(
                caller, .settingsUpdated, subject: .settings(caller.team), before: snapshot(previous),
                after: snapshot(settings))
        try await store.saveWebhookSettings(teamID: caller.team.id, settings, audit: audit)
        return settings
    }

    /// What is wrong with a webhook URL for this team, its host resolved, or nil.
    /// A host that does not resolve now is accepted: it is checked again at each delivery.
    func webhookURLProblem(_ url: String, teamID: String) async throws -> String? {
        let policy = try await store.webhookSettings(teamID: teamID).policy(server: outbound)
        if let problem = Webhook.urlProblem(url, policy: policy) { return problem }
        guard let host = URLComponents(string: url)?.host else { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let refused = await OutboundGuard.resolve(bare).first(where: { !policy.permits(address: $0) }) {
            return "the host \(bare) resolves to \(refused), a private, loopback or link-local address; an owner "
                + "may allow private targets in the webhook settings"
        }
        return nil
    }

    /// A new signing secret: `whsec_` and 32 random bytes in hex.
    static func newWebhookSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

extension HelpDesk {
    // MARK: - Webhook delivery (the outbox worker's verbs)

    /// What an outbox entry of kind `webhook` sends; nil when its webhook was deleted.
    public func webhookDispatch(_ entry: OutboxEntry) async throws -> WebhookDispatch? {
        try await store.webhookDispatch(outboxID: entry.id)
    }

    /// Records what a receiver answered to one attempt (nil status: no answer).
    public func recordWebhookAttempt(_ dispatch: WebhookDispatch, status: Int?, body: String?) async throws {
        try await store.recordWebhookAttempt(deliveryID: dispatch.deliveryID, status: status, body: body, at: clock())
    }

    /// The clock deliveries stamp their signatures with.
    public var now: Timestamp { clock() }
}

extension HelpDesk {
    /// The owner check before a body is read, so that an operator's malformed request is 403, not 400.
    public func requireWebhookOwnerForRoute(_ caller: Caller) throws {
        try requireWebhookOwner(caller)
    }
}
