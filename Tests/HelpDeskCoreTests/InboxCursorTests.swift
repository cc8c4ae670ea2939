import Foundation
import Testing

@testable import HelpDeskCore

@Suite struct InboxCursorTests {
    @Test func cursorsRoundTripAndCarryTheirSort() {
        let cursors = [
            InboxCursor(statusRank: 2, lastActivity: 1_800_000_000_000_000, id: 42),
            InboxCursor(sort: .waiting, position: .waiting(since: 1_800_000_000_000_000, id: 7)),
            InboxCursor(sort: .waiting, position: .activity(statusRank: 1, lastActivity: -5, id: 9)),
            InboxCursor(sort: .waiting, position: .waiting(since: .min, id: .max)),
            InboxCursor(sort: .waiting, position: .activity(statusRank: 2, lastActivity: .min, id: .min)),
        ]
        for cursor in cursors {
            #expect(cursor.encoded.count <= 100)
            #expect(InboxCursor(encoded: cursor.encoded) == cursor)
        }
    }

    /// A cursor issued before sorts existed is an activity cursor, and still works.
    @Test func theFirstEncodingStillDecodes() {
        let old = Base64URL.encode(Data("1.0.1800000000000000.12".utf8))
        #expect(
            InboxCursor(encoded: old)
                == InboxCursor(
                    sort: .activity, position: .activity(statusRank: 0, lastActivity: 1_800_000_000_000_000, id: 12)))
        #expect(InboxCursor(statusRank: 0, lastActivity: 1_800_000_000_000_000, id: 12).encoded == old)
    }

    @Test func malformedCursorsAreRefused() {
        for text in [
            "", "1.3.1.1", "1.0.1", "1.0.1.1.1", "2.activity.rest.0.1.1", "2.activity.waits.1.1", "2.waiting.waits.1",
            "2.waiting.rest.0.1", "2.waiting.other.1.1", "2.due.waits.1.1", "2.waiting.due.1.1", "2.due.due.1",
            "2.waiting.waits.x.1", "3.waiting.waits.1.1",
        ] {
            #expect(InboxCursor(encoded: Base64URL.encode(Data(text.utf8))) == nil, "\(text)")
        }
        #expect(InboxCursor(encoded: "not base64!") == nil)
    }

    static func errors(_ parameters: [String: String]) -> [FieldError] {
        do {
            _ = try InboxQuery.parse { parameters[$0] }
            return []
        } catch {
            if case .invalid(let errors) = error { return errors }
            Issue.record("expected invalid, got \(error)")
            return []
        }
    }

    @Test func theSortParameterIsActivityWaitingOrDue() throws {
        #expect(try InboxQuery.parse { _ in nil }.sort == .activity)
        #expect(try InboxQuery.parse { $0 == "sort" ? "" : nil }.sort == .activity)
        #expect(try InboxQuery.parse { $0 == "sort" ? "waiting" : nil }.sort == .waiting)
        #expect(try InboxQuery.parse { $0 == "sort" ? "due" : nil }.sort == .due)
        for value in ["Due", "Waiting", "oldest"] {
            #expect(
                Self.errors(["sort": value])
                    == [FieldError(field: "sort", message: "must be one of activity, waiting, due (got \"\(value)\")")])
        }
    }

    /// A cursor goes on with the order it was issued for; in another it is refused, so a walk never mixes two orders.
    @Test func aCursorIsRefusedInAnotherSort() throws {
        let waiting = InboxCursor(sort: .waiting, position: .waiting(since: 5, id: 3)).encoded
        let rest = InboxCursor(sort: .waiting, position: .activity(statusRank: 0, lastActivity: 5, id: 3)).encoded
        let activity = InboxCursor(statusRank: 0, lastActivity: 5, id: 3).encoded
        #expect(try InboxQuery.parse { ["sort": "waiting", "cursor": waiting][$0] }.cursor?.sort == .waiting)
        #expect(try InboxQuery.parse { ["sort": "waiting", "cursor": rest][$0] }.cursor?.sort == .waiting)
        #expect(try InboxQuery.parse { ["cursor": activity][$0] }.cursor?.sort == .activity)
        for (sort, cursor) in [("activity", waiting), ("", rest), ("waiting", activity)] {
            let errors = Self.errors(["sort": sort, "cursor": cursor])
            #expect(errors.map(\.field) == ["cursor"], "\(sort)")
            #expect(errors.first?.message.contains("start again without it") == true)
        }
    }
}
