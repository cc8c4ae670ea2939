import Foundation

/// The order of an inbox page.
public enum InboxSort: String, Sendable, Codable, CaseIterable {
    /// The view's usual order: grouped by status where the view has several,
    /// each group by last activity, newest first (ties by id).
    case activity
    /// First the unresolved tickets whose customer waits for a person, longest
    /// wait first (ties by id, oldest first); then the rest in the view's usual order.
    case waiting
    /// First the tickets with a running, unpaused SLA clock (open ones with a
    /// target), the one due soonest first (``SLATracked/dueAt``, ties by id, oldest
    /// first); then the rest (pending, no target, stopped clocks, resolved) in the
    /// view's usual order.
    case due
}

/// A position in an inbox walk: the last row of the previous page. Keyset
/// pagination, so rows inserted or changed elsewhere never shift a page.
///
/// The encoding carries the sort it was issued for, so a walk never continues
/// in another order. Cursors of the first encoding (before sorts existed) are
/// activity cursors and keep decoding.
public struct InboxCursor: Sendable, Equatable {
    /// Where in the order the walk stands.
    public enum Position: Sendable, Equatable {
        /// Among tickets in the view's usual order: the last row's status rank,
        /// last activity and id. A waiting walk is here once it is past the waiting tickets.
        case activity(statusRank: Int, lastActivity: Int64, id: Int64)
        /// Among the waiting tickets of a waiting walk: the last row's waiting-since time and id.
        case waiting(since: Int64, id: Int64)
        /// Among the tickets with a due time of a due walk: the last row's due time and id.
        case due(at: Int64, id: Int64)
    }

    /// The order the walk is in.
    public var sort: InboxSort
    public var position: Position

    public init(sort: InboxSort, position: Position) {
        self.sort = sort
        self.position = position
    }

    /// A position in the usual (activity) order.
    public init(statusRank: Int, lastActivity: Int64, id: Int64) {
        self.init(sort: .activity, position: .activity(statusRank: statusRank, lastActivity: lastActivity, id: id))
    }

    /// The position after `ticket` in the usual order of a walk sorted by `sort`.
    public init(after ticket: Ticket, sort: InboxSort = .activity) {
        self.init(
            sort: sort,
            position: .activity(
                statusRank: ticket.status.rank, lastActivity: ticket.lastActivityAt.microseconds, id: ticket.id))
    }

    /// Whether a walk in this position may be continued in `sort`'s order.
    public func fits(_ sort: InboxSort) -> Bool {
        switch (self.sort, position) {
        case (.activity, .waiting), (.activity, .due), (.waiting, .due), (.due, .waiting): false
        default: self.sort == sort
        }
    }

    /// An opaque URL-safe string.
    public var encoded: String {
        let text =
            switch (sort, position) {
            case (.activity, .activity(let rank, let activity, let id)): "1.\(rank).\(activity).\(id)"
            case (_, .activity(let rank, let activity, let id)): "2.\(sort.rawValue).rest.\(rank).\(activity).\(id)"
            case (_, .waiting(let since, let id)): "2.\(sort.rawValue).waits.\(since).\(id)"
            case (_, .due(let at, let id)): "2.\(sort.rawValue).due.\(at).\(id)"
            }
        return Base64URL.encode(Data(text.utf8))
    }

