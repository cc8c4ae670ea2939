import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The team's outbound webhooks: owners add, pause, rotate, delete and
    /// replay; managers read them and their deliveries. `app.js` calls
    /// `/api/v1/webhooks` and shows a new secret once, as text, never as markup.
    enum WebhooksPage {
        static func render(chrome: Layout.Chrome, helpDesk: HelpDesk) async throws -> HTML {
            let caller = chrome.caller
            let webhooks = try await helpDesk.webhooks(caller)
            let settings = try await helpDesk.webhookSettings(caller)
            let isOwner = caller.member.role == .owner
            var cards: [HTML] = []
            for webhook in webhooks {
                let deliveries = try await helpDesk.webhookDeliveries(caller, id: webhook.id, limit: 20)
                cards.append(card(webhook, deliveries: deliveries, isOwner: isOwner))
            }
            let list: HTML =
                webhooks.isEmpty
                ? "<p class=\"empty\" id=\"webhooks-empty\">No webhooks yet.</p>"
                : "<div class=\"stack\" id=\"webhook-list\">\(cards)</div>"
            let main: HTML = """
                <div class="page-head"><h1>Webhooks</h1></div>
                <p>A webhook POSTs the team's events as JSON to a URL of yours, signed so you can check they come from \
                this help desk: <code>X-HelpDesk-Signature: t=&lt;timestamp&gt;,v1=&lt;hex HMAC-SHA256 of \
                "&lt;timestamp&gt;.&lt;raw body&gt;" with the webhook's secret&gt;</code>. A failed delivery is tried \
                again for about two hours when the receiver answers 5xx or 429 or does not answer; other answers fail \
                it at once. A team keeps up to \(Webhook.teamLimit) webhooks.</p>
                \(HTML.when(!isOwner, "<p class=\"notice\">Only owners can add, change or delete webhooks; you can read them and their deliveries.</p>"))
                <p class="status" id="webhooks-status" role="status"></p>
                <div class="notice secret-box" id="webhook-secret" role="alert" hidden>
                <p>Copy this signing secret now: it is not shown again.</p>
                <p><code id="webhook-secret-value" data-testid="webhook-secret"></code></p>
                <button type="button" class="button-quiet" id="webhook-secret-done">Done</button>
                </div>
                \(HTML.when(isOwner, settingsForm(settings)))
                \(HTML.when(isOwner, form()))
                \(list)
                """
            return Layout.page(title: "Webhooks", page: "webhooks", section: .webhooks, chrome: chrome, main: main)
        }

        static func settingsForm(_ settings: WebhookSettings) -> HTML {
            """
            <section class="card" aria-labelledby="webhook-settings-title">
            <h2 id="webhook-settings-title">Private targets</h2>
            <div class="choice"><input type="checkbox" id="webhook-private" data-testid="webhook-private"\
            \(HTML.flag("checked", settings.allowPrivateTargets))><label for="webhook-private">Allow webhooks to \
            private, loopback and CGNAT addresses (a receiver on your own network). Link-local addresses stay \
            refused.</label></div>
            </section>
            """
        }

        /// The form that adds a webhook.
        static func form() -> HTML {
            let boxes = WebhookEventType.allCases.map { event -> HTML in
                """
                <div class="choice"><input type="checkbox" id="webhook-event-\(event.rawValue)" name="events" \
                value="\(event.rawValue)" data-testid="webhook-event"><label for="webhook-event-\(event.rawValue)">\
                <code>\(event.rawValue)</code></label></div>
                """
            }
            return """
                <section class="card editor" aria-labelledby="webhook-form-title">
                <h2 id="webhook-form-title">New webhook</h2>
                <form id="webhook-form" class="stack" novalidate>
                <div class="field"><label for="webhook-url">URL</label>
                <input id="webhook-url" data-testid="webhook-url" name="url" type="url" required maxlength="\(Webhook.urlLimit)" \
                placeholder="https://example.com/hooks/helpdesk" autocomplete="off">
                <span class="field-error" data-error-for="url"></span></div>
                <div class="field"><label for="webhook-description">Description</label>
                <input id="webhook-description" name="description" maxlength="\(Webhook.descriptionLimit)" autocomplete="off">
                <span class="field-error" data-error-for="description"></span></div>
                <fieldset class="field"><legend>Events</legend>\(boxes)
                <span class="field-error" data-error-for="events"></span></fieldset>
                <p class="error" id="webhook-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="webhook-save" \
                data-testid="webhook-save">Add webhook</button></div>
                </form>
                </section>
                """
        }

        static func card(_ webhook: Webhook, deliveries: [WebhookDelivery], isOwner: Bool) -> HTML {
            let events = webhook.events.map { event -> HTML in "<code>\(event.rawValue)</code>" }
            let actions: HTML = """
                <div class="form-actions">
                <button type="button" class="button-quiet webhook-toggle" data-webhook="\(webhook.id)" \
                data-active="\(webhook.active ? "true" : "false")">\(webhook.active ? "Pause" : "Resume")</button>
                <button type="button" class="button-quiet webhook-rotate" data-webhook="\(webhook.id)">Rotate secret</button>
                <button type="button" class="button-quiet webhook-delete" data-webhook="\(webhook.id)">Delete</button>
                </div>
                """
            let rows = deliveries.map { row($0, webhookID: webhook.id, isOwner: isOwner) }
            let table: HTML =
                deliveries.isEmpty
                ? "<p class=\"empty\">No deliveries yet.</p>"
                : """
                <table class="deliveries" data-testid="webhook-deliveries">
                <caption class="visually-hidden">Recent deliveries to \(webhook.url)</caption>
                <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">State</th>\
                <th scope="col">Attempts</th><th scope="col">Response</th><th scope="col">Error</th>\
                \(HTML.when(isOwner, "<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th>"))</tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                """
            return """
                <section class="card webhook" data-testid="webhook" data-webhook="\(webhook.id)">
                <h2 class="webhook-url">\(webhook.url)</h2>
                \(HTML.when(webhook.description != nil, "<p>\(webhook.description ?? "")</p>"))
                <p>Events: \(HTML.join(events, separator: ", ")). \(webhook.active ? "Active" : "Paused").</p>
                \(HTML.when(isOwner, actions))
                <h3>Recent deliveries</h3>
                \(table)
                </section>
                """
        }

        static func row(_ delivery: WebhookDelivery, webhookID: String, isOwner: Bool) -> HTML {
            let response: HTML =
                delivery.responseStatus.map { status in
                    """
                    <details><summary>HTTP \(status)</summary><pre>\(delivery.responseBody ?? "")</pre></details>
                    """
                } ?? "—"
            let replay: HTML = """
                <td><button type="button" class="button-quiet webhook-replay" data-webhook="\(webhookID)" \
                data-delivery="\(delivery.id)">Replay</button></td>
                """
            return """
                <tr data-testid="webhook-delivery" data-delivery="\(delivery.id)">
                <td><time datetime="\(delivery.createdAt.rfc3339)" data-relative="">\(Words.time(delivery.createdAt))</time></td>
                <td><code>\(delivery.event.rawValue)</code></td>
                <td>\(delivery.state.rawValue)</td>
                <td>\(delivery.attempts)</td>
                <td>\(response)</td>
                <td>\(delivery.error ?? "")</td>
                \(HTML.when(isOwner, replay))
                </tr>
                """
        }
    }
}
