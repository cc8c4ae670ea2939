import HelpDeskCore
import HelpDeskStore
import Testing

/// Any member can pick up an unassigned ticket; exactly one wins a race, the
/// others learn who has it (spec §7).
@Suite struct PickUpConformance {
    enum Outcome: Sendable {
        case won(Member)
        case lost(Member, HelpDeskError)
    }

    @Test(arguments: StoreFactories.all)
    func exactlyOneOfManyConcurrentPickUpsWins(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            var members: [Member] = []
            for index in 0..<8 { members.append(try await acme.member("Op\(index)", .online)) }
            for round in 0..<3 {
                let ticket = try await acme.openTicket("Race \(round)", at: .moment(round))
                let contenders = members
                let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                    for member in contenders {
                        group.addTask {
                            do {
                                _ = try await acme.pickUp(ticket.number, by: member, at: .moment(10 + round))
                                return .won(member)
                            } catch let error as HelpDeskError {
                                return .lost(member, error)
                            }
                        }
                    }
                    var outcomes: [Outcome] = []
                    for try await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                let winners = outcomes.compactMap { if case .won(let member) = $0 { member } else { nil } }
                #expect(winners.count == 1, "round \(round)")
                let winner = try #require(winners.first)
                for case .lost(let member, let error) in outcomes {
                    let message = error.conflictMessage
                    #expect(message != nil, "\(member.displayName) got \(error), not a conflict")
                    #expect(message?.contains(winner.displayName) == true, "\(message ?? "")")
                }
                let stored = try await acme.ticket(ticket.number)
                #expect(stored.assignee == winner.ref)
                let assigned = try await acme.events(ticket.number).filter { $0.kind == .assigned }
                #expect(assigned.count == 1)
                #expect(assigned.first?.actor == winner.ref && assigned.first?.to == winner.displayName)
            }
            let open = try await store.members(teamID: acme.id).map(\.openTickets)
            #expect(open.reduce(0, +) == 3)
        }
    }

    @Test(arguments: StoreFactories.all)
    func pickingUpAHeldResolvedOrMissingTicketIsRefused(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .balanced)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .away)
            let routed = try await acme.openTicket("Routed to Ann", at: .moment(1))
            #expect(routed.assignee == ann.ref)
            let held = await helpDeskError { try await acme.pickUp(routed.number, by: ben, at: .moment(2)) }
            #expect(held?.conflictMessage?.contains("Ann") == true, "\(String(describing: held))")
            #expect(try await acme.ticket(routed.number).assignee == ann.ref)

            // Picking up your own ticket again changes nothing.
            let before = try await store.timeline(teamID: acme.id, number: routed.number).count
            let again = try await acme.pickUp(routed.number, by: ann, at: .moment(3))
            #expect(again.assignee == ann.ref)
            #expect(try await store.timeline(teamID: acme.id, number: routed.number).count == before)

            try await acme.setAssignment(.manual)
            let done = try await acme.openTicket("Resolved", at: .moment(4))
            try await acme.patch(done.number, by: ann, at: .moment(5), status: .resolved)
            let resolved = await helpDeskError { try await acme.pickUp(done.number, by: ben, at: .moment(6)) }
            #expect(resolved?.conflictMessage != nil, "\(String(describing: resolved))")
            #expect(try await acme.ticket(done.number).assignee == nil)

            let missing = await helpDeskError { try await acme.pickUp(99_999, by: ben, at: .moment(7)) }
            #expect(missing?.isNotFound == true, "\(String(describing: missing))")
        }
    }
}
