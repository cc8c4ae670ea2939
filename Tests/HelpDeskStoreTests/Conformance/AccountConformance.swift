import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Passwords, sessions and removing a member: what ends, what stays, what is routed again.
@Suite struct AccountConformance {
    static func session(_ hash: String, for member: Member) -> Session {
        Session(
            tokenHash: hash, memberID: member.id, csrfToken: "c", createdAt: .moment(0),
            expiresAt: .moment(86_400))
    }

    @Test(arguments: StoreFactories.all)
    func aNewPasswordEndsEveryOtherSession(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ann = try await acme.member("Ann")
            let ben = try await acme.member("Ben")
            for hash in ["ann-1", "ann-2"] { try await store.createSession(Self.session(hash, for: ann)) }
            try await store.createSession(Self.session("ben-1", for: ben))
            try await store.setPassword(
                memberID: ann.id, teamID: acme.id, passwordHash: "new-hash", keepingSession: "ann-1")
            #expect(try await store.session(tokenHash: "ann-1", now: .moment(10)) != nil)
            #expect(try await store.session(tokenHash: "ann-2", now: .moment(10)) == nil)
            #expect(try await store.session(tokenHash: "ben-1", now: .moment(10)) != nil, "another member keeps theirs")
            #expect(try await store.credentials(email: ann.email)?.passwordHash == "new-hash")
            // Another team's id changes nothing.
            let globex = try await TeamFixture.make(store, name: "Globex")
            await #expect(throws: HelpDeskError.self) {
                try await store.setPassword(memberID: ann.id, teamID: globex.id, passwordHash: "x", keepingSession: nil)
            }
            #expect(try await store.credentials(email: ann.email)?.passwordHash == "new-hash")
            try await store.deleteSessions(memberID: ann.id)
            #expect(try await store.session(tokenHash: "ann-1", now: .moment(10)) == nil)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aRemovedMemberIsGoneAndTheirTicketsAreRoutedAgain(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ann = try await acme.member("Ann", .online)
            try await store.createSession(Self.session("ann-1", for: ann))
            let held = try await acme.openTicket("Held by Ann", at: .moment(1))
            #expect(held.assignee?.id == ann.id)
            let ben = try await acme.member("Ben", .online)
            let globex = try await TeamFixture.make(store, name: "Globex")
            #expect(try await store.removeMember(id: ann.id, teamID: globex.id, now: .moment(2)) == false)
            #expect(try await store.removeMember(id: ann.id, teamID: acme.id, now: .moment(3)))
            #expect(try await store.session(tokenHash: "ann-1", now: .moment(10)) == nil)
            #expect(try await store.credentials(email: ann.email) == nil)
            #expect(try await store.member(id: ann.id, teamID: acme.id) == nil)
            #expect(try await store.members(teamID: acme.id).map(\.member.id) == [ben.id])
            #expect(try await acme.ticket(held.number).assignee?.id == ben.id)
            let events = try await acme.events(held.number)
            #expect(events.contains { $0.kind == .unassigned && $0.detail?.contains("Ann was removed") == true })
            // A removed member receives nothing more, and cannot be removed twice.
            let next = try await acme.openTicket("After", at: .moment(4))
            #expect(next.assignee?.id == ben.id)
            #expect(try await store.removeMember(id: ann.id, teamID: acme.id, now: .moment(5)) == false)
            // The address can be used again.
            _ = try await store.createMember(
                NewMember(teamID: acme.id, email: ann.email, passwordHash: "h", role: .operator, displayName: "Ann"),
                now: .moment(6))
        }
    }
}
