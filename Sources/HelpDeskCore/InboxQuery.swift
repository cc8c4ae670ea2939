import Foundation

/// A position in an inbox walk: the last row of the previous page. Keyset
/// pagination, so rows inserted or changed elsewhere never shift a page.
public struct InboxCursor: Sendable, Equatable {
    public var statusRank: Int
    public var lastActivity: Int64
    public var id: Int64

    public init(statusRank: Int, lastActivity: Int64, id: Int64) {
        self.statusRank = statusRank
        self.lastActivity = lastActivity
        self.id = id
    }

    public init(after ticket: Ticket) {
        self.init(statusRank: ticket.status.rank, lastActivity: ticket.lastActivityAt.microseconds, id: ticket.id)
    }

    /// An opaque URL-safe string.
    public var encoded: String {
        Base64URL.encode(Data("1.\(statusRank).\(lastActivity).\(id)".utf8))
    }

    public init?(encoded: String) {
        guard encoded.count <= 100 else { return nil }
        guard let data = Base64URL.decode(encoded), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "1", let rank = Int(parts[1]), (0...2).contains(rank),
            let activity = Int64(parts[2]), let id = Int64(parts[3])
        else { return nil }
        self.init(statusRank: rank, lastActivity: activity, id: id)
    }
}

/// One request for an inbox page: a view, optional filters and text, and a cursor.
public struct InboxQuery: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maxLimit = 200

    public var view: InboxView
    public var status: TicketStatus?
    public var priority: Priority?
    public var channel: Channel?
    public var agentID: String?
    public var assigneeID: String?
    public var text: String?
    public var limit: Int
    public var cursor: InboxCursor?

    public init(
        view: InboxView, status: TicketStatus? = nil, priority: Priority? = nil, channel: Channel? = nil,
        agentID: String? = nil, assigneeID: String? = nil, text: String? = nil, limit: Int = InboxQuery.defaultLimit,
        cursor: InboxCursor? = nil
    ) {
        self.view = view
        self.status = status
        self.priority = priority
        self.channel = channel
        self.agentID = agentID
        self.assigneeID = assigneeID
        self.text = text
        self.limit = limit
        self.cursor = cursor
    }

    /// Builds a query from URL query parameters, naming every bad one.
    public static func parse(_ parameter: (String) -> String?) throws(HelpDeskError) -> InboxQuery {
        var errors: [FieldError] = []
        func parseEnum<E: WireEnum>(_ name: String, _ type: E.Type) -> E? {
            guard let raw = parameter(name), !raw.isEmpty else { return nil }
            guard let value = E(rawValue: raw) else {
                errors.append(FieldError(field: name, message: "must be one of \(E.allowedValues) (got \"\(raw)\")"))
                return nil
            }
            return value
        }
        let view = parseEnum("view", InboxView.self)
        var query = InboxQuery(view: view ?? .all)
        query.status = parseEnum("status", TicketStatus.self)
        query.priority = parseEnum("priority", Priority.self)
        query.channel = parseEnum("channel", Channel.self)
        query.agentID = parameter("agentId").flatMap { $0.isEmpty ? nil : $0 }
        query.assigneeID = parameter("assigneeId").flatMap { $0.isEmpty ? nil : $0 }
        if let q = parameter("q")?.trimmingWhitespace(), !q.isEmpty {
            if !TextLimits.fits(q, max: TextLimits.searchQuery) {
                errors.append(FieldError(field: "q", message: "must be at most \(TextLimits.searchQuery) characters"))
            } else {
                query.text = q
            }
        }
        if let raw = parameter("limit") {
            if let limit = Int(raw), (1...maxLimit).contains(limit) {
                query.limit = limit
            } else {
                errors.append(
                    FieldError(field: "limit", message: "must be an integer from 1 to \(maxLimit) (got \"\(raw)\")"))
            }
        }
        if let raw = parameter("cursor"), !raw.isEmpty {
            if let cursor = InboxCursor(encoded: raw) {
                query.cursor = cursor
            } else {
                errors.append(
                    FieldError(field: "cursor", message: "is not a cursor this server issued; start again without it"))
            }
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return query
    }
}

/// One page of inbox rows and where to continue.
extension InboxQuery {
    /// The ticket number the search text names, when it is one: `10127` or
    /// `#10127` (a number is looked up, not searched for as a word).
    public var ticketNumber: Int? {
        guard var text = text?.trimmingWhitespace() else { return nil }
        if text.hasPrefix("#") { text.removeFirst() }
        guard (1...9).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

public struct InboxPage: Sendable, Equatable {
    public var items: [Ticket]
    public var nextCursor: InboxCursor?
    /// What a row shows to triage by, per ticket id (filled for inbox pages).
    public var triage: [Int64: Triage]
    public init(items: [Ticket], nextCursor: InboxCursor?, triage: [Int64: Triage] = [:]) {
        self.items = items
        self.nextCursor = nextCursor
        self.triage = triage
    }
}

/// What an inbox row shows to triage by: the customer's last words, and since
/// when they have waited for a person.
public struct Triage: Sendable, Equatable {
    /// The customer's last message, cut to `previewLength` characters.
    public var preview: String?
    /// The first customer message since the last operator reply, while the
    /// ticket is unresolved; nil when a person answered last (or nobody wrote).
    public var waitingSince: Timestamp?

    public static let previewLength = 140

    public init(preview: String?, waitingSince: Timestamp?) {
        self.preview = preview.map { text in
            let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return line.count > Self.previewLength ? String(line.prefix(Self.previewLength)) + "…" : line
        }
        self.waitingSince = waitingSince
    }
}
