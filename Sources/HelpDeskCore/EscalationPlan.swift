/// What the store knows when a conversation escalates, loaded inside the
/// escalating transaction so the plan is decided on the facts it is written against.
public struct EscalationFacts: Sendable {
    public var reason: Escalation.Reason
    /// The model's own handoff summary, when an LLM brain wrote one.
    public var modelSummary: String?
    /// The team's plan.
    public var plan: Plan
    /// The agent's Support Handover; nil when the agent has none (or is gone).
    public var handover: SupportHandover?
    /// The customer, for the fallback subject.
    public var requester: Requester
    /// Every customer message of the conversation, oldest first.
    public var customerMessages: [String]
    /// The conversation's newest unresolved ticket, if it has one.
    public var unresolvedTicket: Ticket?
    /// Whether any operator of the team is online.
    public var anyoneOnline: Bool
    /// Whether the team's business calendar is open now.
    public var withinBusinessHours: Bool
    /// Today's holiday auto-reply, when today is a holiday that has one: the
    /// customer gets it instead of the handover's usual auto-reply.
    public var holidayAutoReply: String?
    /// Whether the team's owners get an email for each new ticket.
    public var emailNotifications: Bool
    /// The owners' addresses, in rotation order.
    public var ownerEmails: [String]

    public init(
        reason: Escalation.Reason, modelSummary: String?, plan: Plan, handover: SupportHandover?, requester: Requester,
        customerMessages: [String], unresolvedTicket: Ticket?, anyoneOnline: Bool, withinBusinessHours: Bool,
        emailNotifications: Bool, ownerEmails: [String], holidayAutoReply: String? = nil
    ) {
        self.reason = reason
        self.modelSummary = modelSummary
        self.plan = plan
        self.handover = handover
        self.requester = requester
        self.customerMessages = customerMessages
        self.unresolvedTicket = unresolvedTicket
        self.anyoneOnline = anyoneOnline
        self.withinBusinessHours = withinBusinessHours
        self.holidayAutoReply = holidayAutoReply
        self.emailNotifications = emailNotifications
        self.ownerEmails = ownerEmails
    }
}

/// What an escalation does, decided from `EscalationFacts` by `Escalation.plan`
/// and applied by a store in one transaction.
public enum EscalationPlan: Sendable, Equatable {
    /// The conversation already has an unresolved ticket: never a second one.
    /// Record the repeat on it (the event) and bump its activity.
    case repeatOn(ticket: Ticket, event: TicketEvent)
    /// Open a ticket for the conversation, route it, tell the customer, and
    /// notify the owners when they asked for it.
    case open(NewEscalatedTicket)
}

/// The ticket an escalation opens and what goes with it.
public struct NewEscalatedTicket: Sendable, Equatable {
    public var subject: String
    public var priority: Priority
    /// The handoff summary: the `created` event's detail, first on the timeline.
    public var summary: String
    /// What the customer is told.
    public var notice: Escalation.Notice
    /// The owners to email once the ticket has its number; empty for none.
    /// Each escalation adds its ticket to the team's one queued digest.
    public var notifyOwners: [String]

    public init(
        subject: String, priority: Priority, summary: String, notice: Escalation.Notice, notifyOwners: [String]
    ) {
        self.subject = subject
        self.priority = priority
        self.summary = summary
        self.notice = notice
        self.notifyOwners = notifyOwners
    }

    /// What becomes of the owners' email about the opened ticket: added to the
    /// team's queued digest, or a new digest (see `OwnerDigest.plan`). Nil when
    /// nobody is to be notified.
    public func ownerNotification(
        for ticket: Ticket, queued: QueuedOwnerDigest?, lastSentAt: Timestamp?, now: Timestamp
    ) -> OwnerNotificationPlan? {
        OwnerDigest.plan(
            adding: OwnerDigest.Item(ticket, summary: summary), recipients: notifyOwners, queued: queued,
            lastSentAt: lastSentAt, now: now)
    }
}

extension Escalation {
    /// Decides an escalation.
    ///
    /// Refused when the team's plan has no Help Desk, or the agent has no
    /// Support Handover. A conversation with an unresolved ticket gets the
    /// repeat recorded on that ticket. Otherwise a new ticket: the subject from
    /// the customer's words, the handover's default priority, the handoff
    /// summary, the waiting label or the auto-reply, and the owners' email when
    /// the team turned notifications on and has owners.
    public static func plan(_ facts: EscalationFacts) throws(HelpDeskError) -> EscalationPlan {
        guard facts.plan.includesHelpDesk else { throw .planRequired(facts.plan) }
        guard let handover = facts.handover else {
            throw .unprocessable("this agent has no Support Handover action; it cannot escalate")
        }
        let summary = summary(
            reason: facts.reason, lastAsked: facts.customerMessages.last, modelSummary: facts.modelSummary)
        if let open = facts.unresolvedTicket {
            return .repeatOn(ticket: open, event: TicketEvent(kind: .escalationRepeated, detail: summary))
        }
        return .open(
            NewEscalatedTicket(
                subject: subject(
                    customerMessages: facts.customerMessages,
                    fallback: "Conversation with \(facts.requester.name)"),
                priority: handover.defaultPriority, summary: summary,
                notice: notice(
                    handover: handover, anyoneOnline: facts.anyoneOnline,
                    withinBusinessHours: facts.withinBusinessHours, holidayAutoReply: facts.holidayAutoReply),
                notifyOwners: facts.emailNotifications ? facts.ownerEmails : []))
    }
}
