import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// The copilot's reads: the newest matching tickets first, whatever mix of
/// statuses matches, narrowed to one member when the caller is an operator.
@Suite struct CopilotReadConformance {
    @Test(arguments: StoreFactories.all)
    func newestFirstAcrossStatusesAndOnlyWhatTheCallerSees(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other")
            let owner = try await acme.member("Olivia", role: .owner)
            let riley = try await acme.member("Riley")
            var numbers: [Int] = []
            for index in 0..<9 {
                numbers.append(try await acme.openTicket("Ticket \(index)", at: .moment(index + 1)).number)
            }
            _ = try await other.openTicket("Other team's", at: .moment(100))
            // Statuses and assignees interleaved with activity, so no status holds the newest alone.
            for (offset, number) in numbers.enumerated() {
                let status: TicketStatus = [.open, .pending, .resolved][offset % 3]
                let assignee: String?? = offset % 2 == 0 ? .some(riley.id) : nil
                try await acme.patch(number, by: owner, at: .moment(20 + offset), status: status, assignee: assignee)
            }
            var all: [Ticket] = []
            for number in numbers { all.append(try await acme.ticket(number)) }
            let newest = all.sorted { ($0.lastActivityAt, $0.id) > ($1.lastActivityAt, $1.id) }

            let four = try await store.copilotTickets(teamID: acme.id, filter: CopilotFilter(), limit: 4)
            #expect(four.map(\.number) == newest.prefix(4).map(\.number))
            let unresolved = try await store.copilotTickets(
                teamID: acme.id, filter: CopilotFilter(statuses: [.pending, .open]), limit: 25)
            #expect(unresolved.map(\.number) == newest.filter { $0.status != .resolved }.map(\.number))
            let rileys = try await store.copilotTickets(
                teamID: acme.id, filter: CopilotFilter(visibleTo: riley.id), limit: 25)
            #expect(rileys.map(\.number) == newest.filter { $0.assignee?.id == riley.id }.map(\.number))
            let resolved = try await store.copilotTickets(
                teamID: acme.id, filter: CopilotFilter(statuses: [.resolved], visibleTo: riley.id), limit: 25)
            #expect(
                resolved.map(\.number)
                    == newest.filter { $0.status == .resolved && $0.assignee?.id == riley.id }.map(\.number))

            let perStatus = try await store.copilotCount(
                teamID: acme.id, filter: CopilotFilter(visibleTo: riley.id), groupBy: .status)
            let expected = Dictionary(grouping: all.filter { $0.assignee?.id == riley.id }, by: \.status.rawValue)
                .mapValues(\.count)
            #expect(Dictionary(uniqueKeysWithValues: perStatus.map { ($0.key ?? "", $0.count) }) == expected)
            let total = try await store.copilotCount(teamID: acme.id, filter: CopilotFilter(), groupBy: nil)
            #expect(total.first?.count == 9, "the other team's ticket is not counted")
        }
    }
}