    public init?(encoded: String) {
        guard encoded.count <= 100 else { return nil }
        guard let data = Base64URL.decode(encoded), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func activity(_ fields: ArraySlice<String>) -> Position? {
            guard fields.count == 3, let rank = Int(fields[fields.startIndex]), (0...2).contains(rank),
                let activity = Int64(fields[fields.startIndex + 1]), let id = Int64(fields[fields.startIndex + 2])
            else { return nil }
            return .activity(statusRank: rank, lastActivity: activity, id: id)
        }
        switch parts.first {
        case "1":
            guard let position = activity(parts.dropFirst()) else { return nil }
            self.init(sort: .activity, position: position)
        case "2":
            guard parts.count >= 3, let sort = InboxSort(rawValue: parts[1]), sort != .activity else { return nil }
            switch parts[2] {
            case "rest":
                guard let position = activity(parts.dropFirst(3)) else { return nil }
                self.init(sort: sort, position: position)
            case "waits":
                guard parts.count == 5, sort == .waiting, let since = Int64(parts[3]), let id = Int64(parts[4]) else {
                    return nil
                }
                self.init(sort: sort, position: .waiting(since: since, id: id))
            case "due":
                guard parts.count == 5, sort == .due, let at = Int64(parts[3]), let id = Int64(parts[4]) else {
                    return nil
                }
                self.init(sort: sort, position: .due(at: at, id: id))
            default:
                return nil
            }
        default:
            return nil
        }
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
    /// Only tickets with this tag, in its stored form (`TicketTag.key`); a name no tag has matches nothing.
    public var tag: String?
    /// Only unresolved tickets whose SLA target was missed (true) or not (false).
    public var slaBreached: Bool?
    /// Only unresolved tickets with a running, unpaused SLA clock due before this instant.
    public var dueBefore: Timestamp?
    /// The moment `slaBreached` is judged at (a ticket whose due time has passed is breached);
    /// set by the service from its clock, never by a client.
    public var slaNow: Timestamp?
    public var sort: InboxSort
    public var limit: Int
    public var cursor: InboxCursor?

    public init(
        view: InboxView, status: TicketStatus? = nil, priority: Priority? = nil, channel: Channel? = nil,
        agentID: String? = nil, assigneeID: String? = nil, text: String? = nil, tag: String? = nil,
        sort: InboxSort = .activity, limit: Int = InboxQuery.defaultLimit, cursor: InboxCursor? = nil
    ) {
        self.view = view
        self.status = status
        self.priority = priority
        self.channel = channel
        self.agentID = agentID
        self.assigneeID = assigneeID
        self.text = text
        self.tag = tag
        self.sort = sort
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
        if query.status == .merged {
            // Merged tickets rank with resolved ones and are listed in that view, not filtered apart.
            errors.append(
                FieldError(field: "status", message: "must be one of open, pending, resolved (got \"merged\")"))
            query.status = nil
        }
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
        if let raw = parameter("tag"), case let tag = TicketTag.key(raw), !tag.isEmpty { query.tag = tag }
        switch parameter("slaBreached") {
        case nil, "": break
        case "true": query.slaBreached = true
        case "false": query.slaBreached = false
        case let raw?:
            errors.append(FieldError(field: "slaBreached", message: "must be true or false (got \"\(raw)\")"))
        }
        if let raw = parameter("dueBefore"), !raw.isEmpty {
            if let instant = Timestamp(rfc3339: raw) {
                query.dueBefore = instant
            } else {
                errors.append(
                    FieldError(
                        field: "dueBefore", message: "must be a date-time such as 2026-11-30T17:00:00Z (got \"\(raw)\")"
                    ))
            }
        }
        query.sort = parseEnum("sort", InboxSort.self) ?? .activity
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
                if cursor.fits(query.sort) {
                    query.cursor = cursor
                } else {
                    errors.append(
                        FieldError(
                            field: "cursor",
                            message:
                                "belongs to a walk sorted by \(cursor.sort.rawValue), not \(query.sort.rawValue); start again without it"
                        ))
                }
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
    /// Whether the page depends on SLA clocks (a due sort or an SLA filter), which are computed, not stored.
    public var readsSLA: Bool { sort == .due || slaBreached != nil || dueBefore != nil }

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
    /// The rows' SLA clocks, per ticket id; empty when the team has no SLA targets.
    public var sla: [Int64: SLAStatus]
    public init(
        items: [Ticket], nextCursor: InboxCursor?, triage: [Int64: Triage] = [:], sla: [Int64: SLAStatus] = [:]
    ) {
        self.items = items
        self.nextCursor = nextCursor
        self.triage = triage
        self.sla = sla
    }
}

/// What an inbox row shows to triage by: the customer's last words, and since
/// when they have waited for a person.
public struct Triage: Sendable, Equatable {
    /// The customer's last message, cut to `previewLength` characters.
    public var preview: String?
    /// Since when the customer has waited for a person: their first message
    /// that no operator has answered, while the ticket is unresolved. An
    /// operator's message or resolving the ticket ends the wait (an AI reply
    /// does not); nil while nobody waits.
    public var waitingSince: Timestamp?

    public static let previewLength = 140

    public init(preview: String?, waitingSince: Timestamp?) {
        self.preview = preview.map(Self.previewLine)
        self.waitingSince = waitingSince
    }

    /// The text on one line (each run of line breaks one space, none at either
    /// end), cut to `previewLength` characters with "…" when longer. Reads
    /// only as far as the cut, however long the message.
    static func previewLine(_ text: String) -> String {
        if let ascii = asciiPreviewLine(text) { return ascii }
        var line = ""
        var count = 0
        var breakPending = false
        for character in text {
            if character.isNewline {
                breakPending = count > 0
                continue
            }
            if breakPending {
                if count == previewLength { return line + "…" }
                line.append(" ")
                count += 1
                breakPending = false
            }
            if count == previewLength { return line + "…" }
            line.append(character)
            count += 1
        }
        return line
    }

    /// `previewLine` over bytes when the text is ASCII as far as the cut
    /// (where every byte is a character and the line breaks are 0x0A–0x0D);
    /// nil when a non-ASCII byte comes first.
    private static func asciiPreviewLine(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { utf8 -> String? in
            var line: [UInt8] = []
            line.reserveCapacity(previewLength + 3)
            var breakPending = false
            for byte in utf8 {
                guard byte < 0x80 else { return nil }
                if (0x0A...0x0D).contains(byte) {
                    breakPending = !line.isEmpty
                    continue
                }
                if breakPending {
                    if line.count == previewLength { return String(decoding: line, as: UTF8.self) + "…" }
                    line.append(0x20)
                    breakPending = false
                }
                if line.count == previewLength { return String(decoding: line, as: UTF8.self) + "…" }
                line.append(byte)
            }
            return String(decoding: line, as: UTF8.self)
        }
    }
}
