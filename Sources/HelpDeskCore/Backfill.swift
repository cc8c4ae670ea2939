/// Backfill: when an operator becomes available (comes online, or frees a slot
/// by resolving under balanced), the oldest waiting unassigned tickets are
/// offered to them first, instead of waiting for the next new ticket.
public enum Backfill {
    /// At most this many tickets move in one backfill, to keep the transaction short.
    public static let cap = 20

    /// How many of the oldest waiting tickets `member` takes now.
    ///
    /// - balanced: as many as the balanced rule would give them one after another
    ///   (each taken ticket counts against them, and makes them the most recently
    ///   assigned), so they catch up to the others and no further;
    /// - round robin: one — it is their turn now, and the rotation continues after them;
    /// - manual: none.
    public static func count(
        _ method: AssignmentMethod, member memberID: String, candidates: [AssignmentCandidate], waiting: Int,
        now: Int64
    ) -> Int {
        guard waiting > 0,
            let member = candidates.first(where: { $0.memberID == memberID }), member.availability == .online
        else { return 0 }
        switch method {
        case .manual:
            return 0
        case .roundRobin:
            return 1
        case .balanced:
            var pool = candidates
            var taken = 0
            while taken < min(waiting, cap) {
                guard Assignment.choose(.balanced, candidates: pool, rotationCursor: nil).memberID == memberID,
                    let index = pool.firstIndex(where: { $0.memberID == memberID })
                else { break }
                let current = pool[index]
                pool[index] = AssignmentCandidate(
                    memberID: current.memberID, availability: current.availability,
                    unresolvedCount: current.unresolvedCount + 1, lastAssignedAt: now,
                    rotationPosition: current.rotationPosition)
                taken += 1
            }
            return taken
        }
    }
}

/// An unassigned, unresolved ticket waiting for an operator.
public struct WaitingTicket: Sendable, Equatable {
    public var ticketID: Int64
    public var conversationID: String

    public init(ticketID: Int64, conversationID: String) {
        self.ticketID = ticketID
        self.conversationID = conversationID
    }
}

/// What a backfill writes, decided by `Backfill.plan`.
public struct BackfillPlan: Sendable, Equatable {
    /// The tickets the member gets, oldest waiting first.
    public var tickets: [WaitingTicket]
    /// The `assigned` events' reason.
    public var reason: String
    /// For round robin, the rotation cursor to store (the member's position),
    /// so the rotation continues after them; nil leaves it unchanged.
    public var rotationCursor: Int?

    /// Nothing to do.
    public static let none = BackfillPlan(tickets: [], reason: "", rotationCursor: nil)
}

extension Backfill {
    /// Why a member whose availability changed gets a backfill: only coming online counts.
    public static func cause(displayName: String, from before: Availability, to after: Availability?) -> String? {
        guard after == .online, before != .online else { return nil }
        return "\(displayName) came online"
    }

    /// Why the assignee of a ticket that a change resolved gets a backfill: under
    /// balanced, resolving frees a slot. Nil when the change resolved nothing.
    public static func cause(
        resolving before: Ticket, into after: Ticket, method: AssignmentMethod
    ) -> (memberID: String, cause: String)? {
        guard method == .balanced, after.status == .resolved, before.status != .resolved,
            let assignee = before.assignee
        else { return nil }
        return (assignee.id, "\(assignee.displayName) resolved \(before.number)")
    }

    /// Decides a backfill: `count` of the oldest `waiting` tickets (given oldest
    /// first) for `member`, with the reason and, under round robin, the cursor.
    public static func plan(
        _ method: AssignmentMethod, member memberID: String, candidates: [AssignmentCandidate],
        waiting: [WaitingTicket], because cause: String, now: Int64
    ) -> BackfillPlan {
        guard method != .manual else { return .none }
        let taken = count(method, member: memberID, candidates: candidates, waiting: waiting.count, now: now)
        guard taken > 0 else { return .none }
        let position = candidates.first { $0.memberID == memberID }?.rotationPosition
        return BackfillPlan(
            tickets: Array(waiting.prefix(taken)), reason: "backfill: \(cause); oldest waiting ticket first",
            rotationCursor: method == .roundRobin ? position : nil)
    }
}

extension Backfill {
    /// Why a removed member's tickets are routed again.
    public static func removalReason(_ member: Member) -> String {
        "\(member.displayName) was removed from the team; routed again"
    }
}
