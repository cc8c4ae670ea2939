import Foundation
import GRDB
import HelpDeskCore
import Testing

@testable import HelpDeskStore

/// A row holding a value this build does not know is an error that names the
/// column and the value, never a plausible default.
@Suite struct UnknownStoredValueTests {
    static func corrupt(_ store: SQLiteStore, _ sql: String, _ arguments: StatementArguments) async throws {
        try await store.pool.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    @Test func anUnknownPlanThrows() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        try await Self.corrupt(store, "UPDATE teams SET plan = 'platinum' WHERE id = ?", [team.id])
        let error = await #expect(throws: UnknownStoredValue.self) { try await store.team(id: team.id) }
        #expect(error?.column == "teams.plan")
        #expect(error?.value == "platinum")
        #expect(error?.description.contains("\"platinum\" in teams.plan") == true)
    }

    @Test func anUnknownTicketStatusOrChannelThrows() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let ticket = try await store.createTicket(SQLiteStoreTests.newTicket(team.id, "Broken"), now: .now())
        try await Self.corrupt(store, "UPDATE tickets SET status = 'archived' WHERE id = ?", [ticket.id])
        let status = await #expect(throws: UnknownStoredValue.self) {
            try await store.ticket(teamID: team.id, number: ticket.number)
        }
        #expect(status?.column == "tickets.status")
        try await Self.corrupt(store, "UPDATE tickets SET status = 'open', channel = 'fax' WHERE id = ?", [ticket.id])
        await #expect(throws: UnknownStoredValue.self) {
            try await store.inbox(teamID: team.id, callerID: "nobody", query: InboxQuery(view: .all))
        }
    }

    @Test func anUnknownRoleOrAvailabilityThrows() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let member = try await store.createMember(
            NewMember(teamID: team.id, email: "ann@a.test", passwordHash: "x", role: .operator, displayName: "Ann"),
            now: .now())
        try await Self.corrupt(store, "UPDATE members SET availability = 'dancing' WHERE id = ?", [member.id])
        let error = await #expect(throws: UnknownStoredValue.self) {
            try await store.member(id: member.id, teamID: team.id)
        }
        #expect(error?.column == "members.availability")
    }

    @Test func anUnknownEventKindOnTheTimelineThrows() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let ticket = try await store.createTicket(SQLiteStoreTests.newTicket(team.id, "Broken"), now: .now())
        try await Self.corrupt(
            store, "UPDATE entries SET event = 'teleported' WHERE ticket_id = ? AND kind = 'event'", [ticket.id])
        let error = await #expect(throws: UnknownStoredValue.self) {
            try await store.timeline(teamID: team.id, number: ticket.number)
        }
        #expect(error?.column == "entries.event")
    }
}

@Suite struct SessionPurgeTests {
    @Test func aSignInSweepsExpiredSessions() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let member = try await store.createMember(
            NewMember(teamID: team.id, email: "ann@a.test", passwordHash: "x", role: .operator, displayName: "Ann"),
            now: .now())
        let start = Timestamp(microseconds: 1_000_000_000_000)
        func session(_ hash: String, from: Timestamp, seconds: Double) -> Session {
            Session(
                tokenHash: hash, memberID: member.id, csrfToken: "c", createdAt: from,
                expiresAt: from.adding(seconds: seconds))
        }
        try await store.createSession(session("old", from: start, seconds: 60))
        try await store.createSession(session("live", from: start, seconds: 3_600))
        try await store.createSession(session("new", from: start.adding(seconds: 120), seconds: 60))
        let remaining = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT token_hash FROM sessions ORDER BY token_hash")
        }
        #expect(remaining == ["live", "new"])
    }
}
