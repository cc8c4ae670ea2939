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
