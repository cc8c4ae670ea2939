import Foundation

/// The whole local days a report covers, `from` through `to`, in the team's
/// time zone: from the midnight that starts `from` to the midnight that ends `to`.
public struct ReportPeriod: Sendable, Equatable {
    public let from: LocalDate
    public let to: LocalDate
    public let timeZone: String
    /// The first instant of the period.
    public let start: Date
    /// The first instant after the period.
    public let end: Date

    /// The longest period a report covers, in days.
    public static let dayLimit = 366

    public init(from: LocalDate, to: LocalDate, timeZone: String) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        let clock = ZoneClock(timeZone)
        start = clock.instant(day: from.daysSince1970, minute: 0)
        end = clock.instant(day: to.daysSince1970 + 1, minute: 0)
    }
    /// Every day of the period, in order.
    public var days: [LocalDate] { (0...max(0, to.daysSince1970 - from.daysSince1970)).map { from.adding(days: $0) } }

    /// The local day `instant` falls on.
    public func day(of instant: Date) -> LocalDate { Self.day(of: instant, timeZone: timeZone) }

    /// The day `instant` falls on in `timeZone`.
    public static func day(of instant: Date, timeZone: String) -> LocalDate {
        LocalDate(daysSince1970: ZoneClock(timeZone).localDay(of: instant))
    }

    /// Whether `instant` lies inside the period.
    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// What is wrong with the period, if anything: `to` before `from`, or
    /// longer than ``dayLimit`` days.
    public func validationErrors() -> [FieldError] {
        if to < from { return [FieldError(field: "to", message: "to must not be before from")] }
        if to.daysSince1970 - from.daysSince1970 + 1 > Self.dayLimit {
            return [FieldError(field: "to", message: "a report covers at most \(Self.dayLimit) days")]
        }
        return []
    }
}

/// Why the AI handed a conversation over to people: the four ways
/// ``Escalation/Reason`` can be, read back from the handoff summary that the
/// `created` event of an escalated ticket carries.
public enum HandoverReason: String, Sendable, CaseIterable, Codable {
    case customerAsked, humanButton, unresolved, agentDecided

    /// The reason a handoff summary states (``Escalation/summary(reason:lastAsked:modelSummary:)``),
    /// or nil for a summary that is not an escalation's (a ticket opened by hand).
    public init?(summary: String) {
        for reason in [
            Escalation.Reason.humanButton, .customerAsked(evidence: ""), .unresolved, .agentDecided(reason: ""),
        ] {
            let words = reason.description
            // The free text of the last two reasons follows their fixed words.
            let stem = words.firstIndex(where: { $0 == "(" || $0 == ":" }).map { String(words[..<$0]) } ?? words
            guard summary.hasPrefix("Escalated because " + stem) else { continue }
            switch reason {
            case .humanButton: self = .humanButton
            case .customerAsked: self = .customerAsked
            case .unresolved: self = .unresolved
            case .agentDecided: self = .agentDecided
            }
            return
        }
        return nil
    }
}

/// What a report needs to know about one ticket, gathered from its timeline
/// entries in order by ``record(_:)`` (or, from a store's rows, by
/// ``record(kind:event:authorKind:at:to:detail:)``).
public struct ReportTicket: Sendable, Equatable {
    public var number: Int
    public var channel: Channel
    public var priority: Priority
    public var agentID: String?
    public var assignee: MemberRef?
    public var createdAt: Timestamp
    /// Why the AI handed over, when the ticket came from an escalation.
    public var handoverReason: HandoverReason?
    /// The first time a person took the conversation: a take-over, or their first message.
    public var takenOverAt: Timestamp?
    /// The first operator message.
    public var firstResponseAt: Timestamp?
    /// Every status the ticket entered, in order (`resolved`, `pending`, `open`, `merged`).
    public var statusChanges: [SLAFacts.StatusChange] = []
    /// The customer's satisfaction rating, 1–5, when they gave one.
    public var rating: Int?

