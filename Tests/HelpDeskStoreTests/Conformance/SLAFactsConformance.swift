import HelpDeskCore
import HelpDeskStore
import Testing

/// What SLA clocks are computed from: each ticket's first operator message and
/// its status changes, read for a page of tickets at once, each ticket apart
/// from the others and within its team.
@Suite struct SLAFactsConformance {
    @Test(arguments: StoreFactories.all)
    func firstOperatorMessageAndStatusChangesPerTicket(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let olga = try await acme.member("Olga", role: .manager)
            let quiet = try await acme.openTicket("Nobody answered", at: .moment(1))
            let busy = try await acme.openTicket("Answered", at: .moment(2))
            let foreign = try await other.openTicket("Elsewhere", at: .moment(3))

            func say(_ kind: AuthorKind, _ ticket: Ticket, _ body: String, at second: Int) async throws {
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: ticket.teamID, conversationID: ticket.conversationID,
                        author: MessageAuthor(kind: kind, id: kind == .operator ? olga.id : nil, name: "X"),
                        channel: .web, body: body),
                    now: .moment(second))
            }
            try await say(.customer, busy, "hello?", at: 4)
            try await say(.ai, busy, "an AI reply is no first response", at: 5)
            try await say(.operator, busy, "on it", at: 6)
            try await say(.operator, busy, "and again", at: 7)
            try await acme.patch(busy.number, by: olga, at: .moment(8), status: .pending)
            try await acme.patch(busy.number, by: olga, at: .moment(9), status: .open)
            try await acme.patch(busy.number, by: olga, at: .moment(10), status: .resolved)

            let facts = try await store.slaFacts(teamID: acme.id, tickets: [quiet, busy])
            #expect(facts[quiet.id] == SLAFacts())
            #expect(
                facts[busy.id]
                    == SLAFacts(
                        firstResponseAt: .moment(6),
                        statusChanges: [
                            .init(at: .moment(8), status: .pending), .init(at: .moment(9), status: .open),
                            .init(at: .moment(10), status: .resolved),
                        ]))
            // Another team's ticket asked for under this team: nothing of it is read.
            let mixed = try await store.slaFacts(teamID: acme.id, tickets: [foreign])
            #expect(mixed[foreign.id] == SLAFacts())
            #expect(try await store.slaFacts(teamID: acme.id, tickets: []).isEmpty)
        }
    }
}
