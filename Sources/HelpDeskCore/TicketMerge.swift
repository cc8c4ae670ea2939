/// The rules for merging a ticket (the source) into another (the target) and
/// for undoing it: who may, which tickets, and for how long the undo stays open.
/// The stores load the tickets, ask these, and apply the answer.
public enum TicketMerge {
    /// How long after a merge it can be undone.
    public static let undoWindowSeconds: Int64 = 10 * 60

    /// Refuses a change to a merged ticket: only the merge's undo changes it.
    public static func requireNotMerged(_ ticket: Ticket) throws(HelpDeskError) {
        guard ticket.status == .merged else { return }
        throw .conflict(
            "ticket \(ticket.number) is merged into ticket \(ticket.mergedInto.map(String.init) ?? "another")"
                + "; undo the merge to change it")
    }

    /// What a merge does: the source becomes `merged` into the target, with an
    /// event on each. The target's own fields do not change.
    public struct Plan: Sendable, Equatable {
        public var source: Ticket
        public var sourceEvent: TicketEvent
        public var targetEvent: TicketEvent
    }

    /// Decides a merge of `source` into `target`, both of the caller's team.
    public static func merge(_ source: Ticket, into target: Ticket, by actor: MemberRef, at now: Timestamp)
        throws(HelpDeskError) -> Plan
    {
        if source.id == target.id {
            throw .conflict("ticket \(source.number) cannot be merged into itself")
        }
        if source.status == .merged {
            throw .conflict(
                "ticket \(source.number) is already merged into ticket "
                    + "\(source.mergedInto.map(String.init) ?? "another")")
        }
        if target.status == .merged {
            throw .conflict(
                "ticket \(target.number) is itself merged into ticket "
                    + "\(target.mergedInto.map(String.init) ?? "another"); merge into that one instead")
        }
        var merged = source
        merged.status = .merged
        merged.mergedInto = target.number
        return Plan(
            source: merged,
            sourceEvent: TicketEvent(
                kind: .mergedInto, actor: actor, from: source.status.rawValue, to: String(target.number)),
            targetEvent: TicketEvent(kind: .merged, actor: actor, from: String(source.number)))
    }

    /// What an undo restores: the source's status from before the merge, with
    /// an `unmerged` event on each ticket.
    public struct UndoPlan: Sendable, Equatable {
        public var source: Ticket
        public var sourceEvent: TicketEvent
        public var targetEvent: TicketEvent
    }

    /// Decides the undo of the merge of `source`, made at `mergedAt` when the
    /// source had `previousStatus`; refused once the window has passed.
    public static func undo(
        _ source: Ticket, previousStatus: TicketStatus, mergedAt: Timestamp, by actor: MemberRef, at now: Timestamp
    ) throws(HelpDeskError) -> UndoPlan {
        guard source.status == .merged, let target = source.mergedInto else {
            throw .conflict("ticket \(source.number) is not merged into another ticket")
        }
        guard isUndoable(mergedAt: mergedAt, at: now) else {
            throw .conflict(
                "the merge can no longer be undone: a merge can be undone for \(undoWindowSeconds / 60) minutes")
        }
        var restored = source
        restored.status = previousStatus
        restored.mergedInto = nil
        return UndoPlan(
            source: restored,
            sourceEvent: TicketEvent(kind: .unmerged, actor: actor, from: previousStatus.rawValue, to: String(target)),
            targetEvent: TicketEvent(kind: .unmerged, actor: actor, from: String(source.number)))
    }

    /// Whether a merge made at `mergedAt` can still be undone at `now`.
    public static func isUndoable(mergedAt: Timestamp, at now: Timestamp) -> Bool {
        now.microseconds - mergedAt.microseconds <= undoWindowSeconds * 1_000_000
    }

    /// Until when the merge of a ticket whose timeline is `timeline` can be undone: the time of
    /// its latest `mergedInto` event plus the window; nil when it has none.
    public static func undoDeadline(in timeline: [TimelineEntry]) -> Timestamp? {
        let mergedAt = timeline.last { entry in
            if case .event(let event) = entry.content, event.kind == .mergedInto, entry.mergedFrom == nil {
                return true
            }
            return false
        }?.at
        return mergedAt.map { Timestamp(microseconds: $0.microseconds + undoWindowSeconds * 1_000_000) }
    }

    /// How long apart two tickets of one requester may have been opened to be suggested for a merge.
    public static let suggestionWindowSeconds: Int64 = 24 * 60 * 60

    /// The tickets worth merging `ticket` into, among the requester's other tickets
    /// (`candidates`): unresolved, of the same team, of the same requester, opened within a
    /// day of it; newest first. The same requester: the same conversation, the same email
    /// (ignoring case), the same phone number (its digits, `Requester.phoneDigits`), or —
    /// when the ticket has no email — the same handle on the same channel. The stores offer
    /// candidates by each of these (`Store.otherTickets`).
    public static func suggestions(for ticket: Ticket, among candidates: [Ticket]) -> [Ticket] {
        let window = suggestionWindowSeconds * 1_000_000
        return
            candidates.filter { other in
                other.id != ticket.id && other.teamID == ticket.teamID && other.status.rank < 2
                    && abs(other.createdAt.microseconds - ticket.createdAt.microseconds) <= window
                    && isSameRequester(ticket, other)
            }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Whether two tickets come from one requester, by the rules of `suggestions`.
    public static func isSameRequester(_ ticket: Ticket, _ other: Ticket) -> Bool {
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b, !a.isEmpty else { return false }
            return a.lowercased() == b.lowercased()
        }
        if other.conversationID == ticket.conversationID { return true }
        if same(ticket.requester.email, other.requester.email) { return true }
        if let phone = ticket.requester.phoneDigits, phone == other.requester.phoneDigits { return true }
        let hasEmail = !(ticket.requester.email ?? "").isEmpty
        return !hasEmail && other.channel == ticket.channel
            && same(ticket.requester.handle, other.requester.handle)
    }
}
