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

    @Test func anUnknownOutboxStateThrows() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let (scene, _) = try await OwnerNotificationConformance.scene(store)
        try await OwnerNotificationConformance.escalateNew(scene, "A", at: 10)
        try await Self.corrupt(store, "UPDATE outbox SET state = 'lost' WHERE team_id = ?", [scene.acme.id])
        let error = await #expect(throws: UnknownStoredValue.self) { try await store.outbox(teamID: scene.acme.id) }
        #expect(error?.column == "outbox.state")
    }
}

/// An owners' email queued before digests (one ticket, no list) is left as it
/// was written; the next ticket starts a digest beside it.
@Suite struct LegacyOwnerNotificationTests {
    @Test func aQueuedEmailFromBeforeDigestsIsNotAppendedTo() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let (scene, _) = try await OwnerNotificationConformance.scene(store)
        let legacy = #"{"body":"b","subject":"Ticket 9999: old","ticketNumber":9999,"to":["olga@x.test"]}"#
        try await UnknownStoredValueTests.corrupt(
            store,
            """
            INSERT INTO outbox (team_id, kind, payload, next_attempt_at, created_at)
            VALUES (?, 'notification.email', ?, 0, 0)
            """, [scene.acme.id, legacy])
        try await OwnerNotificationConformance.escalateNew(scene, "A", at: 10)
        try await OwnerNotificationConformance.escalateNew(scene, "B", at: 11)
        let rows = try await store.outbox(teamID: scene.acme.id)
        #expect(rows.map(\.state) == [.queued, .queued])
        #expect(rows[0].payload == legacy)
        #expect(try OwnerNotificationConformance.digest(rows[1]).items.map(\.number) == [10001, 10002])
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
