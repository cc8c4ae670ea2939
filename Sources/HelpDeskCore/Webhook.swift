import Foundation

/// What a webhook can subscribe to. The raw values are the event names on the
/// wire (`X-HelpDesk-Event`, the body's `type`) and in the `events` column.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case ticketCreated = "ticket.created"
    case ticketAssigned = "ticket.assigned"
    case ticketStatusChanged = "ticket.statusChanged"
    case messageCreated = "message.created"
    case conversationEscalated = "conversation.escalated"
    /// A customer rated a conversation (emitted once customer ratings exist).
    case csatReceived = "csat.received"

    /// The event a timeline event on a ticket is, if any: creation, assignment,
    /// a change of status (resolving and reopening included), a repeated
    /// escalation, a customer's rating (`change.to` holds it). A new escalated ticket is
    /// `conversationEscalated` too, said by the escalation itself, which alone knows the ticket came from one.
    public static func of(_ event: TicketEvent) -> WebhookEventType? {
        switch event.kind {
        case .created: .ticketCreated
        case .assigned: .ticketAssigned
        case .statusChanged, .resolved, .reopened: .ticketStatusChanged
        case .escalationRepeated: .conversationEscalated
        case .csatReceived: .csatReceived
        default: nil
        }
    }
}

/// A team's subscription of a URL to events: each event it names is POSTed
/// there, signed with the webhook's secret (see `README.md`, "Outbound webhooks").
public struct Webhook: Sendable, Equatable {
    public var id: String
    public var teamID: String
    public var url: String
    /// In `WebhookEventType.allCases` order, each once.
    public var events: [WebhookEventType]
    /// A paused webhook gets no new deliveries; those already queued still go.
    public var active: Bool
    public var description: String?
    public var createdAt: Timestamp

    public init(
        id: String, teamID: String, url: String, events: [WebhookEventType], active: Bool, description: String?,
        createdAt: Timestamp
    ) {
        self.id = id
        self.teamID = teamID
        self.url = url
        self.events = events
        self.active = active
        self.description = description
        self.createdAt = createdAt
    }

    /// The most webhooks a team keeps.
    public static let teamLimit = 20
    /// The longest URL, in bytes.
    public static let urlLimit = 2_048
    /// The longest description, in characters.
    public static let descriptionLimit = 200
    /// How much of a receiver's answer a delivery keeps, in bytes.
    public static let responseExcerptLimit = 2_048

    /// Throws `unprocessable` when a team with `count` webhooks may not add another.
    public static func checkRoom(teamWebhookCount count: Int) throws(HelpDeskError) {
        if count >= teamLimit {
            throw .unprocessable("the team already has \(teamLimit) webhooks, the most it keeps; delete one first")
        }
    }

    /// The events as stored: names joined by commas.
    public var storedEvents: String { events.map(\.rawValue).joined(separator: ",") }

    /// Events from their stored form; an unknown name throws (a bad value is never read as nothing).
    public static func events(stored: String) throws -> [WebhookEventType] {
        try stored.split(separator: ",").map { name in
            guard let event = WebhookEventType(rawValue: String(name)) else {
                throw HelpDeskError.badRequest("the stored webhook event \"\(name)\" is unknown")
            }
            return event
        }
    }

    /// Event names as a member sent them: at least one, each known, in
    /// `allCases` order without repeats; throws `invalid` on `events`.
    public static func validEvents(_ names: [String]) throws(HelpDeskError) -> [WebhookEventType] {
        var chosen: Set<WebhookEventType> = []
        for name in names {
            guard let event = WebhookEventType(rawValue: name) else {
                let known = WebhookEventType.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalid("events", "\"\(name)\" is not an event; choose from \(known)")
            }
            chosen.insert(event)
        }
        guard !chosen.isEmpty else { throw .invalid("events", "choose at least one event") }
        return WebhookEventType.allCases.filter(chosen.contains)
    }