    public init(
        number: Int, channel: Channel, priority: Priority, agentID: String?, assignee: MemberRef?,
        createdAt: Timestamp
    ) {
        self.number = number
        self.channel = channel
        self.priority = priority
        self.agentID = agentID
        self.assignee = assignee
        self.createdAt = createdAt
    }

    /// The ticket's fields, before any entry is recorded.
    public init(_ ticket: Ticket) {
        self.init(
            number: ticket.number, channel: ticket.channel, priority: ticket.priority, agentID: ticket.agent?.id,
            assignee: ticket.assignee, createdAt: ticket.createdAt)
    }

    /// Takes the ticket's next timeline entry.
    public mutating func record(_ entry: TimelineEntry) {
        switch entry.content {
        case .message(let author, _, _, _):
            record(kind: "message", event: nil, authorKind: author.kind.rawValue, at: entry.at, to: nil, detail: nil)
        case .note:
            break
        case .event(let event):
            record(
                kind: "event", event: event.kind.rawValue, authorKind: nil, at: entry.at, to: event.to,
                detail: event.detail)
        }
    }

    /// Takes the ticket's next entry as a store's row gives it: `kind` is
    /// "message", "note" or "event"; `event` the event's kind; `authorKind` a
    /// message's author; `to` and `detail` the event's.
    public mutating func record(
        kind: String, event: String?, authorKind: String?, at: Timestamp, to: String?, detail: String?
    ) {
        switch kind {
        case "message" where authorKind == AuthorKind.operator.rawValue:
            if firstResponseAt == nil { firstResponseAt = at }
            if takenOverAt == nil { takenOverAt = at }
        case "event":
            switch event.flatMap(TicketEventKind.init(rawValue:)) {
            case .created?:
                if let detail, handoverReason == nil { handoverReason = HandoverReason(summary: detail) }
            case .takenOver?:
                if takenOverAt == nil { takenOverAt = at }
            case .statusChanged?, .resolved?, .reopened?:
                if let status = to.flatMap(TicketStatus.init(rawValue:)) {
                    statusChanges.append(SLAFacts.StatusChange(at: at, status: status))
                }
            case .csatReceived?:
                if let rating = to.flatMap(Int.init), CSAT.ratings.contains(rating) { self.rating = rating }
            case .mergedInto?:
                statusChanges.append(SLAFacts.StatusChange(at: at, status: .merged))
            case .unmerged?:
                if statusChanges.last?.status == .merged {
                    statusChanges.append(SLAFacts.StatusChange(at: at, status: .open))
                }
            default:
                break
            }
        default:
            break
        }
    }

    /// The first time the ticket was resolved.
    public var firstResolvedAt: Timestamp? { statusChanges.first { $0.status == .resolved }?.at }

    /// The status the ticket had at `instant` (open before its first change).
    public func status(at instant: Date) -> TicketStatus {
        statusChanges.last { $0.at.date < instant }?.status ?? .open
    }

    /// The status after its last recorded change.
    public var currentStatus: TicketStatus { statusChanges.last?.status ?? .open }

    /// The facts its SLA clocks run on.
    public var slaFacts: SLAFacts { SLAFacts(firstResponseAt: firstResponseAt, statusChanges: statusChanges) }
}

/// What a report needs to know about one conversation the AI had, gathered
/// from its messages in order by ``record(authorKind:at:)``.
public struct ReportConversation: Sendable, Equatable {
    public var channel: Channel
    public var agentID: String?
    public var startedAt: Timestamp
    /// When the conversation was handed over (its first escalated ticket opened), and why.
    public var handedOverAt: Timestamp?
    public var handoverReason: HandoverReason?
    /// The AI's messages, in all.
    public var aiMessages = 0
    /// The AI's messages after the handover.
    public var aiMessagesAfterHandover = 0
    /// Operator messages: a conversation a person answered was not resolved by the AI alone.
    public var operatorMessages = 0

