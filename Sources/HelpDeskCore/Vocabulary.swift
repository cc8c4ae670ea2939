/// The closed sets of values the product speaks in. Every raw value is the exact
/// wire spelling used by the HTTP API, the CLI and the database.

/// A team's subscription. The Help Desk (inbox, tickets, handover, copilot ticket
/// reading) is part of `pro` and `scale` only.
public enum Plan: String, Sendable, Codable, CaseIterable {
    case free, hobby, pro, scale

    /// Whether the plan includes the Help Desk features.
    public var includesHelpDesk: Bool { self == .pro || self == .scale }
}

/// A member's role within a team.
public enum Role: String, Sendable, Codable, CaseIterable {
    case owner, manager, `operator`

    /// Owners and managers configure settings, agents, channels and members.
    public var canConfigure: Bool { self != .operator }
    /// Owners and managers see every ticket of the team (the copilot's rule too).
    public var seesWholeInbox: Bool { self != .operator }
}

/// An operator's availability. Only `online` counts for automatic routing.
public enum Availability: String, Sendable, Codable, CaseIterable {
    case online, away, busy, offline
}

/// A ticket's status. `pending` means waiting on the customer; `merged` means
/// the ticket was merged into another (`Ticket.mergedInto`) and only a merge's
/// undo changes it.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case open, pending, resolved, merged

    /// Position in the "all" view: unresolved first, grouped by status. A merged
    /// ticket ranks with the resolved ones: it is closed, so every rule on
    /// unresolved tickets (open counts, waiting, routing) leaves it alone.
    public var rank: Int {
        switch self {
        case .open: 0
        case .pending: 1
        case .resolved, .merged: 2
        }
    }

    /// The distinct ranks, in order: the inbox's status groups.
    public static let ranks = [0, 1, 2]

    /// The statuses a member may set by hand (PATCH) and filter the inbox by.
    public static let settable: [TicketStatus] = [.open, .pending, .resolved]

    public init?(rank: Int) {
        guard let status = TicketStatus.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = status
    }
}

/// A ticket's priority.
public enum Priority: String, Sendable, Codable, CaseIterable {
    case low, normal, high, urgent
}

/// The channels a conversation can run on.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case web, telegram, whatsapp, email

    /// Live channels are chat channels an operator replies on after taking over.
    public var isLive: Bool { self != .email }
}

/// The four inbox views.
public enum InboxView: String, Sendable, Codable, CaseIterable {
    case mine, all, unassigned, resolved
}

/// How new tickets are routed to operators.
public enum AssignmentMethod: String, Sendable, Codable, CaseIterable {
    case manual, balanced, roundRobin
}

/// Who wrote a message.
public enum AuthorKind: String, Sendable, Codable, CaseIterable {
    case customer, ai, `operator`, system
}

/// What happened to a ticket, as recorded on its timeline.
public enum TicketEventKind: String, Sendable, Codable, CaseIterable {
    case created, assigned, unassigned, takenOver, released, statusChanged,
        priorityChanged, subjectChanged, resolved, reopened, escalationRepeated, emailThreaded,
        /// A tag put on the ticket (its name in `to`) or taken off (in `from`).
        tagAdded, tagRemoved,
        /// On the target of a merge: the source's number in `from`. On the source: `mergedInto`,
        /// the target's number in `to`. After an undo, `unmerged` on both (the other's number
        /// in `from` on the target, in `to` on the source).
        merged, mergedInto, unmerged,
        /// The customer rated the help (1–5 in `to`, their comment in `detail`).
        csatReceived,
        /// An SLA clock entered its warning time (`slaWarning`) or missed its target
        /// (`slaBreached`): the clock (`firstResponse` or `resolution`) in `to`, its due time in `detail`.
        slaWarning, slaBreached
}

/// A message's delivery state on an external channel (the outbox, then the
/// provider's receipts: WhatsApp reports delivered and read).
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    case queued, sent, delivered, read, failed

    /// Receipts arrive out of order (read before delivered); a message never
    /// moves back. A failure reported after the send replaces any state but read.
    public func advanced(to receipt: DeliveryState) -> DeliveryState {
        switch (self, receipt) {
        case (.read, _): .read
        case (_, .failed): .failed
        case (.failed, _): receipt
        default: receipt.rank > rank ? receipt : self
        }
    }

    var rank: Int {
        switch self {
        case .queued: 0
        case .sent: 1
        case .delivered: 2
        case .read: 3
        case .failed: 0
        }
    }
}