    /// A description, trimmed; nil when empty. Throws `invalid` on `description`.
    public static func validDescription(_ text: String?) throws(HelpDeskError) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid("description", "must not contain control characters such as line breaks or tabs")
        }
        guard text.count <= descriptionLimit else {
            throw .invalid("description", "must be at most \(descriptionLimit) characters")
        }
        return text
    }

    /// What is wrong with a webhook URL's shape under `policy`, or nil: http or
    /// https, a host, no user name or password, no fragment, at most `urlLimit`
    /// bytes, and no literal address the policy refuses. Host names are
    /// resolved and checked by the caller, and again at every delivery.
    public static func urlProblem(_ text: String, policy: OutboundPolicy) -> String? {
        guard text.utf8.count <= urlLimit else { return "must be at most \(urlLimit) bytes" }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty,
            !text.contains(where: \.isWhitespace)
        else { return "must be an http(s) URL such as https://example.com/hooks/helpdesk" }
        guard url.user == nil, url.password == nil else {
            return "must not contain a user name or password; check the X-HelpDesk-Signature header instead"
        }
        guard url.fragment == nil else { return "must not contain a fragment (#)" }
        let literal = AddressRange.parse(host) != nil ? host : OutboundPolicy.numericHost(host)
        if let literal, !policy.permits(address: literal) {
            return "points to a private, loopback or link-local address (\(literal)); an owner may allow private "
                + "targets in the webhook settings"
        }
        return nil
    }

    /// At most `responseExcerptLimit` bytes of an answer, cut on a character boundary.
    public static func excerpt(_ data: Data) -> String {
        var bytes = Array(data.prefix(responseExcerptLimit))
        while !bytes.isEmpty, String(validating: bytes, as: UTF8.self) == nil { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A team's webhook settings, changed by owners only.
public struct WebhookSettings: Sendable, Equatable {
    /// Lets this team's webhooks reach private, loopback and CGNAT addresses
    /// (a receiver on the same network). Link-local addresses, where cloud
    /// metadata services answer, stay refused.
    public var allowPrivateTargets: Bool

    public init(allowPrivateTargets: Bool = false) {
        self.allowPrivateTargets = allowPrivateTargets
    }

    /// The ranges `allowPrivateTargets` opens.
    public static let privateRanges: [AddressRange] = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "::1/128", "fc00::/7",
    ].map { AddressRange($0)! }

    /// Where this team's webhooks may go: the server's policy, opened to the
    /// private ranges when the team allows them.
    public func policy(server: OutboundPolicy) -> OutboundPolicy {
        allowPrivateTargets ? OutboundPolicy(allowing: server.allowed + Self.privateRanges) : server
    }
}

/// Where a webhook delivery stands, with what its receiver answered last.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: String
    public var webhookID: String
    public var event: WebhookEventType
    public var state: OutboxState
    public var attempts: Int
    public var responseStatus: Int?
    /// At most `Webhook.responseExcerptLimit` bytes of the last answer.
    public var responseBody: String?
    public var error: String?
    public var createdAt: Timestamp
    public var lastAttemptAt: Timestamp?
    /// When it is tried next, while queued.
    public var nextAttemptAt: Timestamp?

    public init(
        id: String, webhookID: String, event: WebhookEventType, state: OutboxState, attempts: Int,
        responseStatus: Int?, responseBody: String?, error: String?, createdAt: Timestamp, lastAttemptAt: Timestamp?,
        nextAttemptAt: Timestamp?
    ) {
        self.id = id
        self.webhookID = webhookID
        self.event = event
        self.state = state
        self.attempts = attempts
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.error = error
        self.createdAt = createdAt
        self.lastAttemptAt = lastAttemptAt
        self.nextAttemptAt = nextAttemptAt
    }

    /// The most deliveries a listing shows.
    public static let listLimit = 100
}

extension RetryPolicy {
    /// Webhook deliveries: 8 attempts, waits doubling from a minute to two
    /// hours (about one to two hours in all, jitter included).
    public static let webhooks = RetryPolicy(baseSeconds: 60, capSeconds: 7_200, maxAttempts: 8)
}

extension DeliveryOutcome {
    /// What a receiver's answer means for a webhook delivery: 2xx delivered;
    /// 408, 429 and 5xx tried again (after `Retry-After` when given); any other
    /// status (a redirect included, since none is followed) fails for good.
    public static func webhook(status: Int, retryAfter: Double?) -> DeliveryOutcome {
        switch status {
        case 200..<300: .delivered(providerID: nil)
        case 408, 429, 500..<600: .retryable(reason: "the receiver answered HTTP \(status)", retryAfter: retryAfter)
        default: .permanent(reason: "the receiver answered HTTP \(status)")
        }
    }
}