    public init(
        channel: Channel, agentID: String?, startedAt: Timestamp, handedOverAt: Timestamp? = nil,
        handoverReason: HandoverReason? = nil
    ) {
        self.channel = channel
        self.agentID = agentID
        self.startedAt = startedAt
        self.handedOverAt = handedOverAt
        self.handoverReason = handoverReason
    }

    /// Takes the conversation's next message, by its author kind.
    public mutating func record(authorKind: String, at: Timestamp) {
        switch AuthorKind(rawValue: authorKind) {
        case .ai?:
            aiMessages += 1
            if let handedOverAt, at > handedOverAt { aiMessagesAfterHandover += 1 }
        case .operator?:
            operatorMessages += 1
        default:
            break
        }
    }

    /// Resolved without a person: the AI answered, and it was never handed over
    /// and no operator wrote on it.
    public var deflected: Bool { handedOverAt == nil && operatorMessages == 0 && aiMessages > 0 }
}

/// The middle and the 90th percentile of a duration, in wall-clock seconds and
/// in the team's business time.
public struct DurationSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var p50Seconds: Int?
    public var p90Seconds: Int?
    public var businessP50Seconds: Int?
    public var businessP90Seconds: Int?

    /// The nearest-rank percentiles of `wall` and `business` (whole seconds, rounded down).
    public init(wall: [TimeInterval], business: [TimeInterval]) {
        count = wall.count
        p50Seconds = Self.percentile(50, of: wall)
        p90Seconds = Self.percentile(90, of: wall)
        businessP50Seconds = Self.percentile(50, of: business)
        businessP90Seconds = Self.percentile(90, of: business)
    }

    /// The nearest-rank percentile: the smallest value at least `p` percent of
    /// the values are at or below (the value of rank ⌈p/100 × n⌉); nil for no values.
    public static func percentile(_ p: Int, of values: [TimeInterval]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, Int((Double(p) / 100 * Double(sorted.count)).rounded(.up)))
        return Int(sorted[min(rank, sorted.count) - 1].rounded(.down))
    }
}

/// One day's count.
public struct DayCount: Sendable, Equatable, Codable {
    public var date: LocalDate
    public var count: Int
    public init(date: LocalDate, count: Int) {
        self.date = date
        self.count = count
    }
}

/// Satisfaction answers and their mean.
public struct RatingSummary: Sendable, Equatable, Codable {
    public var responses: Int
    /// The mean rating to two decimals; nil without responses.
    public var average: Double?

    public init(ratings: [Int]) {
        responses = ratings.count
        average =
            ratings.isEmpty ? nil : (Double(ratings.reduce(0, +)) / Double(ratings.count) * 100).rounded() / 100
    }
}

/// One operator's share of the period's tickets.
public struct OperatorLoad: Sendable, Equatable, Codable {
    public var memberId: String
    public var name: String
    /// Tickets created in the period and assigned to them now.
    public var tickets: Int
    /// Of those, resolved now.
    public var resolved: Int
    /// Their first responses on those tickets.
    public var firstResponse: DurationSummary
}

/// The owners' report over a period: the AI's share of the work, the team's
/// speed, satisfaction, and SLA attainment. Every figure is defined on its
/// property and computed by ``compute(period:conversations:tickets:calendar:policy:now:)``
/// from the facts above alone.
public struct Report: Sendable, Equatable {
    public struct AI: Sendable, Equatable, Codable {
        /// Conversations an AI agent had that started in the period.
        public var conversations: Int
        /// Of those, the ones handed over to people (at any time since).
        public var handovers: Int
        /// `handovers / conversations`, to four decimals (0 without conversations).
        public var handoverRate: Double
        /// The handovers by reason.
        public var reasons: [HandoverReason: Int]
        /// The AI's messages on those conversations after their handover.
        public var messagesAfterHandover: Int
        /// Of those conversations, the ones the AI resolved alone (``ReportConversation/deflected``).
        public var deflected: Int
    }

