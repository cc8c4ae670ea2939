import HelpDeskCore
import HelpDeskStore
import Testing

/// Tags: a team's list, by name; put on tickets and taken off with timeline
/// events and no duplicates; the inbox filtered by one; each within its team.
@Suite struct TagConformance {
    static func tag(_ team: TeamFixture, _ name: String, color: String = "#ff0000", at second: Int = 0) -> TicketTag {
        TicketTag(teamID: team.id, name: name, color: color, createdAt: .moment(second), updatedAt: .moment(second))
    }

    @Test(arguments: StoreFactories.all)
    func createListRecolourAndDelete(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            #expect(try await store.tags(teamID: acme.id).isEmpty)

            let vip = Self.tag(acme, "vip", at: 1)
            let billing = Self.tag(acme, "billing", color: "#00ff00", at: 2)
            let accents = Self.tag(acme, "élan", at: 3)
            for tag in [vip, billing, accents] { try await store.createTag(tag) }
            // By name, bytewise in both stores: "élan" (0xC3…) after every ASCII name.
            #expect(try await store.tags(teamID: acme.id) == [billing, vip, accents])

            let duplicate = await helpDeskError { try await store.createTag(Self.tag(acme, "vip")) }
            #expect(duplicate?.conflictMessage?.contains("\"vip\"") == true, "\(String(describing: duplicate))")

            let recoloured = try await store.updateTag(teamID: acme.id, name: "vip", color: "#123abc", now: .moment(9))
            let expected = TicketTag(
                teamID: acme.id, name: "vip", color: "#123abc", createdAt: .moment(1), updatedAt: .moment(9))
            #expect(recoloured == expected)
            #expect(try await store.tags(teamID: acme.id) == [billing, expected, accents])
            #expect(try await store.updateTag(teamID: acme.id, name: "nope", color: "#000000", now: .moment(9)) == nil)

            #expect(try await store.deleteTag(teamID: acme.id, name: "billing"))
            #expect(try await store.deleteTag(teamID: acme.id, name: "billing") == false)
            #expect(try await store.tags(teamID: acme.id).map(\.name) == ["vip", "élan"])
        }
    }

    @Test(arguments: StoreFactories.all)
    func taggingATicketWritesOneEventAndCreatesAMissingTag(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam")
            let ticket = try await acme.openTicket("Refund", at: .moment(1))
            try await store.createTag(Self.tag(acme, "vip"))

            let tagged = try await store.tagTicket(
                teamID: acme.id, number: ticket.number, name: "vip", actor: sam.ref, now: .moment(5))
            #expect(tagged.tags == ["vip"])
            // A name the team has no tag for becomes a tag with the default colour.
            let twice = try await store.tagTicket(
                teamID: acme.id, number: ticket.number, name: "billing", actor: sam.ref, now: .moment(6))
            #expect(twice.tags == ["billing", "vip"])
            #expect(
                try await store.tags(teamID: acme.id).map { "\($0.name) \($0.color)" } == [
                    "billing \(TicketTag.defaultColor)", "vip #ff0000",
                ])
            // Again: nothing changes, no event.
            let again = try await store.tagTicket(
                teamID: acme.id, number: ticket.number, name: "vip", actor: sam.ref, now: .moment(7))
            #expect(again.tags == ["billing", "vip"])
            #expect(try await acme.ticket(ticket.number).tags == ["billing", "vip"])
            // Tagging is no activity: the inbox order stays.
            #expect(try await acme.ticket(ticket.number).lastActivityAt == ticket.lastActivityAt)

            let untagged = try await store.untagTicket(
                teamID: acme.id, number: ticket.number, name: "vip", actor: sam.ref, now: .moment(8))
            #expect(untagged.tags == ["billing"])
            let missing = try await store.untagTicket(
                teamID: acme.id, number: ticket.number, name: "vip", actor: sam.ref, now: .moment(9))
            #expect(missing.tags == ["billing"])

            let events = try await acme.events(ticket.number).filter { $0.kind != .created }
            #expect(
                events == [
                    TicketEvent(kind: .tagAdded, actor: sam.ref, to: "vip"),
                    TicketEvent(kind: .tagAdded, actor: sam.ref, to: "billing"),
                    TicketEvent(kind: .tagRemoved, actor: sam.ref, from: "vip"),
                ])

            let none = await helpDeskError {
                try await store.tagTicket(teamID: acme.id, number: 99_999, name: "vip", actor: sam.ref, now: .moment(9))
            }
            #expect(none?.isNotFound == true)
            let noneOff = await helpDeskError {
                try await store.untagTicket(
                    teamID: acme.id, number: 99_999, name: "vip", actor: sam.ref, now: .moment(9))
            }
            #expect(noneOff?.isNotFound == true)
        }
    }

    @Test(arguments: StoreFactories.all)
    func deletingATagTakesItOffEveryTicket(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam")
            let first = try await acme.openTicket("One", at: .moment(1))
            let second = try await acme.openTicket("Two", at: .moment(2))
            for number in [first.number, second.number] {
                for name in ["billing", "vip"] {
                    _ = try await store.tagTicket(
                        teamID: acme.id, number: number, name: name, actor: sam.ref, now: .moment(3))
                }
            }
            #expect(try await store.deleteTag(teamID: acme.id, name: "billing"))
            #expect(try await acme.ticket(first.number).tags == ["vip"])
            #expect(try await acme.ticket(second.number).tags == ["vip"])
            #expect(try await acme.page(InboxQuery(view: .all, tag: "billing")).isEmpty)
            // The name is free again, and a new tag by it is on no ticket.
            try await store.createTag(Self.tag(acme, "billing"))
            #expect(try await acme.page(InboxQuery(view: .all, tag: "billing")).isEmpty)
        }
    }

    @Test(arguments: StoreFactories.all)
    func limitsOfTagsPerTicketAndPerTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam")
            let ticket = try await acme.openTicket("Busy", at: .moment(1))
            for index in 0..<TicketTag.ticketLimit {
                _ = try await store.tagTicket(
                    teamID: acme.id, number: ticket.number, name: "t\(index)", actor: sam.ref, now: .moment(2))
            }
            let tooMany = await helpDeskError {
                try await store.tagTicket(
                    teamID: acme.id, number: ticket.number, name: "one-more", actor: sam.ref, now: .moment(3))
            }
            guard case .unprocessable = tooMany else {
                Issue.record("expected unprocessable, got \(String(describing: tooMany))")
                return
            }
            #expect(try await acme.ticket(ticket.number).tags.count == TicketTag.ticketLimit)
            #expect(
                try await store.tags(teamID: acme.id).count == TicketTag.ticketLimit, "the refused name made no tag")

            for index in TicketTag.ticketLimit..<TicketTag.teamLimit {
                try await store.createTag(Self.tag(acme, "t\(index)"))
            }
            let full = await helpDeskError { try await store.createTag(Self.tag(acme, "overflow")) }
            guard case .unprocessable = full else {
                Issue.record("expected unprocessable, got \(String(describing: full))")
                return
            }
            let other = try await acme.openTicket("Other", at: .moment(4))
            let fullByTagging = await helpDeskError {
                try await store.tagTicket(
                    teamID: acme.id, number: other.number, name: "overflow", actor: sam.ref, now: .moment(5))
            }
            guard case .unprocessable = fullByTagging else {
                Issue.record("expected unprocessable, got \(String(describing: fullByTagging))")
                return
            }
            // An existing tag still goes on.
            let tagged = try await store.tagTicket(
                teamID: acme.id, number: other.number, name: "t150", actor: sam.ref, now: .moment(6))
            #expect(tagged.tags == ["t150"])
        }
    }

    @Test(arguments: StoreFactories.all)
    func theInboxFiltersByTagAndRowsCarryTheirTags(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam")
            var numbers: [Int] = []
            for index in 0..<5 { numbers.append(try await acme.openTicket("T\(index)", at: .moment(index + 1)).number) }
            for number in [numbers[0], numbers[2], numbers[4]] {
                _ = try await store.tagTicket(
                    teamID: acme.id, number: number, name: "billing", actor: sam.ref, now: .moment(10))
            }
            _ = try await store.tagTicket(
                teamID: acme.id, number: numbers[2], name: "vip", actor: sam.ref, now: .moment(11))
            _ = try await acme.patch(numbers[4], by: sam, at: .moment(12), status: .resolved)

            #expect(
                try await acme.page(InboxQuery(view: .all, tag: "billing")) == [numbers[2], numbers[0], numbers[4]])
            #expect(
                try await acme.walk(InboxQuery(view: .all, tag: "billing", limit: 1)) == [
                    numbers[2], numbers[0], numbers[4],
                ])
            #expect(try await acme.page(InboxQuery(view: .resolved, tag: "billing")) == [numbers[4]])
            #expect(try await acme.page(InboxQuery(view: .all, tag: "vip")) == [numbers[2]])
            #expect(try await acme.page(InboxQuery(view: .all, tag: "nothing")).isEmpty)
            #expect(try await acme.page(InboxQuery(view: .unassigned, text: "T2", tag: "billing")) == [numbers[2]])
            #expect(try await acme.page(InboxQuery(view: .all, sort: .waiting)).count == 5)

            let rows = try await store.inbox(teamID: acme.id, callerID: sam.id, query: InboxQuery(view: .all)).items
            #expect(rows.first { $0.number == numbers[2] }?.tags == ["billing", "vip"])
            #expect(rows.first { $0.number == numbers[1] }?.tags == [])
            let live = try await store.liveEntries(teamID: acme.id, after: 0, limit: 500)
            #expect(live.last?.ticket.tags == ["billing"], "the live feed's ticket is as it is now")
        }
    }

    @Test(arguments: StoreFactories.all)
    func anotherTeamsTagsAreNeitherSeenNorUsed(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, name: "Acme", assignment: .manual)
            let globex = try await TeamFixture.make(store, name: "Globex", assignment: .manual)
            let sam = try await acme.member("Sam")
            let gil = try await globex.member("Gil")
            try await store.createTag(Self.tag(acme, "secret"))
            let acmeTicket = try await acme.openTicket("Acme's", at: .moment(1))
            let globexTicket = try await globex.openTicket("Globex's", at: .moment(2))
            _ = try await store.tagTicket(
                teamID: acme.id, number: acmeTicket.number, name: "secret", actor: sam.ref, now: .moment(3))

            #expect(try await store.tags(teamID: globex.id).isEmpty)
            #expect(
                try await store.updateTag(teamID: globex.id, name: "secret", color: "#000000", now: .moment(4)) == nil)
            #expect(try await store.deleteTag(teamID: globex.id, name: "secret") == false)
            #expect(try await globex.page(InboxQuery(view: .all, tag: "secret")).isEmpty)
            // The same name in another team is that team's own tag.
            let own = try await store.tagTicket(
                teamID: globex.id, number: globexTicket.number, name: "secret", actor: gil.ref, now: .moment(5))
            #expect(own.tags == ["secret"])
            #expect(try await store.tags(teamID: globex.id).map(\.color) == [TicketTag.defaultColor])
            #expect(try await store.tags(teamID: acme.id).map(\.color) == ["#ff0000"])
            #expect(try await acme.page(InboxQuery(view: .all, tag: "secret")) == [acmeTicket.number])
            #expect(try await globex.page(InboxQuery(view: .all, tag: "secret")) == [globexTicket.number])
            // Acme's ticket number in Globex is Globex's ticket (or none): never Acme's.
            #expect(try await store.deleteTag(teamID: globex.id, name: "secret"))
            #expect(try await acme.ticket(acmeTicket.number).tags == ["secret"], "untouched by another team")
        }
    }
}
