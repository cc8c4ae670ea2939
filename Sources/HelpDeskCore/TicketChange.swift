/// A change to a ticket asked for by a member (PATCH, resolve, reopen, pick-up).
public struct TicketPatch: Sendable, Equatable {
    /// What to do with the assignee.
    public enum AssigneeChange: Sendable, Equatable {
        case assign(MemberRef)
        case unassign
    }

    public var status: TicketStatus?
    public var priority: Priority?
    public var assignee: AssigneeChange?
    public var subject: String?

    public init(
        status: TicketStatus? = nil, priority: Priority? = nil, assignee: AssigneeChange? = nil,
        subject: String? = nil
    ) {
        self.status = status
        self.priority = priority
        self.assignee = assignee
        self.subject = subject
    }

    public var isEmpty: Bool { status == nil && priority == nil && assignee == nil && subject == nil }
}

/// Limits on free text a member types. Lengths count Unicode code points of
/// the text as sent, as JSON Schema's maxLength does, so the API document can
/// state each limit exactly.
public enum TextLimits {
    public static let subject = 500
    public static let name = 200
    /// Every message, whoever writes it (a visitor in the widget, an operator
    /// in the composer): one rule for both sides.
    public static let messageBody = 20_000
    public static let signature = 2_000
    public static let searchQuery = 200

    /// Trims and checks a required text field.
    public static func required(_ text: String, field: String, max: Int) throws(HelpDeskError) -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .invalid(field, "must not be empty") }
        try check(text, field: field, max: max)
        return trimmed
    }

    /// Trims an optional text field: empty becomes nil.
    public static func optional(_ text: String?, field: String, max: Int) throws(HelpDeskError) -> String? {
        guard let text, case let trimmed = text.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        try check(text, field: field, max: max)
        return trimmed
    }

    /// Whether `text` fits in `max` characters, counted as Unicode code points.
    ///
    /// Code points, not what a reader sees as characters: one visible character
    /// can carry any number of combining marks, so counting those would let a
    /// "500-character" field hold megabytes. Code points bound the bytes (at most
    /// four each in UTF-8), and they are what JSON Schema's `maxLength` counts, so
    /// the server and the OpenAPI document agree on every limit.
    public static func fits(_ text: String, max: Int) -> Bool {
        text.unicodeScalars.count <= max
    }

    static func check(_ text: String, field: String, max: Int) throws(HelpDeskError) {
        guard fits(text, max: max) else { throw .invalid(field, "must be at most \(max) characters") }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isBlank { scalars.removeFirst() }
        while let last = scalars.last, last.isBlank { scalars.removeLast() }
        return String(scalars)
    }
}

extension Character {
    /// Whitespace, and the four information separators U+001C to U+001F that
    /// most regular expression engines count as whitespace too: the API
    /// document's `\S` (some non-blank character) then means what the server checks.
    var isBlank: Bool {
        isWhitespace || unicodeScalars.allSatisfy { (0x1C...0x1F).contains($0.value) }
    }
}

extension Ticket {
    /// Applies a member's change and returns the new ticket with one event per
    /// thing that actually changed (a no-op change yields no event).
    public func applying(_ patch: TicketPatch, by actor: MemberRef?, at now: Timestamp) throws(HelpDeskError) -> (
        ticket: Ticket, events: [TicketEvent]
    ) {
        try TicketMerge.requireNotMerged(self)
        if patch.status == .merged {
            throw .invalid("status", "must be one of open, pending, resolved; merge a ticket with its merge action")
        }
        var next = self
        var events: [TicketEvent] = []

        if let status = patch.status, status != self.status {
            next.status = status
            if status == .resolved {
                next.resolvedAt = now
                events.append(
                    TicketEvent(kind: .resolved, actor: actor, from: self.status.rawValue, to: status.rawValue))
            } else if self.status == .resolved {
                next.resolvedAt = nil
                events.append(
                    TicketEvent(kind: .reopened, actor: actor, from: self.status.rawValue, to: status.rawValue))
            } else {
                events.append(
                    TicketEvent(kind: .statusChanged, actor: actor, from: self.status.rawValue, to: status.rawValue))
            }
        }
        if let priority = patch.priority, priority != self.priority {
            next.priority = priority
            events.append(
                TicketEvent(kind: .priorityChanged, actor: actor, from: self.priority.rawValue, to: priority.rawValue))
        }
        switch patch.assignee {
        case .assign(let member) where member.id != self.assignee?.id:
            next.assignee = member
            events.append(
                TicketEvent(kind: .assigned, actor: actor, from: self.assignee?.displayName, to: member.displayName))
        case .unassign where self.assignee != nil:
            next.assignee = nil
            events.append(TicketEvent(kind: .unassigned, actor: actor, from: self.assignee?.displayName))
        default:
            break
        }
        if let subject = patch.subject {
            let clean = try TextLimits.required(subject, field: "subject", max: TextLimits.subject)
            if clean != self.subject {
                next.subject = clean
                events.append(TicketEvent(kind: .subjectChanged, actor: actor, from: self.subject, to: clean))
            }
        }
        if !events.isEmpty { next.lastActivityAt = Swift.max(now, self.lastActivityAt) }
        return (next, events)
    }

    /// The pick-up rule: the caller takes an unassigned ticket; exactly one
    /// caller wins, the others learn who has it.
    public func pickedUp(by member: MemberRef, at now: Timestamp) throws(HelpDeskError) -> (
        ticket: Ticket, events: [TicketEvent]
    ) {
        try TicketMerge.requireNotMerged(self)
        if let assignee, assignee.id != member.id {
            throw .conflict("ticket \(number) is already assigned to \(assignee.displayName)")
        }
        if status == .resolved {
            throw .conflict("ticket \(number) is resolved; reopen it before picking it up")
        }
        return try applying(TicketPatch(assignee: .assign(member)), by: member, at: now)
    }
}
