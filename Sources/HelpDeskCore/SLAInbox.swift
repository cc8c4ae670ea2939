import Foundation

/// The order and filters of inbox pages that depend on SLA clocks (`sort=due`,
/// `slaBreached`, `dueBefore`): the clocks are computed at read time from the
/// timeline, so these pages are put together from the unresolved tickets'
/// clocks rather than walked along an index.
public enum SLAInbox {
    /// Whether a ticket's clocks pass the query's SLA filters.
    public static func matches(_ status: SLAStatus, breached: Bool?, dueBefore: Timestamp?) -> Bool {
        if let breached, status.breached != breached { return false }
        if let dueBefore {
            guard let due = status.nextDueAt, Timestamp(due) < dueBefore else { return false }
        }
        return true
    }

    /// Where a ticket stands in a due walk: by its next due time while a clock runs, else in the
    /// view's usual order after every ticket with a due time.
    public static func position(of ticket: Ticket, dueAt: Date?) -> InboxCursor.Position {
        if let dueAt { return .due(at: Timestamp(dueAt).microseconds, id: ticket.id) }
        return .activity(
            statusRank: ticket.status.rank, lastActivity: ticket.lastActivityAt.microseconds, id: ticket.id)
    }

    /// Whether `later` comes after `earlier` in a walk: due positions by (due time, id) ascending,
    /// before every activity position; activity positions by status rank ascending, then last
    /// activity and id descending (the inbox's usual order).
    public static func isAfter(_ later: InboxCursor.Position, _ earlier: InboxCursor.Position) -> Bool {
        switch (earlier, later) {
        case (.due(let at, let id), .due(let laterAt, let laterID)):
            return (laterAt, laterID) > (at, id)
        case (.due, _):
            return true
        case (_, .due):
            return false
        case (.activity(let rank, let activity, let id), .activity(let laterRank, let laterActivity, let laterID)):
            if laterRank != rank { return laterRank > rank }
            return (laterActivity, laterID) < (activity, id)
        case (.waiting, _), (_, .waiting):
            return false
        }
    }

    /// Tickets in walk order by their positions.
    public static func ordered(_ tickets: [Ticket], dueAt: (Ticket) -> Date?) -> [(Ticket, InboxCursor.Position)] {
        tickets.map { ($0, position(of: $0, dueAt: dueAt($0))) }.sorted { isAfter($1.1, $0.1) }
    }
}
