import Testing

@testable import HelpDeskCore

private func candidate(
    _ id: String,
    _ availability: Availability = .online,
    unresolved: Int = 0,
    lastAssignedAt: Int64? = nil,
    position: Int
) -> AssignmentCandidate {
    AssignmentCandidate(
        memberID: id,
        availability: availability,
        unresolvedCount: unresolved,
        lastAssignedAt: lastAssignedAt,
        rotationPosition: position)
}

@Suite("Assignment")
struct AssignmentTests {
    // MARK: Manual

    @Test func manualLeavesTicketsUnassigned() {
        let decision = Assignment.choose(
            .manual, candidates: [candidate("ann", position: 1)], rotationCursor: 1)
        #expect(decision.memberID == nil)
        #expect(decision.reason == "manual assignment: left unassigned for pick-up")
        #expect(decision.rotationCursor == nil)
    }

    // MARK: Balanced

    @Test func balancedPicksTheFewestUnresolved() {
        let decision = Assignment.choose(
            .balanced,
            candidates: [
                candidate("ann", unresolved: 3, lastAssignedAt: 1, position: 1),
                candidate("bob", unresolved: 1, lastAssignedAt: 9_000, position: 2),
                candidate("cyd", unresolved: 2, lastAssignedAt: 5, position: 3),
            ],
            rotationCursor: nil)
        #expect(decision.memberID == "bob")
        #expect(decision.reason == "balanced: 1 unresolved, fewest of 3 online")
        #expect(decision.rotationCursor == nil)
    }

    @Test func balancedTieGoesToTheLeastRecentlyAssigned() {
        let decision = Assignment.choose(
            .balanced,
            candidates: [
                candidate("ann", unresolved: 2, lastAssignedAt: 2_000, position: 1),
                candidate("bob", unresolved: 2, lastAssignedAt: 1_000, position: 2),
                candidate("cyd", unresolved: 2, lastAssignedAt: 3_000, position: 3),
                candidate("dee", unresolved: 5, lastAssignedAt: nil, position: 4),
            ],
            rotationCursor: nil)
        #expect(decision.memberID == "bob")
    }

    @Test func balancedTieGoesToTheNeverAssignedFirst() {
        let decision = Assignment.choose(
            .balanced,
            candidates: [
                candidate("ann", unresolved: 0, lastAssignedAt: 1, position: 1),
                candidate("bob", unresolved: 0, lastAssignedAt: nil, position: 9),
                candidate("cyd", unresolved: 0, lastAssignedAt: 2, position: 2),
            ],
            rotationCursor: nil)
        #expect(decision.memberID == "bob")
    }

    @Test func balancedFullTieGoesToTheLowestRotationPosition() {
        let decision = Assignment.choose(
            .balanced,
            candidates: [
                candidate("cyd", unresolved: 1, lastAssignedAt: 7, position: 3),
                candidate("bob", unresolved: 1, lastAssignedAt: 7, position: 2),
                candidate("ann", unresolved: 4, lastAssignedAt: 7, position: 1),
            ],
            rotationCursor: nil)
        #expect(decision.memberID == "bob")
    }

    @Test func balancedSpreadsASteadyStreamEvenly() throws {
        var team = ["ann", "bob", "cyd", "dee"].enumerated().map { index, id in
            candidate(id, position: index + 1)
        }
        var counts: [String: Int] = [:]
        for tick in 1...200 {
            let decision = Assignment.choose(.balanced, candidates: team, rotationCursor: nil)
            let chosen = try #require(decision.memberID)
            counts[chosen, default: 0] += 1
            team = team.map { member in
                member.memberID == chosen
                    ? candidate(
                        member.memberID, unresolved: member.unresolvedCount + 1,
                        lastAssignedAt: Int64(tick), position: member.rotationPosition)
                    : member
            }
        }
        #expect(counts == ["ann": 50, "bob": 50, "cyd": 50, "dee": 50])
    }

    // MARK: Availability

    @Test(arguments: [Availability.away, .busy, .offline], [AssignmentMethod.balanced, .roundRobin])
    func unavailableOperatorsNeverGetATicket(availability: Availability, method: AssignmentMethod) {
        // The unavailable operator is the better choice by every other measure.
        let decision = Assignment.choose(
            method,
            candidates: [
                candidate("idle", availability, unresolved: 0, lastAssignedAt: nil, position: 1),
                candidate("busyOnline", .online, unresolved: 9, lastAssignedAt: 100, position: 2),
            ],
            rotationCursor: nil)
        #expect(decision.memberID == "busyOnline")
    }

    @Test(arguments: [AssignmentMethod.balanced, .roundRobin])
    func nobodyOnlineLeavesTheTicketUnassigned(method: AssignmentMethod) {
        let decision = Assignment.choose(
            method,
            candidates: [
                candidate("ann", .away, position: 1),
                candidate("bob", .busy, position: 2),
                candidate("cyd", .offline, position: 3),
            ],
            rotationCursor: 1)
        #expect(decision.memberID == nil)
        #expect(decision.reason == "nobody online: left unassigned")
        #expect(decision.rotationCursor == nil)
    }