    public struct Team: Sendable, Equatable, Codable {
        /// From a ticket's creation to a person taking it (a take-over or their
        /// first message), over tickets created in the period that were taken.
        public var timeToTakeover: DurationSummary
        /// From a ticket's creation to the first operator message, over tickets
        /// created in the period that were answered.
        public var firstResponse: DurationSummary
        /// From a ticket's creation to its first resolution, over tickets
        /// created in the period that were resolved.
        public var resolution: DurationSummary
        /// Tickets created on each day of the period.
        public var createdPerDay: [DayCount]
        /// Tickets resolved on each day of the period (a ticket resolved twice on
        /// one day counts once that day).
        public var resolvedPerDay: [DayCount]
        /// Tickets open or pending at the end of the period.
        public var backlog: Int
        /// Per assignee, most tickets first.
        public var operators: [OperatorLoad]
    }

    public var period: ReportPeriod
    public var ai: AI
    public var team: Team
    /// Ratings of tickets created in the period that no operator wrote on (the AI's answers,
    /// and the customer, settled them).
    public var csatAI: RatingSummary
    /// Ratings of tickets created in the period that an operator answered.
    public var csatHuman: RatingSummary
    /// Of the SLA clocks of tickets created in the period that have stopped or
    /// breached, the share that met their target (to four decimals); nil when none.
    public var slaAttainment: Double?

    /// The report over `period` for the facts given: `conversations` are those
    /// that started in the period; `tickets` are those created before its end
    /// that changed during it or were created in it (a superset is harmless:
    /// each figure picks its own tickets); `quietBacklog` counts the tickets
    /// left out because nothing happened to them since before the period, while
    /// they were open or pending: they count in the backlog at its end and in no
    /// other figure (``ReportFacts/quietBacklog``).
    public static func compute(
        period: ReportPeriod, conversations: [ReportConversation], tickets: [ReportTicket], quietBacklog: Int = 0,
        calendar: BusinessCalendar, policy: SLAPolicy, now: Date
    ) -> Report {
        let end = period.end
        let started = conversations.filter { period.contains($0.startedAt.date) }
        let handedOver = started.filter { $0.handedOverAt != nil }
        var reasons = Dictionary(uniqueKeysWithValues: HandoverReason.allCases.map { ($0, 0) })
        for conversation in handedOver {
            if let reason = conversation.handoverReason { reasons[reason, default: 0] += 1 }
        }
        let ai = AI(
            conversations: started.count, handovers: handedOver.count,
            handoverRate: started.isEmpty
                ? 0 : (Double(handedOver.count) / Double(started.count) * 10_000).rounded() / 10_000,
            reasons: reasons, messagesAfterHandover: started.reduce(0) { $0 + $1.aiMessagesAfterHandover },
            deflected: started.count { $0.deflected })

        let created = tickets.filter { period.contains($0.createdAt.date) }
        func durations(_ tickets: [ReportTicket], to stop: (ReportTicket) -> Timestamp?) -> DurationSummary {
            var wall: [TimeInterval] = []
            var business: [TimeInterval] = []
            for ticket in tickets {
                guard let stop = stop(ticket), stop >= ticket.createdAt else { continue }
                wall.append(stop.date.timeIntervalSince(ticket.createdAt.date))
                business.append(calendar.businessSeconds(from: ticket.createdAt.date, to: stop.date))
            }
            return DurationSummary(wall: wall, business: business)
        }

        var createdCounts: [LocalDate: Int] = [:]
        for ticket in created { createdCounts[period.day(of: ticket.createdAt.date), default: 0] += 1 }
        var resolvedCounts: [LocalDate: Int] = [:]
        for ticket in tickets {
            let days = Set(
                ticket.statusChanges.filter { $0.status == .resolved && period.contains($0.at.date) }
                    .map { period.day(of: $0.at.date) })
            for day in days { resolvedCounts[day, default: 0] += 1 }
        }
        let backlog =
            quietBacklog
            + tickets.count { ticket in
                ticket.createdAt.date < end && [.open, .pending].contains(ticket.status(at: end))
            }

        var byAssignee: [String: (ref: MemberRef, tickets: [ReportTicket])] = [:]
        for ticket in created {
            guard let assignee = ticket.assignee else { continue }
            byAssignee[assignee.id, default: (assignee, [])].tickets.append(ticket)
        }
        let operators = byAssignee.values.map { entry in
            OperatorLoad(
                memberId: entry.ref.id, name: entry.ref.displayName, tickets: entry.tickets.count,
                resolved: entry.tickets.count { $0.currentStatus == .resolved },
                firstResponse: durations(entry.tickets, to: \.firstResponseAt))
        }.sorted { ($1.tickets, $0.name, $0.memberId) < ($0.tickets, $1.name, $1.memberId) }

        let team = Team(
            timeToTakeover: durations(created, to: \.takenOverAt),
            firstResponse: durations(created, to: \.firstResponseAt),
            resolution: durations(created, to: \.firstResolvedAt),
            createdPerDay: period.days.map { DayCount(date: $0, count: createdCounts[$0] ?? 0) },
            resolvedPerDay: period.days.map { DayCount(date: $0, count: resolvedCounts[$0] ?? 0) },
            backlog: backlog, operators: operators)

        var met = 0
        var counted = 0
        for ticket in created {
            let resolvedAt = ticket.currentStatus == .resolved ? ticket.statusChanges.last?.at.date : nil
            let pauses = SLAClock.pauses(
                statusChanges: ticket.statusChanges.map { (at: $0.at.date, status: $0.status) })
            let status = SLAClock.status(
                policy: policy, calendar: calendar, createdAt: ticket.createdAt.date, priority: ticket.priority,
                firstResponseAt: ticket.firstResponseAt?.date, resolvedAt: resolvedAt, pauses: pauses, now: now)
            for clock in [status.firstResponse, status.resolution].compactMap({ $0 })
            where clock.stoppedAt != nil || clock.breached {
                counted += 1
                if !clock.breached { met += 1 }
            }
        }

        return Report(
            period: period, ai: ai, team: team,
            csatAI: RatingSummary(ratings: created.filter { $0.firstResponseAt == nil }.compactMap(\.rating)),
            csatHuman: RatingSummary(ratings: created.filter { $0.firstResponseAt != nil }.compactMap(\.rating)),
            slaAttainment: counted == 0 ? nil : (Double(met) / Double(counted) * 10_000).rounded() / 10_000)
    }
}

