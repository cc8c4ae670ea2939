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

    /// How long a page sorted or filtered by SLA spends bringing stale clocks up to date before it
    /// answers. Usually nothing is stale and this costs one index probe; after a change of the
    /// policy or the calendar every unresolved ticket is, and at a million tickets computing them
    /// all takes longer than a page may: the page then answers from the values saved so far while
    /// the sweep finishes the rest (the order catches up as it goes).
    static let slaRefreshBudget: Duration = .seconds(2)

    /// Brings the team's tracked clocks up to date, within `slaRefreshBudget`.
    func refreshSLA(teamID: String) async throws {
        try await drain(within: Self.slaRefreshBudget) {
            try await store.staleSLATickets(teamID: teamID, limit: Self.slaBatch)
        }
    }

    /// One sweep of SLA tracking over every team: stale clocks computed again, then every
    /// ticket whose warning or breach has come announced on its timeline (and so live).
    /// Several processes may sweep one database: each event is written once (`Store.saveSLA`).
    public func sweepSLA() async throws {
        try await drain(within: nil) { try await store.staleSLATickets(teamID: nil, limit: Self.slaBatch) }
        let now = clock()
        try await drain(within: nil) { try await store.slaChecksDue(now: now, limit: Self.slaBatch) }
    }

    /// Tracks batches from `next` until none is left or `budget` has passed. A batch another
    /// process saved first is read again without those tickets; two batches in a row that save
    /// nothing end it (tickets changed faster than they are computed: the next sweep goes on),
    /// and the rounds are capped.
    private func drain(within budget: Duration?, _ next: () async throws -> [SLAWork]) async throws {
        let started = ContinuousClock.now
        var fruitless = 0
        for _ in 0..<10_000 {
            let work = try await next()
            if work.isEmpty { return }
            fruitless = try await track(work, now: clock()) == 0 ? fruitless + 1 : 0
            if fruitless >= 2 { return }
            if let budget, ContinuousClock.now - started > budget { return }
        }
    }
}
