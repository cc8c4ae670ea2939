import HelpDeskCore
import HelpDeskStore
import Testing

/// Ticket numbers are per team, sequential from 10001, never reused (spec §5.3).
@Suite struct TicketNumberingConformance {
    @Test(arguments: StoreFactories.all)
    func numbersArePerTeamFrom10001AndGapFreeUnderConcurrency(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, name: "Acme")
            let globex = try await TeamFixture.make(store, name: "Globex")
            _ = try await acme.member("Ann", .online)
            _ = try await globex.member("Gus", .online)
            let perTeam = 30
            let created = try await withThrowingTaskGroup(of: (String, Ticket).self) { group in
                for index in 0..<perTeam {
                    for fixture in [acme, globex] {
                        group.addTask {
                            (
                                fixture.id,
                                try await fixture.openTicket("\(fixture.team.name) \(index)", at: .moment(index))
                            )
                        }
                    }
                }
                var created: [(String, Ticket)] = []
                for try await result in group { created.append(result) }
                return created
            }
            for fixture in [acme, globex] {
                let tickets = created.filter { $0.0 == fixture.id }.map(\.1)
                // Every number from 10001 exactly once: no gap, no duplicate.
                #expect(
                    tickets.map(\.number).sorted() == Array(TicketNumbering.first..<(TicketNumbering.first + perTeam)))
                #expect(tickets.allSatisfy { $0.teamID == fixture.id })
                // The number the store returned is the one it kept.
                for ticket in tickets {
                    let stored = try await fixture.ticket(ticket.number)
                    #expect(stored.subject == ticket.subject)
                    #expect(stored.id == ticket.id)
                }
            }
            // The next ticket continues where the team left off, whatever the other team did.
            let next = try await acme.openTicket("After the burst", at: .moment(100))
            #expect(next.number == TicketNumbering.first + perTeam)
            let empty = try await TeamFixture.make(store, name: "Initech")
            #expect(try await empty.openTicket("First", at: .moment(101)).number == TicketNumbering.first)
        }
    }

    @Test(arguments: StoreFactories.all)
    func escalationsAndHandOpenedTicketsShareOneSequence(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            #expect(try await acme.openTicket("By hand", at: .moment(1)).number == 10001)
            let conversation = try await acme.conversation(agent: agent, channel: channel, at: .moment(2))
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "I need a person please", now: .moment(3))
            let escalated = try await store.escalate(
                EscalationRequest(teamID: acme.id, conversationID: conversation.id, reason: .humanButton),
                now: .moment(4))
            #expect(escalated.ticket.number == 10002)
            // A resolved ticket keeps its number; the next one does not reuse it.
            let owner = try await acme.member("Olga", role: .owner)
            try await acme.patch(10002, by: owner, at: .moment(5), status: .resolved)
            #expect(try await acme.openTicket("By hand again", at: .moment(6)).number == 10003)
        }
    }
}
