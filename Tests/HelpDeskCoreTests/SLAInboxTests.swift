import Foundation
import Testing

@testable import HelpDeskCore

/// The order and filters of SLA inbox pages, and their cursors.
@Suite struct SLAInboxTests {
    static func ticket(_ id: Int64, status: TicketStatus = .open, activity: Int64) -> Ticket {
        Ticket(
            id: id, teamID: "t", number: 10000 + Int(id), conversationID: "c\(id)", status: status, priority: .normal,
            subject: "s", requester: Requester(name: "r"), assignee: nil, agent: nil, channel: .web,
            createdAt: Timestamp(microseconds: 0), lastActivityAt: Timestamp(microseconds: activity), resolvedAt: nil)
    }

    @Test func dueTicketsComeFirstBySoonestThenTheUsualOrder() {
        let soon = Self.ticket(1, activity: 10)
        let later = Self.ticket(2, activity: 50)
        let tie = Self.ticket(3, activity: 5)
        let fresh = Self.ticket(4, activity: 90)
        let stale = Self.ticket(5, activity: 20)
        let resolved = Self.ticket(6, status: .resolved, activity: 99)
        let due: [Int64: Date] = [
            1: Date(timeIntervalSince1970: 100), 2: Date(timeIntervalSince1970: 200),
            3: Date(timeIntervalSince1970: 100),
        ]
        let ordered = SLAInbox.ordered([resolved, stale, later, fresh, tie, soon]) { due[$0.id] }
        #expect(ordered.map(\.0.id) == [1, 3, 2, 4, 5, 6])
        // Each position is after the one before it, never before.
        for (earlier, later) in zip(ordered, ordered.dropFirst()) {
            #expect(SLAInbox.isAfter(later.1, earlier.1))
            #expect(!SLAInbox.isAfter(earlier.1, later.1))
        }
    }

    @Test func filtersReadTheClocks() {
        let running = SLADeadline(
            dueAt: Date(timeIntervalSince1970: 1_000), stoppedAt: nil, breached: false, warning: false, paused: false)
        let missed = SLADeadline(
            dueAt: Date(timeIntervalSince1970: 500), stoppedAt: Date(timeIntervalSince1970: 600), breached: true,
            warning: false, paused: false)
        let status = SLAStatus(firstResponse: missed, resolution: running)
        #expect(SLAInbox.matches(status, breached: true, dueBefore: nil))
        #expect(!SLAInbox.matches(status, breached: false, dueBefore: nil))
        // The stopped clock's due time does not count: only a running clock is "due".
        #expect(!SLAInbox.matches(status, breached: nil, dueBefore: Timestamp(Date(timeIntervalSince1970: 900))))
        #expect(SLAInbox.matches(status, breached: nil, dueBefore: Timestamp(Date(timeIntervalSince1970: 1_001))))
        #expect(!SLAInbox.matches(.none, breached: nil, dueBefore: Timestamp(Date(timeIntervalSince1970: 1_001))))
        #expect(SLAInbox.matches(.none, breached: false, dueBefore: nil))
    }

    @Test func dueCursorsRoundTripAndFitOnlyDueWalks() throws {
        let cursor = InboxCursor(sort: .due, position: .due(at: 1_700_000_000_000_000, id: 42))
        let decoded = try #require(InboxCursor(encoded: cursor.encoded))
        #expect(decoded == cursor)
        #expect(decoded.fits(.due))
        #expect(!decoded.fits(.waiting) && !decoded.fits(.activity))
        let rest = InboxCursor(sort: .due, position: .activity(statusRank: 1, lastActivity: 5, id: 7))
        #expect(InboxCursor(encoded: rest.encoded) == rest)
    }
}
