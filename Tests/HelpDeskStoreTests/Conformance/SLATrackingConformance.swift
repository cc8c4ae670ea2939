import GRDB
import HelpDeskCore
import Testing

@testable import HelpDeskStore

/// Tracked SLA clocks: every change that can move a ticket's clocks makes it stale in the
/// same transaction (status, priority, an operator's reply, the team's policy or calendar);
/// a computed state is saved only at the version it was computed from, with its events;
/// resolving clears what was due; inbox pages sort by due time and filter by breach on
/// the saved values.
@Suite struct SLATrackingConformance {
    static func tracked(due: Int?, breached: Bool = false, check: Int? = nil) -> SLATracked {
        SLATracked(
            dueAt: due.map { .moment($0) }, breached: breached, nextCheckAt: check.map { .moment($0) }, announced: [])
    }

    @Test(arguments: StoreFactories.all)
    func changesMakeTicketsStaleAndSavesKeepToTheirVersion(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let olga = try await acme.member("Olga", role: .manager)
            let first = try await acme.openTicket("First", at: .moment(1))
            let second = try await acme.openTicket("Second", at: .moment(2))
            let foreign = try await other.openTicket("Elsewhere", at: .moment(3))

            // New tickets are stale; per team, or in any team.
            let stale = try await store.staleSLATickets(teamID: acme.id, limit: 10)
            #expect(Set(stale.map(\.ticket.id)) == [first.id, second.id])
            #expect(Set(try await store.staleSLATickets(teamID: nil, limit: 10).map(\.ticket.id)).contains(foreign.id))
            #expect(stale.allSatisfy { $0.announced == [] })

            // Saved with its events at the version read; the same version again saves nothing.
            let work = try #require(stale.first { $0.ticket.id == first.id })
            let warning = TicketEvent(kind: .slaWarning, to: "firstResponse", detail: "2026-11-23T12:00:00Z")
            var state = Self.tracked(due: 7_200, check: 7_201)
            state.announced = [.firstResponseWarning]
            let update = SLAUpdate(work: work, tracked: state, events: [warning])
            #expect(try await store.saveSLA([update], now: .moment(20)) == 1)
            #expect(try await store.saveSLA([update], now: .moment(21)) == 0)
            #expect(try await acme.events(first.number).filter { $0.kind == .slaWarning } == [warning])
            #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).map(\.ticket.id) == [second.id])

            // Checks come due by their time.
            #expect(try await store.slaChecksDue(now: .moment(7_200), limit: 10).isEmpty)
            let due = try await store.slaChecksDue(now: .moment(7_201), limit: 10)
            #expect(due.map(\.ticket.id) == [first.id])
            #expect(due.first?.announced == [.firstResponseWarning])

            // An operator's reply, a priority change and a status change each make it stale again;
            // a save computed before the change is refused.
            let before = try #require(due.first)
            _ = try await store.addMessage(
                NewMessage(
                    teamID: acme.id, conversationID: first.conversationID,
                    author: MessageAuthor(kind: .operator, id: olga.id, name: "Olga"), channel: .web, body: "On it"),
                now: .moment(30))
            var again = try #require(
                try await store.staleSLATickets(teamID: acme.id, limit: 10).first { $0.ticket.id == first.id })
            #expect(
                try await store.saveSLA(
                    [SLAUpdate(work: before, tracked: state, events: [warning])],
                    now: .moment(31)) == 0)
            #expect(try await acme.events(first.number).filter { $0.kind == .slaWarning }.count == 1)
            #expect(
                try await store.saveSLA(
                    [SLAUpdate(work: again, tracked: Self.tracked(due: 9_000), events: [])],
                    now: .moment(32)) == 1)
            try await acme.patch(first.number, by: olga, at: .moment(33), priority: .urgent)
            again = try #require(
                try await store.staleSLATickets(teamID: acme.id, limit: 10).first { $0.ticket.id == first.id })
            #expect(
                try await store.saveSLA(
                    [SLAUpdate(work: again, tracked: Self.tracked(due: 9_000), events: [])],
                    now: .moment(34)) == 1)
            try await acme.patch(first.number, by: olga, at: .moment(35), status: .pending)
            #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).contains { $0.ticket.id == first.id })

            // Resolving clears the clocks at once, stale or not; nothing of it is due or checked.
            try await acme.patch(first.number, by: olga, at: .moment(36), status: .resolved)
            #expect(
                !(try await store.staleSLATickets(teamID: acme.id, limit: 10).contains { $0.ticket.id == first.id }))
            #expect(try await store.slaChecksDue(now: .moment(100_000), limit: 10).isEmpty)

            // A change of the policy makes every unresolved ticket of the team stale, and only those.
            let secondWork = try #require(try await store.staleSLATickets(teamID: acme.id, limit: 10).first)
            _ = try await store.saveSLA(
                [SLAUpdate(work: secondWork, tracked: Self.tracked(due: 50), events: [])],
                now: .moment(40))
            #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).isEmpty)
            var settings = try await store.settings(teamID: acme.id)
            _ = try await store.updateSettings(teamID: acme.id, settings)
            #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).isEmpty)
            settings.sla = SLAPolicy(targets: [.normal: SLATarget(firstResponseMinutes: 60)])
            _ = try await store.updateSettings(teamID: acme.id, settings)
            #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).map(\.ticket.id) == [second.id])
        }
    }

    @Test(arguments: StoreFactories.all)
    func pagesSortByDueTimeAndFilterByBreach(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let olga = try await acme.member("Olga", role: .manager)
            // Due at 300, due at 100, breached earlier (stopped late, nothing due), and two without a clock.
            var numbers: [Int] = []
            let states = [
                Self.tracked(due: 300), Self.tracked(due: 100), Self.tracked(due: nil, breached: true),
                Self.tracked(due: nil), Self.tracked(due: nil),
            ]
            for (index, state) in states.enumerated() {
                let ticket = try await acme.openTicket("T\(index)", at: .moment(index + 1))
                let work = try #require(
                    try await store.staleSLATickets(teamID: acme.id, limit: 10).first { $0.ticket.id == ticket.id })
                #expect(
                    try await store.saveSLA(
                        [SLAUpdate(work: work, tracked: state, events: [])],
                        now: .moment(10)) == 1)
                numbers.append(ticket.number)
            }
            let resolved = try await acme.openTicket("Done", at: .moment(20))
            try await acme.patch(resolved.number, by: olga, at: .moment(21), status: .resolved)

            // Due first (soonest first), then the rest in the usual order, whatever the page size.
            var query = InboxQuery(view: .all, sort: .due)
            let usualRest = [numbers[4], numbers[3], numbers[2], resolved.number]
            #expect(try await acme.page(query) == [numbers[1], numbers[0]] + usualRest)
            for limit in [1, 2, 3] {
                query.limit = limit
                #expect(try await acme.walk(query) == [numbers[1], numbers[0]] + usualRest, "limit \(limit)")
            }
            // Breached at 200: the one that stopped late and the one due at 100.
            var breached = InboxQuery(view: .all)
            breached.slaBreached = true
            breached.slaNow = .moment(200)
            #expect(try await acme.page(breached) == [numbers[2], numbers[1]])
            breached.slaBreached = false
            #expect(try await acme.page(breached) == [numbers[4], numbers[3], numbers[0]])
            var dueBefore = InboxQuery(view: .all, sort: .due)
            dueBefore.dueBefore = .moment(300)
            #expect(try await acme.page(dueBefore) == [numbers[1]])
            dueBefore.view = .resolved
            #expect(try await acme.page(dueBefore).isEmpty)
            var unassigned = InboxQuery(view: .unassigned, sort: .due)
            unassigned.limit = 1
            #expect(try await acme.walk(unassigned) == [numbers[1], numbers[0], numbers[4], numbers[3], numbers[2]])
        }
    }
}

/// Rows written without their clocks computed (as a bulk load writes them), resolved ones too:
/// a sweep saves them like any other, so none stays stale and blocks the queue.
@Suite struct SLATrackingBulkRowsTests {
    @Test func aResolvedTicketWrittenStaleIsSavedAndLeavesTheQueue() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let acme = try await TeamFixture.make(store, assignment: .manual)
        let olga = try await acme.member("Olga", role: .manager)
        let ticket = try await acme.openTicket("Bulk loaded", at: .moment(1))
        try await acme.patch(ticket.number, by: olga, at: .moment(2), status: .resolved)
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE tickets SET sla_computed = 0 WHERE id = ?", arguments: [ticket.id])
        }
        let stale = try await store.staleSLATickets(teamID: acme.id, limit: 10)
        #expect(stale.map(\.ticket.id) == [ticket.id])
        let saved = try await store.saveSLA(
            stale.map { SLAUpdate(work: $0, tracked: .untracked, events: []) }, now: .moment(3))
        #expect(saved == 1)
        #expect(try await store.staleSLATickets(teamID: acme.id, limit: 10).isEmpty)
    }
}
