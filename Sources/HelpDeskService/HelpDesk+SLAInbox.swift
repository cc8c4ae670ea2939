import Foundation
import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    /// The most unresolved tickets a due sort or an SLA filter reads at once.
    static let slaCandidateLimit = 1_000_000

    /// An inbox page that depends on SLA clocks (`SLAInbox`): the view's unresolved tickets with
    /// their clocks computed now, filtered by `slaBreached` and `dueBefore`, in due order (`sort=due`)
    /// or the usual one. A due sort without filters continues, after the tickets with a due time,
    /// with the rest of the view walked in its usual order.
    func slaInbox(_ caller: Caller, _ query: InboxQuery) async throws -> InboxPage {
        let teamID = caller.team.id
        let settings = try await store.settings(teamID: teamID)
        let now = clock()
        var base = query
        base.sort = .activity
        base.cursor = nil
        base.slaBreached = nil
        base.dueBefore = nil

        var candidates: [Ticket] = []
        var triage: [Int64: Triage] = [:]
        if !settings.sla.targets.isEmpty, query.view != .resolved, query.status != .resolved {
            var unresolved = base
            unresolved.limit = Self.slaCandidateLimit
            for status in query.status.map({ [$0] }) ?? [.open, .pending] {
                unresolved.status = status
                let page = try await store.inbox(teamID: teamID, callerID: caller.member.id, query: unresolved)
                candidates += page.items
                triage.merge(page.triage) { first, _ in first }
            }
        }
        let facts = candidates.isEmpty ? [:] : try await store.slaFacts(teamID: teamID, tickets: candidates)
        var clocks: [Int64: SLAStatus] = [:]
        for ticket in candidates {
            clocks[ticket.id] = SLAClock.status(
                of: ticket, facts: facts[ticket.id] ?? SLAFacts(), policy: settings.sla, calendar: settings.calendar,
                now: now)
        }
        let dueAt = { (ticket: Ticket) in query.sort == .due ? clocks[ticket.id]?.nextDueAt : nil }
        let after = query.cursor?.position

        let filtering = query.slaBreached != nil || query.dueBefore != nil
        let listed =
            filtering
            ? candidates.filter {
                SLAInbox.matches(clocks[$0.id] ?? .none, breached: query.slaBreached, dueBefore: query.dueBefore)
            }
            : candidates.filter { dueAt($0) != nil }
        let ordered = SLAInbox.ordered(listed, dueAt: dueAt).filter { item in
            after.map { SLAInbox.isAfter(item.1, $0) } ?? true
        }
        var items = Array(ordered.prefix(query.limit).map(\.0))
        var nextCursor: InboxCursor?
        if ordered.count > query.limit, let last = ordered.prefix(query.limit).last {
            nextCursor = InboxCursor(sort: query.sort, position: last.1)
        }
        // A due sort goes on with the rest of the view, without the tickets listed by due time; a page
        // the due tickets fill ends at the last of them, where the next page starts on the rest.
        if !filtering, query.sort == .due, nextCursor == nil, items.count == query.limit,
            let last = ordered.prefix(query.limit).last
        {
            nextCursor = InboxCursor(sort: .due, position: last.1)
        }
        if !filtering, query.sort == .due, items.count < query.limit {
            let listedIDs = Set(listed.map(\.id))
            var rest = base
            if case .activity? = after {
                rest.cursor = query.cursor.map { InboxCursor(sort: .activity, position: $0.position) }
            }
            while items.count < query.limit {
                rest.limit = query.limit - items.count
                let page = try await store.inbox(teamID: teamID, callerID: caller.member.id, query: rest)
                items += page.items.filter { !listedIDs.contains($0.id) }
                triage.merge(page.triage) { first, _ in first }
                guard let next = page.nextCursor else {
                    nextCursor = nil
                    break
                }
                nextCursor = InboxCursor(sort: .due, position: next.position)
                rest.cursor = next
            }
        }
        return InboxPage(
            items: items, nextCursor: nextCursor, triage: triage.filter { id, _ in items.contains { $0.id == id } })
    }
}
