import HelpDeskCore
import HelpDeskStore
import Testing

/// Tag suggestions: recorded once per ticket and name, listed while open (of tags the team has and
/// the ticket lacks), accepted with the tag put on as `tagTicket` does or rejected, and counted
/// per team.
@Suite struct TagSuggestionConformance {
    @Test(arguments: StoreFactories.all)
    func suggestAcceptRejectAndCount(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let globex = try await TeamFixture.make(store, name: "Globex")
            let sam = try await acme.member("Sam")
            for name in ["billing", "shipping", "bug"] {
                try await store.createTag(TagConformance.tag(acme, name))
            }
            let ticket = try await acme.openTicket("Charged twice", at: .moment(1))
            try await store.suggestTags(
                teamID: acme.id, ticketID: ticket.id, names: ["billing", "shipping", "bug"], now: .moment(2))
            try await store.suggestTags(teamID: acme.id, ticketID: ticket.id, names: ["billing"], now: .moment(3))
            #expect(
                try await store.tagSuggestions(teamID: acme.id, number: ticket.number)
                    == ["billing", "shipping", "bug"], "in the order suggested, each once")
            #expect(try await acme.ticket(ticket.number).tags == [], "not applied")

            let accepted = try await store.decideTagSuggestion(
                teamID: acme.id, number: ticket.number, name: "billing", accept: true, actor: sam.ref, now: .moment(4))
            #expect(accepted.tags == ["billing"])
            #expect(try await acme.ticket(ticket.number).tags == ["billing"])
            let timeline = try await store.timeline(teamID: acme.id, number: ticket.number, after: nil, limit: nil)
            #expect(
                timeline.contains {
                    if case .event(let event) = $0.content {
                        event.kind == .tagAdded && event.to == "billing"
                    } else {
                        false
                    }
                })
            let rejected = try await store.decideTagSuggestion(
                teamID: acme.id, number: ticket.number, name: "bug", accept: false, actor: sam.ref, now: .moment(5))
            #expect(rejected.tags == ["billing"])
            #expect(try await store.tagSuggestions(teamID: acme.id, number: ticket.number) == ["shipping"])
            let twice = await helpDeskError {
                try await store.decideTagSuggestion(
                    teamID: acme.id, number: ticket.number, name: "bug", accept: true, actor: sam.ref, now: .moment(6))
            }
            #expect(twice?.isNotFound == true)

            // A tag the team deleted is no longer offered; another team's ticket is not found.
            #expect(try await store.deleteTag(teamID: acme.id, name: "shipping"))
            #expect(try await store.tagSuggestions(teamID: acme.id, number: ticket.number) == [])
            let elsewhere = await helpDeskError {
                try await store.tagSuggestions(teamID: globex.id, number: ticket.number)
            }
            #expect(elsewhere?.isNotFound == true)

            #expect(
                try await store.tagSuggestionStats(teamID: acme.id)
                    == TagSuggestionStats(suggested: 3, accepted: 1, rejected: 1))
            #expect(
                try await store.tagSuggestionStats(teamID: globex.id)
                    == TagSuggestionStats(suggested: 0, accepted: 0, rejected: 0))
        }
    }
}