/// Which conversations and tickets a report counts: optionally one AI agent's,
/// one channel's, and (for the team's figures) one operator's tickets.
public struct ReportFilter: Sendable, Equatable {
    public var agentID: String?
    public var channel: Channel?
    /// Restricts the team's figures to tickets assigned to this member; the
    /// AI's figures, which are about conversations, ignore it.
    public var operatorID: String?

    public init(agentID: String? = nil, channel: Channel? = nil, operatorID: String? = nil) {
        self.agentID = agentID
        self.channel = channel
        self.operatorID = operatorID
    }
}

/// What a store gathers for a report (see ``Report/compute(period:conversations:tickets:calendar:policy:now:)``).
public struct ReportFacts: Sendable, Equatable {
    public var conversations: [ReportConversation]
    public var tickets: [ReportTicket]
    /// Tickets open or pending now that were created before the period and have had no activity
    /// since it started (any change of status, assignee or priority, any message, is activity):
    /// open or pending all through the period, so in its backlog, and in no other figure. Counted,
    /// not read: a team's old backlog is most of its tickets. A merge undone within its minutes
    /// restores the merged ticket's last activity, so tickets merged since shortly before the
    /// period are read instead of counted here.
    public var quietBacklog: Int

    public init(conversations: [ReportConversation], tickets: [ReportTicket], quietBacklog: Int = 0) {
        self.conversations = conversations
        self.tickets = tickets
        self.quietBacklog = quietBacklog
    }
}
