import Foundation
import Testing

@testable import HelpDeskCore

/// Report figures from timelines built by hand: each figure checked against
/// what a person would count.
@Suite struct ReportTests {
    static let owner = MemberRef(id: "m-owner", displayName: "Olga")
    static let sam = MemberRef(id: "m-sam", displayName: "Sam")

    static func at(_ date: Date) -> Timestamp { Timestamp(date) }

    /// A ticket created at `created` with `entries` (in order), built through `record(_:)` from
    /// real timeline entries.
    static func ticket(
        _ number: Int, created: Date, priority: Priority = .normal, assignee: MemberRef? = nil,
        reason: Escalation.Reason? = .customerAsked(evidence: "a person please"), _ entries: [TimelineEntry.Content]
    ) -> ReportTicket {
        var ticket = ReportTicket(
            number: number, channel: .web, priority: priority, agentID: "a1", assignee: assignee,
            createdAt: at(created))
        let summary = reason.map { Escalation.summary(reason: $0, lastAsked: "Where is it?", modelSummary: nil) }
        var all = [TimelineEntry(id: 1, at: at(created), content: .event(TicketEvent(kind: .created, detail: summary)))]
        for (offset, content) in entries.enumerated() {
            all.append(TimelineEntry(id: Int64(offset + 2), at: at(created), content: content))
        }
        for entry in all { ticket.record(entry) }
        return ticket
    }

    /// The same, with each entry at its own time.
    static func ticket(
        _ number: Int, created: Date, priority: Priority = .normal, assignee: MemberRef? = nil,
        timed entries: [(Date, TimelineEntry.Content)]
    ) -> ReportTicket {
        var ticket = Self.ticket(number, created: created, priority: priority, assignee: assignee, [])
        for (offset, (date, content)) in entries.enumerated() {
            ticket.record(TimelineEntry(id: Int64(offset + 10), at: at(date), content: content))
        }
        return ticket
    }

    static func reply(_ member: MemberRef = owner) -> TimelineEntry.Content {
        .message(
            author: MessageAuthor(kind: .operator, id: member.id, name: member.displayName), channel: .web,
            body: "Hello", delivery: nil)
    }

    static func status(_ from: TicketStatus, _ to: TicketStatus) -> TimelineEntry.Content {
        let kind: TicketEventKind = to == .resolved ? .resolved : from == .resolved ? .reopened : .statusChanged
        return .event(TicketEvent(kind: kind, actor: owner, from: from.rawValue, to: to.rawValue))
    }