    @Test(arguments: [AssignmentMethod.balanced, .roundRobin])
    func noCandidatesLeavesTheTicketUnassigned(method: AssignmentMethod) {
        let decision = Assignment.choose(method, candidates: [], rotationCursor: nil)
        #expect(decision.memberID == nil)
        #expect(decision.reason == "nobody online: left unassigned")
    }

    @Test(arguments: [AssignmentMethod.balanced, .roundRobin])
    func everyAvailabilityMixChoosesOnlyOnlineOperators(method: AssignmentMethod) {
        let all = Availability.allCases
        for a in all {
            for b in all {
                for c in all {
                    let team = [
                        candidate("ann", a, unresolved: 2, position: 1),
                        candidate("bob", b, unresolved: 0, position: 2),
                        candidate("cyd", c, unresolved: 1, position: 3),
                    ]
                    let online = Set(team.filter { $0.availability == .online }.map(\.memberID))
                    for cursor in [nil, 1, 2, 3] as [Int?] {
                        let decision = Assignment.choose(method, candidates: team, rotationCursor: cursor)
                        if online.isEmpty {
                            #expect(decision.memberID == nil)
                        } else {
                            #expect(decision.memberID.map(online.contains) == true)
                        }
                    }
                }
            }
        }
    }

    // MARK: Round robin

    @Test func roundRobinRotatesAndWraps() {
        // Given out of order: the rotation is by position, not by array order.
        let team = [
            candidate("cyd", position: 30),
            candidate("ann", position: 10),
            candidate("bob", position: 20),
        ]
        let fromStart = Assignment.choose(.roundRobin, candidates: team, rotationCursor: nil)
        #expect(fromStart.memberID == "ann")
        #expect(fromStart.rotationCursor == 10)
        #expect(fromStart.reason == "round robin: next in rotation of 3 online")

        let next = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 10)
        #expect(next.memberID == "bob")
        #expect(next.rotationCursor == 20)

        let last = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 20)
        #expect(last.memberID == "cyd")
        #expect(last.rotationCursor == 30)

        let wrapped = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 30)
        #expect(wrapped.memberID == "ann")
        #expect(wrapped.rotationCursor == 10)
    }

    @Test func roundRobinCursorBetweenOrBeyondPositions() {
        let team = [candidate("ann", position: 10), candidate("bob", position: 20)]
        #expect(Assignment.choose(.roundRobin, candidates: team, rotationCursor: 15).memberID == "bob")
        #expect(Assignment.choose(.roundRobin, candidates: team, rotationCursor: -5).memberID == "ann")
        #expect(Assignment.choose(.roundRobin, candidates: team, rotationCursor: 99).memberID == "ann")
    }

    @Test func roundRobinSkipsOperatorsWhoAreNotOnline() {
        let team = [
            candidate("ann", .online, position: 1),
            candidate("bob", .away, position: 2),
            candidate("cyd", .offline, position: 3),
            candidate("dee", .online, position: 4),
            candidate("eve", .busy, position: 5),
        ]
        let afterAnn = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 1)
        #expect(afterAnn.memberID == "dee")
        #expect(afterAnn.rotationCursor == 4)
        #expect(afterAnn.reason == "round robin: next in rotation of 2 online")

        let afterDee = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 4)
        #expect(afterDee.memberID == "ann")
        #expect(afterDee.rotationCursor == 1)

        // The cursor may rest on someone who has since gone offline.
        let afterCyd = Assignment.choose(.roundRobin, candidates: team, rotationCursor: 3)
        #expect(afterCyd.memberID == "dee")
    }

    @Test func roundRobinGivesEachOf4Online50Of200() {
        let team = [
            candidate("dee", position: 7),
            candidate("off", .offline, position: 2),
            candidate("ann", position: 1),
            candidate("awy", .away, position: 4),
            candidate("bob", position: 3),
            candidate("cyd", position: 5),
            candidate("bsy", .busy, position: 9),
        ]
        var cursor: Int? = nil
        var order: [String] = []
        for _ in 0..<200 {
            let decision = Assignment.choose(.roundRobin, candidates: team, rotationCursor: cursor)
            order.append(decision.memberID ?? "nobody")
            if let next = decision.rotationCursor { cursor = next }
        }
        let counts = Dictionary(order.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts == ["ann": 50, "bob": 50, "cyd": 50, "dee": 50])
        #expect(Array(order.prefix(8)) == ["ann", "bob", "cyd", "dee", "ann", "bob", "cyd", "dee"])
        // Never the same operator twice in a row.
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 != $1 })
    }
}
