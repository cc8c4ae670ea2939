import Testing

@testable import HelpDeskCore

@Suite struct BackfillTests {
    static func candidate(
        _ id: String, _ availability: Availability = .online, open: Int, last: Int64? = nil, position: Int
    )
        -> AssignmentCandidate
    {
        AssignmentCandidate(
            memberID: id, availability: availability, unresolvedCount: open, lastAssignedAt: last,
            rotationPosition: position)
    }

    @Test func balancedCatchesTheNewcomerUpToTheOthersAndNoFurther() {
        let candidates = [
            Self.candidate("ann", open: 4, last: 10, position: 1),
            Self.candidate("ben", open: 5, last: 20, position: 2),
            Self.candidate("new", open: 0, position: 3),
        ]
        // new takes 0→1→2→3→4 while strictly fewest; at 4 it ties with ann but was assigned more recently.
        #expect(Backfill.count(.balanced, member: "new", candidates: candidates, waiting: 10, now: 100) == 4)
        #expect(Backfill.count(.balanced, member: "new", candidates: candidates, waiting: 2, now: 100) == 2)
        #expect(Backfill.count(.balanced, member: "new", candidates: candidates, waiting: 0, now: 100) == 0)
    }

    @Test func theCapBoundsOneBackfill() {
        let candidates = [Self.candidate("ann", open: 100, position: 1), Self.candidate("new", open: 0, position: 2)]
        #expect(Backfill.count(.balanced, member: "new", candidates: candidates, waiting: 500, now: 1) == Backfill.cap)
    }

    @Test func roundRobinGivesOneManualNoneAndOnlyOnlineMembersGetAny() {
        let candidates = [Self.candidate("ann", open: 3, position: 1), Self.candidate("new", open: 0, position: 2)]
        #expect(Backfill.count(.roundRobin, member: "new", candidates: candidates, waiting: 5, now: 1) == 1)
        #expect(Backfill.count(.manual, member: "new", candidates: candidates, waiting: 5, now: 1) == 0)
        let away = [Self.candidate("ann", open: 3, position: 1), Self.candidate("new", .away, open: 0, position: 2)]
        #expect(Backfill.count(.balanced, member: "new", candidates: away, waiting: 5, now: 1) == 0)
        #expect(Backfill.count(.balanced, member: "ghost", candidates: candidates, waiting: 5, now: 1) == 0)
    }
}
