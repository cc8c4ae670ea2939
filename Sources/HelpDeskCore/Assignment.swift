/// An operator who could receive a new ticket, with the facts routing needs.
///
/// The store builds these inside the transaction that assigns, so the counts and
/// the rotation cursor are the ones the decision is written against.
public struct AssignmentCandidate: Sendable, Equatable {
    /// The team member this candidate is.
    public let memberID: String
    /// Their availability; only `online` ever receives a ticket automatically.
    public let availability: Availability
    /// How many unresolved (open or pending) tickets they hold now.
    public let unresolvedCount: Int
    /// Microseconds since 1970 of their latest assignment (automatic or manual);
    /// `nil` means never assigned, which counts as least recent of all.
    public let lastAssignedAt: Int64?
    /// Their fixed place in the round-robin rotation, unique within the team.
    public let rotationPosition: Int

    /// Creates a candidate.
    public init(
        memberID: String,
        availability: Availability,
        unresolvedCount: Int,
        lastAssignedAt: Int64?,
        rotationPosition: Int
    ) {
        self.memberID = memberID
        self.availability = availability
        self.unresolvedCount = unresolvedCount
        self.lastAssignedAt = lastAssignedAt
        self.rotationPosition = rotationPosition
    }
}

/// The outcome of routing one new ticket.
public struct AssignmentDecision: Sendable, Equatable {
    /// The member who gets the ticket; `nil` means it stays unassigned.
    public let memberID: String?
    /// Why, in human words, for the ticket's timeline event.
    public let reason: String
    /// For round robin, the cursor to store: the chosen candidate's
    /// `rotationPosition`. `nil` means leave the stored cursor unchanged.
    public let rotationCursor: Int?

    /// Creates a decision.
    public init(memberID: String?, reason: String, rotationCursor: Int?) {
        self.memberID = memberID
        self.reason = reason
        self.rotationCursor = rotationCursor
    }
}

/// Automatic routing of new tickets to operators, as pure functions of
/// values: no database, no clock, so every rule is testable with plain data.
public enum Assignment {
    /// Decides who gets a new ticket.
    ///
    /// - `manual`: nobody; the ticket waits in the unassigned view.
    /// - `balanced`: the online candidate with the fewest unresolved tickets;
    ///   ties go to the one assigned least recently (never assigned first), then
    ///   to the lowest rotation position so the answer is deterministic.
    /// - `roundRobin`: the first online candidate after `rotationCursor` in
    ///   ascending rotation position, wrapping to the start; a `nil` cursor
    ///   starts at the beginning. The decision carries the new cursor.
    ///
    /// Away, busy and offline candidates never get a ticket; if nobody is online
    /// the ticket stays unassigned.
    public static func choose(
        _ method: AssignmentMethod,
        candidates: [AssignmentCandidate],
        rotationCursor: Int?
    ) -> AssignmentDecision {
        let online = candidates.filter { $0.availability == .online }
        switch method {
        case .manual:
            return AssignmentDecision(
                memberID: nil,
                reason: "manual assignment: left unassigned for pick-up",
                rotationCursor: nil
            )
        case .balanced:
            return balanced(online)
        case .roundRobin:
            return roundRobin(online, after: rotationCursor)
        }
    }

    /// Nobody is online, so the ticket waits in the unassigned view.
    private static let nobodyOnline = AssignmentDecision(
        memberID: nil,
        reason: "nobody online: left unassigned",
        rotationCursor: nil
    )

    private static func balanced(_ online: [AssignmentCandidate]) -> AssignmentDecision {
        guard let chosen = online.min(by: isBetterBalancedChoice) else { return nobodyOnline }
        return AssignmentDecision(
            memberID: chosen.memberID,
            reason: "balanced: \(chosen.unresolvedCount) unresolved, fewest of \(online.count) online",
            rotationCursor: nil
        )
    }

    /// Fewest unresolved, then least recently assigned (never = earliest), then
    /// lowest rotation position.
    private static func isBetterBalancedChoice(_ a: AssignmentCandidate, _ b: AssignmentCandidate) -> Bool {
        if a.unresolvedCount != b.unresolvedCount { return a.unresolvedCount < b.unresolvedCount }
        let aLast = a.lastAssignedAt ?? Int64.min
        let bLast = b.lastAssignedAt ?? Int64.min
        if aLast != bLast { return aLast < bLast }
        return a.rotationPosition < b.rotationPosition
    }

    private static func roundRobin(_ online: [AssignmentCandidate], after cursor: Int?) -> AssignmentDecision {
        let rotation = online.sorted { $0.rotationPosition < $1.rotationPosition }
        guard let first = rotation.first else { return nobodyOnline }
        let chosen = cursor.flatMap { cursor in rotation.first { $0.rotationPosition > cursor } } ?? first
        return AssignmentDecision(
            memberID: chosen.memberID,
            reason: "round robin: next in rotation of \(rotation.count) online",
            rotationCursor: chosen.rotationPosition
        )
    }
}

/// What routing a new ticket writes, decided by `Assignment.route`.
public struct RoutingPlan: Sendable, Equatable {
    /// Who gets the ticket, why, and the rotation cursor to store.
    public let decision: AssignmentDecision
    /// The event that says why nobody got the ticket. Nil when someone did, and
    /// under manual assignment, where waiting for a pick-up is the point.
    public let unassignedEvent: TicketEvent?
}

extension Assignment {
    /// Routes a new ticket: `choose`, plus the timeline event when it stays unassigned.
    public static func route(
        _ method: AssignmentMethod, candidates: [AssignmentCandidate], rotationCursor: Int?
    ) -> RoutingPlan {
        let decision = choose(method, candidates: candidates, rotationCursor: rotationCursor)
        let silent = decision.memberID != nil || method == .manual
        return RoutingPlan(
            decision: decision,
            unassignedEvent: silent ? nil : TicketEvent(kind: .unassigned, detail: decision.reason))
    }
}
