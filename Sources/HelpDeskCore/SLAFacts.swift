/// What a ticket's SLA clocks depend on besides the ticket's own fields, as
/// its timeline records them: when a person first answered, and every change
/// of status (the pauses).
public struct SLAFacts: Sendable, Equatable {
    /// One status the ticket entered, and when.
    public struct StatusChange: Sendable, Equatable {
        public var at: Timestamp
        public var status: TicketStatus
        public init(at: Timestamp, status: TicketStatus) {
            self.at = at
            self.status = status
        }
    }

    /// The first operator message on the ticket (an AI reply or a note does not count).
    public var firstResponseAt: Timestamp?
    /// In the order they happened.
    public var statusChanges: [StatusChange]

    public init(firstResponseAt: Timestamp? = nil, statusChanges: [StatusChange] = []) {
        self.firstResponseAt = firstResponseAt
        self.statusChanges = statusChanges
    }
}

extension SLAFacts {
    /// Empty facts for each of `tickets`, by id: what a store fills from their timelines.
    public static func none(for tickets: [Ticket]) -> [Int64: SLAFacts] {
        Dictionary(tickets.map { ($0.id, SLAFacts()) }, uniquingKeysWith: { first, _ in first })
    }

    /// Takes the next timeline entry that moves the clocks, in entry order: an
    /// operator message (`kind` "message"; only the first counts) or a status
    /// event (its new status in `to`).
    public mutating func record(kind: String, at: Timestamp, to: String?) {
        if kind == "message" {
            if firstResponseAt == nil { firstResponseAt = at }
        } else if let status = to.flatMap(TicketStatus.init(rawValue:)) {
            statusChanges.append(StatusChange(at: at, status: status))
        }
    }
}

extension SLAClock {
    /// The clocks of `ticket` at `now`: its targets by its current priority,
    /// counted from its creation in open calendar time, paused while its status
    /// is anything but open.
    public static func status(
        of ticket: Ticket, facts: SLAFacts, policy: SLAPolicy, calendar: BusinessCalendar, now: Timestamp
    ) -> SLAStatus {
        let pauses = Self.pauses(statusChanges: facts.statusChanges.map { (at: $0.at.date, status: $0.status) })
        return status(
            policy: policy, calendar: calendar, createdAt: ticket.createdAt.date, priority: ticket.priority,
            firstResponseAt: facts.firstResponseAt?.date, resolvedAt: ticket.resolvedAt?.date, pauses: pauses,
            now: now.date)
    }
}