    static let week = ReportPeriod(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-30")!, timeZone: "UTC")

    static func compute(
        _ tickets: [ReportTicket], conversations: [ReportConversation] = [], period: ReportPeriod = week,
        calendar: BusinessCalendar = officeHours("UTC"), policy: SLAPolicy = .standard,
        now: Date = utcInstant(2026, 12, 1, 12)
    ) -> Report {
        Report.compute(
            period: period, conversations: conversations, tickets: tickets, calendar: calendar, policy: policy,
            now: now)
    }

    @Test func handoverReasonsAreReadBackFromTheSummary() {
        let reasons: [(Escalation.Reason, HandoverReason)] = [
            (.humanButton, .humanButton), (.customerAsked(evidence: "speak to someone"), .customerAsked),
            (.unresolved, .unresolved), (.agentDecided(reason: "refund over the limit"), .agentDecided),
        ]
        for (reason, expected) in reasons {
            let summary = Escalation.summary(reason: reason, lastAsked: "Help", modelSummary: "It broke.")
            #expect(HandoverReason(summary: summary) == expected)
        }
        #expect(HandoverReason(summary: "Opened by hand") == nil)
    }

    @Test func firstResponseInBusinessTimeAcrossAWeekend() {
        // Friday 16:00 UTC, answered Monday 10:00: 66 hours on the wall, 2 in office hours.
        let friday = utcInstant(2026, 11, 27, 16)
        let answered = Self.ticket(1, created: friday, timed: [(utcInstant(2026, 11, 30, 10), Self.reply())])
        // Tuesday 09:00, answered 09:30 the same day.
        let quick = Self.ticket(
            2, created: utcInstant(2026, 11, 24, 9), timed: [(utcInstant(2026, 11, 24, 9, 30), Self.reply())])
        // Wednesday 17:30 (after hours), answered Thursday 09:15: 15 business minutes.
        let overnight = Self.ticket(
            3, created: utcInstant(2026, 11, 25, 17, 30), timed: [(utcInstant(2026, 11, 26, 9, 15), Self.reply())])
        let unanswered = Self.ticket(4, created: utcInstant(2026, 11, 26, 12), [])
        let report = Self.compute([answered, quick, overnight, unanswered])
        let summary = report.team.firstResponse
        #expect(summary.count == 3)
        // Nearest rank: sorted wall times 1800, 56700, 237600 → p50 is the 2nd, p90 the 3rd.
        #expect(summary.p50Seconds == 56_700)
        #expect(summary.p90Seconds == 237_600)
        // Business: 900, 1800, 7200.
        #expect(summary.businessP50Seconds == 1_800)
        #expect(summary.businessP90Seconds == 7_200)
        // Taking over counts the first message too.
        #expect(report.team.timeToTakeover == summary)
    }

    @Test func takeoverCountsFromTheTakeOverEvent() {
        let created = utcInstant(2026, 11, 24, 10)
        let ticket = Self.ticket(
            1, created: created,
            timed: [
                (utcInstant(2026, 11, 24, 10, 5), .event(TicketEvent(kind: .takenOver, actor: Self.sam))),
                (utcInstant(2026, 11, 24, 10, 20), Self.reply(Self.sam)),
            ])
        let report = Self.compute([ticket])
        #expect(report.team.timeToTakeover.p50Seconds == 300)
        #expect(report.team.firstResponse.p50Seconds == 1_200)
    }

    @Test func percentilesUseTheNearestRank() {
        let values: [TimeInterval] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        #expect(DurationSummary.percentile(50, of: values) == 50)
        #expect(DurationSummary.percentile(90, of: values) == 90)
        #expect(DurationSummary.percentile(90, of: [5]) == 5)
        #expect(DurationSummary.percentile(50, of: []) == nil)
    }

    @Test func daysAreTheTeamsAndBacklogIsTheEndOfThePeriod() {
        let berlin = ReportPeriod(
            from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-24")!, timeZone: "Europe/Berlin")
        // 23:30 UTC on the 23rd is 00:30 on the 24th in Berlin.
        let late = Self.ticket(1, created: utcInstant(2026, 11, 23, 23, 30), [])
        // Created before the period, resolved in it (and once more the same day after a reopen).
        let old = Self.ticket(
            2, created: utcInstant(2026, 11, 20, 10),
            timed: [
                (utcInstant(2026, 11, 23, 9), Self.status(.open, .resolved)),
                (utcInstant(2026, 11, 23, 10), Self.status(.resolved, .open)),
                (utcInstant(2026, 11, 23, 11), Self.status(.open, .resolved)),
            ])
        // Resolved after the period ends: still in the backlog at its end.
        let later = Self.ticket(
            3, created: utcInstant(2026, 11, 23, 12),
            timed: [(utcInstant(2026, 11, 26, 9), Self.status(.open, .resolved))])
        // Pending at the end: in the backlog.
        let pending = Self.ticket(
            4, created: utcInstant(2026, 11, 23, 13),
            timed: [(utcInstant(2026, 11, 23, 14), Self.status(.open, .pending))])
        // Created after the period: nowhere.
        let after = Self.ticket(5, created: utcInstant(2026, 11, 25, 12), [])
        let report = Self.compute([late, old, later, pending, after], period: berlin)
        #expect(report.team.createdPerDay.map(\.count) == [2, 1])
        #expect(report.team.createdPerDay.map(\.date.description) == ["2026-11-23", "2026-11-24"])
        #expect(report.team.resolvedPerDay.map(\.count) == [1, 0])
        #expect(report.team.backlog == 3)
        // Resolution time over tickets created in the period: none of them was resolved in it,
        // but ticket 3 was resolved since (the figure is about the tickets, not the days).
        #expect(report.team.resolution.count == 1)
    }

    @Test func theAIFiguresCountConversationsThatStartedInThePeriod() {
        let start = utcInstant(2026, 11, 24, 10)
        var deflected = ReportConversation(channel: .web, agentID: "a1", startedAt: Self.at(start))
        deflected.record(authorKind: "customer", at: Self.at(start))
        deflected.record(authorKind: "ai", at: Self.at(start))
        var asked = ReportConversation(
            channel: .telegram, agentID: "a1", startedAt: Self.at(start),
            handedOverAt: Self.at(start.addingTimeInterval(60)), handoverReason: .customerAsked)
        asked.record(authorKind: "ai", at: Self.at(start))
        asked.record(authorKind: "ai", at: Self.at(start.addingTimeInterval(120)))
        asked.record(authorKind: "ai", at: Self.at(start.addingTimeInterval(180)))
        var button = ReportConversation(
            channel: .web, agentID: "a1", startedAt: Self.at(start),
            handedOverAt: Self.at(start.addingTimeInterval(30)), handoverReason: .humanButton)
        button.record(authorKind: "operator", at: Self.at(start.addingTimeInterval(90)))
        // An operator wrote on it without a handover: not the AI's alone.
        var joined = ReportConversation(channel: .web, agentID: "a1", startedAt: Self.at(start))
        joined.record(authorKind: "ai", at: Self.at(start))
        joined.record(authorKind: "operator", at: Self.at(start.addingTimeInterval(10)))
        // No AI answer at all: not deflected either.
        let silent = ReportConversation(channel: .web, agentID: "a1", startedAt: Self.at(start))
        let before = ReportConversation(
            channel: .web, agentID: "a1", startedAt: Self.at(utcInstant(2026, 11, 1, 10)),
            handedOverAt: Self.at(utcInstant(2026, 11, 1, 11)), handoverReason: .unresolved)
        let report = Self.compute([], conversations: [deflected, asked, button, joined, silent, before])
        #expect(report.ai.conversations == 5)
        #expect(report.ai.handovers == 2)
        #expect(report.ai.handoverRate == 0.4)
        #expect(report.ai.reasons == [.customerAsked: 1, .humanButton: 1, .unresolved: 0, .agentDecided: 0])
        #expect(report.ai.messagesAfterHandover == 2)
        #expect(report.ai.deflected == 1)
    }

    @Test func satisfactionIsSplitBetweenTheAIAndTheTeam() {
        let start = utcInstant(2026, 11, 24, 10)
        func rating(_ value: Int, _ comment: String? = nil) -> TimelineEntry.Content {
            .event(TicketEvent(kind: .csatReceived, to: String(value), detail: comment))
        }
        // Settled without an operator message: the AI's (two answers).
        let aiFive = Self.ticket(
            1, created: start, timed: [(start, Self.status(.open, .resolved)), (start, rating(5))])
        let aiFour = Self.ticket(2, created: start, timed: [(start, rating(4, "quick"))])
        // Answered by an operator: the team's.
        let human = Self.ticket(3, created: start, timed: [(start, Self.reply()), (start, rating(2))])
        let human2 = Self.ticket(4, created: start, timed: [(start, Self.reply()), (start, rating(3))])
        let unrated = Self.ticket(5, created: start, timed: [(start, Self.reply())])
        // A rating out of range is not one.
        let broken = Self.ticket(6, created: start, timed: [(start, rating(9))])
        let report = Self.compute([aiFive, aiFour, human, human2, unrated, broken])
        #expect(report.csatAI == RatingSummary(ratings: [5, 4]))
        #expect(report.csatAI.average == 4.5)
        #expect(report.csatHuman.responses == 2)
        #expect(report.csatHuman.average == 2.5)
        #expect(Self.compute([]).csatHuman.average == nil)
    }

    @Test func slaAttainmentCountsFinishedAndBreachedClocks() {
        let policy = SLAPolicy(
            warningMinutes: 0, targets: [.normal: SLATarget(firstResponseMinutes: 60, resolutionMinutes: nil)])
        let created = utcInstant(2026, 11, 24, 10)
        let met = Self.ticket(1, created: created, timed: [(utcInstant(2026, 11, 24, 10, 30), Self.reply())])
        let late = Self.ticket(2, created: created, timed: [(utcInstant(2026, 11, 24, 12), Self.reply())])
        // Never answered, and past due at `now`: breached.
        let ignored = Self.ticket(3, created: created, [])
        // Answer still due at `now` (and no target for low): not counted.
        let running = Self.ticket(4, created: utcInstant(2026, 11, 30, 16, 30), [])
        let low = Self.ticket(5, created: created, priority: .low, [])
        let report = Self.compute(
            [met, late, ignored, running, low], policy: policy, now: utcInstant(2026, 11, 30, 17))
        #expect(report.slaAttainment == 0.3333)
        #expect(Self.compute([low], policy: policy).slaAttainment == nil)
    }

    @Test func operatorsAreTheAssigneesOfThePeriodsTickets() {
        let created = utcInstant(2026, 11, 24, 10)
        let tickets = [
            Self.ticket(
                1, created: created, assignee: Self.sam,
                timed: [(utcInstant(2026, 11, 24, 11), Self.reply(Self.sam)), (created, Self.status(.open, .resolved))]),
            Self.ticket(2, created: created, assignee: Self.sam, []),
            Self.ticket(3, created: created, assignee: Self.owner, []),
            Self.ticket(4, created: created, []),
        ]
        let operators = Self.compute(tickets).team.operators
        #expect(operators.map(\.name) == ["Sam", "Olga"])
        #expect(operators.map(\.tickets) == [2, 1])
        #expect(operators.map(\.resolved) == [1, 0])
        #expect(operators[0].firstResponse.p50Seconds == 3600)
    }

    @Test func mergedTicketsLeaveTheBacklog() {
        let created = utcInstant(2026, 11, 24, 10)
        let merged = Self.ticket(
            1, created: created,
            timed: [(utcInstant(2026, 11, 24, 11), .event(TicketEvent(kind: .mergedInto, actor: Self.owner, to: "2")))])
        let undone = Self.ticket(
            2, created: created,
            timed: [
                (utcInstant(2026, 11, 24, 11), .event(TicketEvent(kind: .mergedInto, actor: Self.owner, to: "3"))),
                (utcInstant(2026, 11, 24, 11, 5), .event(TicketEvent(kind: .unmerged, actor: Self.owner, to: "3"))),
            ])
        #expect(Self.compute([merged, undone]).team.backlog == 1)
    }

    @Test func periodsAreValidated() {
        let day = LocalDate("2026-11-24")!
        #expect(ReportPeriod(from: day, to: day, timeZone: "UTC").validationErrors().isEmpty)
        #expect(
            ReportPeriod(from: day, to: day.adding(days: -1), timeZone: "UTC").validationErrors().map(\.field) == ["to"]
        )
        #expect(ReportPeriod(from: day, to: day.adding(days: 365), timeZone: "UTC").validationErrors().isEmpty)
        #expect(
            ReportPeriod(from: day, to: day.adding(days: 366), timeZone: "UTC").validationErrors().map(\.field) == [
                "to"
            ])
        let berlin = ReportPeriod(from: day, to: day, timeZone: "Europe/Berlin")
        #expect(berlin.start == utcInstant(2026, 11, 23, 23))
        #expect(berlin.end == utcInstant(2026, 11, 24, 23))
    }

    @Test func csvQuotesAndDisarmsFormulas() {
        #expect(
            CSV.row(["plain", "a,b", "say \"hi\"", "two\nlines"])
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(
            CSV.row(["=HYPERLINK(\"x\")", "+1+1", "@SUM(A1)", "-cmd", "\tx"])
                == "\"'=HYPERLINK(\"\"x\"\")\",'+1+1,'@SUM(A1),'-cmd,'\tx\r\n")
        #expect(CSV.row(["-3", "42"]) == "'-3,42\r\n")
    }
}
