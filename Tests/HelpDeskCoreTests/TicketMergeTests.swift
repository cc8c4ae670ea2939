import Testing

@testable import HelpDeskCore

@Suite struct TicketMergeTests {
    static let now = Timestamp(microseconds: 1_800_000_000_000_000)
    static let ana = MemberRef(id: "mb_ana", displayName: "Ana")

    static func ticket(id: Int64, number: Int, status: TicketStatus = .open, mergedInto: Int? = nil) -> Ticket {
        Ticket(
            id: id, teamID: "tm_1", number: number, conversationID: "cv_\(id)", status: status, priority: .normal,
            subject: "Where is my parcel", requester: Requester(name: "Chloé"), assignee: ana, agent: nil,
            channel: .web, createdAt: Timestamp(microseconds: 1), lastActivityAt: Timestamp(microseconds: 2),
            resolvedAt: nil, mergedInto: mergedInto)
    }

    static func conflict(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            if case .conflict(let detail) = error as? HelpDeskError { return detail }
            Issue.record("expected a conflict, got \(error)")
            return nil
        }
    }

    @Test func aMergeMarksTheSourceMergedIntoTheTargetWithAnEventOnEach() throws {
        let plan = try TicketMerge.merge(
            Self.ticket(id: 1, number: 10001, status: .pending), into: Self.ticket(id: 2, number: 10002), by: Self.ana,
            at: Self.now)
        #expect(plan.source.status == .merged)
        #expect(plan.source.mergedInto == 10002)
        #expect(plan.source.assignee == Self.ana)
        #expect(plan.sourceEvent == TicketEvent(kind: .mergedInto, actor: Self.ana, from: "pending", to: "10002"))
        #expect(plan.targetEvent == TicketEvent(kind: .merged, actor: Self.ana, from: "10001"))
    }

    @Test func refusalsNameWhy() {
        let open = Self.ticket(id: 1, number: 10001)
        let merged = Self.ticket(id: 3, number: 10003, status: .merged, mergedInto: 10002)
        #expect(
            Self.conflict { _ = try TicketMerge.merge(open, into: open, by: Self.ana, at: Self.now) }?
                .contains("into itself") == true)
        #expect(
            Self.conflict { _ = try TicketMerge.merge(merged, into: open, by: Self.ana, at: Self.now) }?
                .contains("already merged into ticket 10002") == true)
        #expect(
            Self.conflict { _ = try TicketMerge.merge(open, into: merged, by: Self.ana, at: Self.now) }?
                .contains("itself merged into ticket 10002") == true)
    }

    @Test func anUndoRestoresThePreviousStatusWithinTenMinutesOnly() throws {
        let source = Self.ticket(id: 1, number: 10001, status: .merged, mergedInto: 10002)
        let at = Self.now
        let plan = try TicketMerge.undo(
            source, previousStatus: .pending, mergedAt: at, by: Self.ana, at: at.adding(seconds: 600))
        #expect(plan.source.status == .pending)
        #expect(plan.source.mergedInto == nil)
        #expect(plan.sourceEvent == TicketEvent(kind: .unmerged, actor: Self.ana, from: "pending", to: "10002"))
        #expect(plan.targetEvent == TicketEvent(kind: .unmerged, actor: Self.ana, from: "10001"))
        #expect(
            Self.conflict {
                _ = try TicketMerge.undo(
                    source, previousStatus: .pending, mergedAt: at, by: Self.ana, at: at.adding(seconds: 601))
            } == "the merge can no longer be undone: a merge can be undone for 10 minutes")
        #expect(
            Self.conflict {
                _ = try TicketMerge.undo(
                    Self.ticket(id: 1, number: 10001), previousStatus: .open, mergedAt: at, by: Self.ana, at: at)
            }?.contains("is not merged") == true)
    }

    @Test func aMergedTicketRefusesEveryOtherChange() {
        let merged = Self.ticket(id: 1, number: 10001, status: .merged, mergedInto: 10002)
        #expect(
            Self.conflict { _ = try merged.applying(TicketPatch(status: .open), by: Self.ana, at: Self.now) }?
                .contains("merged into ticket 10002") == true)
        #expect(Self.conflict { _ = try merged.pickedUp(by: Self.ana, at: Self.now) } != nil)
        #expect(throws: HelpDeskError.self) {
            try Self.ticket(id: 2, number: 10002).applying(TicketPatch(status: .merged), by: Self.ana, at: Self.now)
        }
    }
}

extension TicketMergeTests {
    @Test func suggestionsAreUnresolvedTicketsOfTheSameRequesterWithinADay() {
        func ticket(
            _ id: Int64, email: String? = nil, phone: String? = nil, status: TicketStatus = .open, hours: Double = 0,
            team: String = "tm_1"
        ) -> Ticket {
            var ticket = Self.ticket(id: id, number: 10000 + Int(id), status: status)
            ticket.requester = Requester(name: "Chloé", email: email, phone: phone)
            ticket.createdAt = Self.now.adding(seconds: hours * 3600)
            ticket.teamID = team
            return ticket
        }
        let mine = ticket(1, email: "chloe@example.com", phone: "+33 1 23 45 67")
        let candidates = [
            ticket(2, email: "CHLOE@example.com", hours: -2),
            ticket(3, phone: "+33-123-4567", hours: 3),
            ticket(4, email: "chloe@example.com", status: .resolved),
            ticket(5, email: "chloe@example.com", status: .merged),
            ticket(6, email: "chloe@example.com", hours: 24.01),
            ticket(7, email: "other@example.com"),
            ticket(8, email: "chloe@example.com", team: "tm_2"),
            ticket(9, email: "", phone: ""),
            mine,
        ]
        #expect(TicketMerge.suggestions(for: mine, among: candidates).map(\.id) == [3, 2])
    }

    @Test func suggestionsMatchPhoneDigitsAndTheHandleWhenThereIsNoEmail() {
        func ticket(_ id: Int64, _ requester: Requester, channel: Channel = .telegram) -> Ticket {
            var ticket = Self.ticket(id: id, number: 10000 + Int(id), status: .open)
            ticket.requester = requester
            ticket.channel = channel
            ticket.conversationID = "cv_\(id)"
            ticket.createdAt = Self.now
            return ticket
        }
        let byPhone = ticket(1, Requester(name: "Bea", phone: "+44 (20) 7946-0018"))
        let byHandle = ticket(2, Requester(name: "Dan", handle: "dan_k"))
        let candidates = [
            ticket(3, Requester(name: "B", phone: "0044 20 7946 0018")),
            ticket(4, Requester(name: "B", phone: "442079460018")),
            ticket(5, Requester(name: "D", handle: "DAN_K")),
            ticket(6, Requester(name: "D", handle: "dan_k"), channel: .web),
            ticket(7, Requester(name: "Short", phone: "12")),
        ]
        #expect(TicketMerge.suggestions(for: byPhone, among: candidates).map(\.id) == [4])
        #expect(TicketMerge.suggestions(for: byHandle, among: candidates).map(\.id) == [5])
        let short = ticket(8, Requester(name: "Short", phone: "1-2"))
        #expect(TicketMerge.suggestions(for: short, among: candidates).isEmpty, "too few digits to compare")
        var withEmail = byHandle
        withEmail.requester.email = "dan@example.com"
        #expect(TicketMerge.suggestions(for: withEmail, among: candidates).isEmpty)
    }
}
