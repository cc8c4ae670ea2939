import Foundation
import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    /// How many tickets one round of SLA tracking computes and saves at once.
    static let slaBatch = 500

    /// Computes the tracked clocks of `work` (`SLATracking.track`) and saves them with the
    /// warnings and breaches they owe the timeline; returns how many were saved (the others
    /// changed meanwhile and stay stale).
    func track(_ work: [SLAWork], now: Timestamp) async throws -> Int {
        var updates: [SLAUpdate] = []
        for (teamID, items) in Dictionary(grouping: work, by: \.ticket.teamID) {
            let settings = try await store.settings(teamID: teamID)
            let tickets = items.map(\.ticket)
            let facts = settings.sla.targets.isEmpty ? [:] : try await store.slaFacts(teamID: teamID, tickets: tickets)
            for item in items {
                let (tracked, events) = SLATracking.track(
                    item.ticket, facts: facts[item.ticket.id] ?? SLAFacts(), policy: settings.sla,
                    calendar: settings.calendar, now: now, announced: item.announced)
                updates.append(SLAUpdate(work: item, tracked: tracked, events: events))
            }
        }
        return try await store.saveSLA(updates, now: now)
    }

    /// Brings the team's tracked clocks up to date, so a page sorted or filtered by them is
    /// current: usually nothing is stale (the sweeper keeps up), after a change of the policy or
    /// the calendar every unresolved ticket is.
    func refreshSLA(teamID: String) async throws {
        try await drain { try await store.staleSLATickets(teamID: teamID, limit: Self.slaBatch) }
    }

    /// One sweep of SLA tracking over every team: stale clocks computed again, then every
    /// ticket whose warning or breach has come announced on its timeline (and so live).
    /// Several processes may sweep one database: each event is written once (`Store.saveSLA`).
    public func sweepSLA() async throws {
        try await drain { try await store.staleSLATickets(teamID: nil, limit: Self.slaBatch) }
        let now = clock()
        try await drain { try await store.slaChecksDue(now: now, limit: Self.slaBatch) }
    }

    /// Tracks batches from `next` until none is left, or a batch saves nothing (another process
    /// changes the same tickets faster than this one computes them; the next sweep goes on).
    private func drain(_ next: () async throws -> [SLAWork]) async throws {
        while true {
            let work = try await next()
            if work.isEmpty { return }
            let saved = try await track(work, now: clock())
            if saved == 0 || work.count < Self.slaBatch && saved == work.count { return }
        }
    }
}
