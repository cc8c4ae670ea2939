import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    /// Merges ticket `number` into ticket `into`, both of the caller's team; any member who may
    /// change a ticket (PATCH, pick-up) may merge it. See `TicketMerge` for the refusals.
    public func mergeTicket(_ caller: Caller, number: Int, into: Int) async throws -> MergedTickets {
        try caller.requireHelpDesk()
        return try await store.mergeTicket(
            teamID: caller.team.id, number: number, into: into, actor: caller.member.ref, now: clock())
    }

    /// Undoes the merge of ticket `number` within `TicketMerge.undoWindowSeconds` of it.
    public func unmergeTicket(_ caller: Caller, number: Int) async throws -> MergedTickets {
        try caller.requireHelpDesk()
        return try await store.unmergeTicket(
            teamID: caller.team.id, number: number, actor: caller.member.ref, now: clock())
    }

    /// The caller's team's tickets worth merging ticket `number` into (`TicketMerge.suggestions`),
    /// among the requester's other recent tickets.
    public func mergeSuggestions(_ caller: Caller, number: Int) async throws -> [Ticket] {
        let ticket = try await self.ticket(caller, number: number)
        guard ticket.status != .merged else { return [] }
        let candidates = try await store.otherTickets(of: ticket, limit: 50)
        return TicketMerge.suggestions(for: ticket, among: candidates)
    }
}
