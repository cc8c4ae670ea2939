import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird

/// Outbound webhooks: owners subscribe URLs to events and manage them; owners
/// and managers read them and their deliveries. See README, "Outbound webhooks".
enum WebhooksAPI {
    struct NewWebhookBody: Decodable {
        var url: String
        var events: [String]
        var active: Bool?
        var description: String?

        enum CodingKeys: String, CodingKey { case url, events, active, description }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decode(String.self, forKey: .url)
            events = try c.decode([String].self, forKey: .events)
            active = try c.decodeUnlessAbsent(Bool.self, forKey: .active)
            description = try c.decodeIfPresent(String.self, forKey: .description)
        }
    }

    struct WebhookChangeBody: Decodable {
        var change = WebhookChange()

        enum CodingKeys: String, CodingKey { case url, events, active, description }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            change.url = try c.decodeUnlessAbsent(String.self, forKey: .url)
            change.events = try c.decodeUnlessAbsent([String].self, forKey: .events)
            change.active = try c.decodeUnlessAbsent(Bool.self, forKey: .active)
            change.description = try c.decodePatchField(String.self, forKey: .description)
        }
    }

    struct SettingsBody: Decodable {
        var allowPrivateTargets: Bool
    }

    struct SettingsJSON: Encodable {
        var allowPrivateTargets: Bool
    }

    struct WebhookJSON: Encodable {
        var webhook: Webhook
        /// Only in the answers that create it or rotate it.
        var secret: String?

        enum CodingKeys: String, CodingKey { case id, url, events, active, description, createdAt, secret }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(webhook.id, forKey: .id)
            try c.encode(webhook.url, forKey: .url)
            try c.encode(webhook.events.map(\.rawValue), forKey: .events)
            try c.encode(webhook.active, forKey: .active)
            try c.encode(webhook.description, forKey: .description)
            try c.encode(webhook.createdAt, forKey: .createdAt)
            try c.encodeIfPresent(secret, forKey: .secret)
        }
    }

    struct DeliveryJSON: Encodable {
        var delivery: WebhookDelivery

        enum CodingKeys: String, CodingKey {
            case id, event, state, attempts, responseStatus, responseBody, error, createdAt, lastAttemptAt,
                nextAttemptAt
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(delivery.id, forKey: .id)
            try c.encode(delivery.event.rawValue, forKey: .event)
            try c.encode(delivery.state.rawValue, forKey: .state)
            try c.encode(delivery.attempts, forKey: .attempts)
            try c.encode(delivery.responseStatus, forKey: .responseStatus)
            try c.encode(delivery.responseBody, forKey: .responseBody)
            try c.encode(delivery.error, forKey: .error)
            try c.encode(delivery.createdAt, forKey: .createdAt)
            try c.encode(delivery.lastAttemptAt, forKey: .lastAttemptAt)
            try c.encode(delivery.nextAttemptAt, forKey: .nextAttemptAt)
        }
    }

    /// How many deliveries a listing shows.
    static let deliveriesShown = 50

    static func id(_ context: AppRequestContext, _ name: String = "id") -> String {
        context.parameters.get(name) ?? ""
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/settings/webhooks") { _, context in
            let caller = try context.requireCaller()
            let settings = try await helpDesk.webhookSettings(caller)
            return try jsonResponse(SettingsJSON(allowPrivateTargets: settings.allowPrivateTargets))
        }
        routes.add(.put, "/api/v1/settings/webhooks") { request, context in
            let caller = try context.requireCaller()
            try helpDesk.requireWebhookOwnerForRoute(caller)
            let body = try await request.decodeJSON(SettingsBody.self)
            let settings = try await helpDesk.updateWebhookSettings(
                caller, WebhookSettings(allowPrivateTargets: body.allowPrivateTargets))
            return try jsonResponse(SettingsJSON(allowPrivateTargets: settings.allowPrivateTargets))
        }
        routes.add(.get, "/api/v1/webhooks") { _, context in
            let caller = try context.requireCaller()
            let webhooks = try await helpDesk.webhooks(caller)
            return try jsonResponse(ItemsJSON(items: webhooks.map { WebhookJSON(webhook: $0) }))
        }
        routes.add(.post, "/api/v1/webhooks") { request, context in
            let caller = try context.requireCaller()
            try helpDesk.requireWebhookOwnerForRoute(caller)
            let body = try await request.decodeJSON(NewWebhookBody.self)
            let created = try await helpDesk.createWebhook(
                caller, url: body.url, events: body.events, active: body.active, description: body.description)
            return try jsonResponse(WebhookJSON(webhook: created.webhook, secret: created.secret), status: .created)
        }
        routes.add(.get, "/api/v1/webhooks/:id") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(WebhookJSON(webhook: try await helpDesk.webhook(caller, id: id(context))))
        }
        routes.add(.patch, "/api/v1/webhooks/:id") { request, context in
            let caller = try context.requireCaller()
            try helpDesk.requireWebhookOwnerForRoute(caller)
            let body = try await request.decodeJSON(WebhookChangeBody.self)
            let webhook = try await helpDesk.updateWebhook(caller, id: id(context), body.change)
            return try jsonResponse(WebhookJSON(webhook: webhook))
        }
        routes.add(.delete, "/api/v1/webhooks/:id") { _, context in
            let caller = try context.requireCaller()
            try await helpDesk.deleteWebhook(caller, id: id(context))
            return Response(status: .noContent)
        }
        routes.add(.post, "/api/v1/webhooks/:id/rotate-secret") { _, context in
            let caller = try context.requireCaller()
            let rotated = try await helpDesk.rotateWebhookSecret(caller, id: id(context))
            return try jsonResponse(WebhookJSON(webhook: rotated.webhook, secret: rotated.secret))
        }
        routes.add(.get, "/api/v1/webhooks/:id/deliveries") { _, context in
            let caller = try context.requireCaller()
            let deliveries = try await helpDesk.webhookDeliveries(caller, id: id(context), limit: deliveriesShown)
            return try jsonResponse(ItemsJSON(items: deliveries.map(DeliveryJSON.init)))
        }
        routes.add(.post, "/api/v1/webhooks/:id/deliveries/:deliveryId/replay") { _, context in
            let caller = try context.requireCaller()
            let delivery = try await helpDesk.replayWebhookDelivery(
                caller, id: id(context), deliveryID: id(context, "deliveryId"))
            return try jsonResponse(DeliveryJSON(delivery: delivery), status: .accepted)
        }
    }
}
