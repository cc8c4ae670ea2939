import AsyncHTTPClient
import Foundation
import HelpDeskAI
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import NIOCore

/// POSTs queued webhook deliveries to their receivers, signed (see
/// `WebhookSignature`), and records each answer on the delivery.
///
/// The target is checked again at every attempt, its host resolved: an address
/// the team's policy refuses (private ones unless the owner allowed them,
/// link-local always) fails the delivery for good. Redirects are not followed.
/// 2xx is delivered; 408, 429, 5xx, timeouts and connection errors are tried
/// again by `RetryPolicy.webhooks` (honouring `Retry-After`); any other answer
/// fails at once.
public struct WebhookDeliverer: OutboxDeliverer {
    public let kinds: Set<OutboxKind> = [.webhook]
    public let retryPolicy: RetryPolicy?
    let helpDesk: HelpDesk
    let outbound: OutboundPolicy
    let httpClient: HTTPClient
    let timeout: Duration

    public init(
        helpDesk: HelpDesk, outbound: OutboundPolicy, retryPolicy: RetryPolicy = .webhooks,
        httpClient: HTTPClient = ProviderHTTP.client, timeout: Duration = .seconds(10)
    ) {
        self.helpDesk = helpDesk
        self.outbound = outbound
        self.retryPolicy = retryPolicy
        self.httpClient = httpClient
        self.timeout = timeout
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryOutcome {
        let dispatch: WebhookDispatch
        do {
            guard let found = try await helpDesk.webhookDispatch(entry) else {
                return .permanent(reason: "the webhook was deleted")
            }
            dispatch = found
        } catch {
            return .retryable(reason: "could not read the delivery", retryAfter: nil)
        }
        let outcome = await send(dispatch)
        return outcome
    }

    func send(_ dispatch: WebhookDispatch) async -> DeliveryOutcome {
        let policy = dispatch.settings.policy(server: outbound)
        if let problem = Webhook.urlProblem(dispatch.url, policy: policy) {
            return .permanent(reason: "the URL \(problem)")
        }
        guard let host = URLComponents(string: dispatch.url)?.host else {
            return .permanent(reason: "the URL has no host")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = await OutboundGuard.resolve(bare)
        guard !addresses.isEmpty else {
            return .retryable(reason: "the host \(bare) does not resolve", retryAfter: nil)
        }
        if let refused = addresses.first(where: { !policy.permits(address: $0) }) {
            return .permanent(
                reason: "the host \(bare) resolves to \(refused), a private, loopback or link-local address")
        }
        let timestamp = helpDesk.now.microseconds / 1_000_000
        var request = HTTPClientRequest(url: dispatch.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "HelpDesk-Webhooks/1")
        request.headers.add(name: "X-HelpDesk-Event", value: dispatch.event.rawValue)
        request.headers.add(name: "X-HelpDesk-Delivery", value: dispatch.deliveryID)
        request.headers.add(name: "X-HelpDesk-Timestamp", value: String(timestamp))
        request.headers.add(
            name: "X-HelpDesk-Signature",
            value: WebhookSignature.header(secret: dispatch.secret, timestamp: timestamp, body: dispatch.body))
        request.body = .bytes(ByteBuffer(string: dispatch.body))
        do {
            let response = try await ProviderHTTP.send(request, client: httpClient, timeout: timeout)
            let excerpt = Webhook.excerpt(Data(response.body.readableBytesView))
            try? await helpDesk.recordWebhookAttempt(dispatch, status: response.status, body: excerpt)
            return .webhook(status: response.status, retryAfter: response.retryAfter)
        } catch is CancellationError {
            return .retryable(reason: "cancelled", retryAfter: nil)
        } catch {
            try? await helpDesk.recordWebhookAttempt(dispatch, status: nil, body: nil)
            return .retryable(
                reason: ProviderHTTP.describe(error, service: "webhook receiver", timeout: timeout), retryAfter: nil)
        }
    }
}
