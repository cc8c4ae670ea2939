import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Attachments: stored unsent for their uploader, moved into the entry that
/// carries them in that entry's transaction (all or nothing), listed with
/// their entries in order, scoped by team, and purged when unsent for a day.
@Suite struct AttachmentConformance {
    static func upload(
        _ team: TeamFixture, _ place: NewAttachment.Place, name: String = "a.png", bytes: [UInt8] = [1, 2, 3],
        at now: Timestamp = .moment(10)
    ) async throws -> HelpDeskCore.Attachment {
        try await team.store.createAttachment(
            NewAttachment(teamID: team.id, place: place, name: name, contentType: "image/png", data: Data(bytes)),
            now: now)
    }

    @Test(arguments: StoreFactories.all)
    func uploadsGoWithTheirEntryInOrderWithinTheTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, name: "Acme")
            let globex = try await TeamFixture.make(store, name: "Globex")
            let ana = try await acme.member("Ana")
            let ticket = try await acme.openTicket("Broken parcel", at: .moment(1))
            let first = try await Self.upload(acme, .ticket(number: ticket.number, memberID: ana.id), name: "b.png")
            let second = try await Self.upload(
                acme, .ticket(number: ticket.number, memberID: ana.id), name: "a.pdf", bytes: [9])
            #expect(first.size == 3)

            let stored = try #require(try await store.attachment(id: first.id, teamID: acme.id))
            #expect(stored.uploader == .member(id: ana.id))
            #expect(stored.entryID == nil)
            #expect(stored.ticketID == ticket.id)
            #expect(stored.conversationID == ticket.conversationID)
            #expect(try await store.attachmentData(id: second.id, teamID: acme.id) == Data([9]))
            #expect(try await store.attachment(id: first.id, teamID: globex.id) == nil)
            #expect(try await store.attachmentData(id: first.id, teamID: globex.id) == nil)

            let note = try await store.addNote(
                teamID: acme.id, number: ticket.number, author: ana.ref, body: "",
                mentions: [], attachmentIDs: [second.id, first.id],
                now: .moment(20))
            #expect(note.attachments == [second, first])
            let timeline = try await store.timeline(teamID: acme.id, number: ticket.number)
            #expect(timeline.last?.attachments == [second, first])
            let sent = try #require(try await store.attachment(id: first.id, teamID: acme.id))
            #expect(sent.entryID == note.id)
            #expect(sent.onNote)
            let live = try await store.liveEntries(teamID: acme.id, after: 0, limit: 100)
            #expect(live.last?.entry.attachments == [second, first])
        }
    }

    @Test(arguments: StoreFactories.all)
    func aMessageNamingAnUploadItMayNotCarryWritesNothing(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ana = try await acme.member("Ana")
            let bob = try await acme.member("Bob")
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            let conversation = try await acme.conversation(agent: agent, channel: channel)
            let ticket = try await acme.openTicket("Broken parcel", at: .moment(1))
            let bobs = try await Self.upload(acme, .ticket(number: ticket.number, memberID: bob.id))
            let customers = try await Self.upload(acme, .conversation(id: conversation.id))
            let before = try await store.timeline(teamID: acme.id, number: ticket.number)

            let refused = await helpDeskError {
                try await store.addNote(
                    teamID: acme.id, number: ticket.number, author: ana.ref, body: "x", mentions: [],
                    attachmentIDs: [bobs.id],
                    now: .moment(20))
            }
            guard case .invalid(let errors) = refused else {
                Issue.record("expected invalid, got \(String(describing: refused))")
                return
            }
            #expect(errors.map(\.field) == ["attachmentIds[0]"])
            #expect(try await store.timeline(teamID: acme.id, number: ticket.number) == before)
            #expect(try await store.attachment(id: bobs.id, teamID: acme.id)?.entryID == nil)

            // The customer's upload goes with their own message only.
            let stolen = await helpDeskError {
                try await store.reply(
                    OperatorReply(
                        teamID: acme.id, number: ticket.number, author: ana.ref, body: "x", channel: .email,
                        attachmentIDs: [customers.id]),
                    now: .moment(21))
            }
            #expect(stolen != nil)
            let message = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "", attachmentIDs: [customers.id],
                now: .moment(22))
            #expect(message.entry.attachments == [customers])
            let messages = try await store.messages(conversationID: conversation.id, teamID: acme.id, after: nil)
            #expect(messages.last?.attachments == [customers])
        }
    }

    @Test(arguments: StoreFactories.all)
    func unsentUploadsArePurgedAfterADayAndCappedPerUploader(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ana = try await acme.member("Ana")
            let ticket = try await acme.openTicket("Broken parcel", at: .moment(1))
            let place = NewAttachment.Place.ticket(number: ticket.number, memberID: ana.id)
            let old = try await Self.upload(acme, place, at: .moment(10))
            let kept = try await Self.upload(acme, place, at: .moment(10))
            _ = try await store.addNote(
                teamID: acme.id, number: ticket.number, author: ana.ref, body: "kept", mentions: [],
                attachmentIDs: [kept.id],
                now: .moment(11))
            _ = try await Self.upload(acme, place, at: .moment(10 + 24 * 3600 + 1))
            #expect(try await store.attachment(id: old.id, teamID: acme.id) == nil)
            #expect(try await store.attachment(id: kept.id, teamID: acme.id) != nil)

            for _ in 1..<AttachmentPolicy.maxUnsentPerUploader {
                _ = try await Self.upload(acme, place, at: .moment(90_000))
            }
            let over = await helpDeskError { try await Self.upload(acme, place, at: .moment(90_000)) }
            #expect(over?.conflictMessage != nil)
            let missing = await helpDeskError {
                try await Self.upload(acme, .ticket(number: 99_999, memberID: ana.id), at: .moment(90_000))
            }
            #expect(missing?.isNotFound == true)
        }
    }
}
