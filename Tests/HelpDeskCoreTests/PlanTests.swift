import Testing

@testable import HelpDeskCore

/// The decisions stores apply, tested as plain values: escalation, routing,
/// backfill and the live chat's hand-offs.
@Suite struct PlanTests {
    static let now = Timestamp(microseconds: 1_800_000_000_000_000)
    static let ana = MemberRef(id: "mb_ana", displayName: "Ana")
    static let ben = MemberRef(id: "mb_ben", displayName: "Ben")

    static func ticket(status: TicketStatus = .open, assignee: MemberRef? = nil, channel: Channel = .web) -> Ticket {
        Ticket(
            id: 7, teamID: "tm_1", number: 10007, conversationID: "cv_1", status: status, priority: .normal,
            subject: "Where is my parcel", requester: Requester(name: "Chloé", email: "chloe@example.com"),
            assignee: assignee, agent: AgentRef(id: "ag_1", name: "Ava"), channel: channel,
            createdAt: Timestamp(microseconds: 1), lastActivityAt: Timestamp(microseconds: 2),
            resolvedAt: status == .resolved ? Timestamp(microseconds: 2) : nil)
    }

    static func conversation(speaker: Speaker = .ai, channel: Channel = .web) -> Conversation {
        Conversation(
            id: "cv_1", teamID: "tm_1", agentID: "ag_1", channelID: "ch_1", channel: channel,
            requester: Requester(name: "Chloé"), speaker: speaker, aiMisses: 0, createdAt: Timestamp(microseconds: 1),
            lastMessageAt: Timestamp(microseconds: 2))
    }

    static func facts(
        plan: Plan = .pro, handover: SupportHandover? = SupportHandover(defaultPriority: .high),
        messages: [String] = ["hi", "my parcel never arrived at all", "can I talk to a person"],
        unresolved: Ticket? = nil, online: Bool = true, open: Bool = true, notifications: Bool = false
    ) -> EscalationFacts {
        EscalationFacts(
            reason: .humanButton, modelSummary: nil, plan: plan, handover: handover,
            requester: Requester(name: "Chloé"), customerMessages: messages, unresolvedTicket: unresolved,
            anyoneOnline: online, withinBusinessHours: open, emailNotifications: notifications,
            ownerEmails: ["owner@example.com", "second@example.com"])
    }

    // MARK: Escalation

    @Test func escalationOpensATicketFromTheCustomersWords() throws {
        guard case .open(let new) = try Escalation.plan(Self.facts()) else {
            Issue.record("expected a new ticket")
            return
        }
        #expect(new.subject == "my parcel never arrived at all")
        #expect(new.priority == .high)
        #expect(new.summary.hasPrefix("Escalated because the customer pressed the human button."))
        #expect(new.summary.contains("can I talk to a person"))
        #expect(new.notice == .waiting(SupportHandover().waitingLabel))
        #expect(new.notifyOwners.isEmpty)
        #expect(new.ownerNotification(for: Self.ticket(), queued: nil, lastSentAt: nil, now: Self.now) == nil)
    }

    @Test func escalationWithoutMessagesNamesTheConversation() throws {
        guard case .open(let new) = try Escalation.plan(Self.facts(messages: [])) else {
            Issue.record("expected a new ticket")
            return
        }
        #expect(new.subject == "Conversation with Chloé")
    }

    @Test func aSecondEscalationIsRecordedOnTheUnresolvedTicket() throws {
        let open = Self.ticket()
        let plan = try Escalation.plan(Self.facts(unresolved: open))
        guard case .repeatOn(let ticket, let event) = plan else {
            Issue.record("expected a repeat, got \(plan)")
            return
        }
        #expect(ticket == open)
        #expect(event.kind == .escalationRepeated)
        #expect(event.detail?.contains("human button") == true)
    }

    @Test func nobodyOnlineOrClosedGetsTheAutoReply() throws {
        let autoReply = Escalation.Notice.autoReply(SupportHandover().autoReplyMessage)
        for facts in [Self.facts(online: false), Self.facts(open: false)] {
            guard case .open(let new) = try Escalation.plan(facts) else {
                Issue.record("expected a new ticket")
                return
            }
            #expect(new.notice == autoReply)
        }
    }

    @Test func ownersAreNotifiedWhenTheyAskedForIt() throws {
        guard case .open(let new) = try Escalation.plan(Self.facts(notifications: true)) else {
            Issue.record("expected a new ticket")
            return
        }
        let plan = new.ownerNotification(for: Self.ticket(), queued: nil, lastSentAt: nil, now: Self.now)
        guard case .enqueue(let message, let notBefore) = plan else {
            Issue.record("expected a new owners' email, got \(String(describing: plan))")
            return
        }
        #expect(notBefore == Self.now)
        #expect(message.kind == .notificationEmail)
        #expect(message.recipients == ["owner@example.com", "second@example.com"])
        #expect(message.subject == "Ticket 10007: Where is my parcel")
        #expect(message.body?.contains("Requester: Chloé\nChannel: web") == true)
        #expect(message.payload["ticketNumber"] == .number(10007))
    }

    @Test func escalationIsRefusedWithoutTheHelpDeskOrAHandover() {
        #expect(throws: HelpDeskError.planRequired(.hobby)) { try Escalation.plan(Self.facts(plan: .hobby)) }
        #expect(throws: HelpDeskError.self) { try Escalation.plan(Self.facts(handover: nil)) }
    }

    // MARK: Routing

    @Test func routingSaysWhyNobodyGotTheTicketExceptUnderManual() {
        let away = [
            AssignmentCandidate(
                memberID: "a", availability: .away, unresolvedCount: 0, lastAssignedAt: nil, rotationPosition: 1)
        ]
        let balanced = Assignment.route(.balanced, candidates: away, rotationCursor: nil)
        #expect(balanced.decision.memberID == nil)
        #expect(balanced.unassignedEvent == TicketEvent(kind: .unassigned, detail: "nobody online: left unassigned"))
        #expect(Assignment.route(.manual, candidates: away, rotationCursor: nil).unassignedEvent == nil)
        let online = [
            AssignmentCandidate(
                memberID: "a", availability: .online, unresolvedCount: 0, lastAssignedAt: nil, rotationPosition: 1)
        ]
        let routed = Assignment.route(.roundRobin, candidates: online, rotationCursor: nil)
        #expect(routed.decision.memberID == "a")
        #expect(routed.decision.rotationCursor == 1)
        #expect(routed.unassignedEvent == nil)
    }

    // MARK: Backfill

    @Test func backfillTakesTheOldestWaitingTicketsAndMovesTheRotation() {
        let candidates = [
            AssignmentCandidate(
                memberID: "ann", availability: .online, unresolvedCount: 3, lastAssignedAt: 5, rotationPosition: 1),
            AssignmentCandidate(
                memberID: "new", availability: .online, unresolvedCount: 0, lastAssignedAt: nil, rotationPosition: 2),
        ]
        let waiting = (1...6).map { WaitingTicket(ticketID: Int64($0), conversationID: "cv_\($0)") }
        let balanced = Backfill.plan(
            .balanced, member: "new", candidates: candidates, waiting: waiting, because: "New came online", now: 9)
        #expect(balanced.tickets.map(\.ticketID) == [1, 2, 3])
        #expect(balanced.reason == "backfill: New came online; oldest waiting ticket first")
        #expect(balanced.rotationCursor == nil)
        let roundRobin = Backfill.plan(
            .roundRobin, member: "new", candidates: candidates, waiting: waiting, because: "x", now: 9)
        #expect(roundRobin.tickets.map(\.ticketID) == [1])
        #expect(roundRobin.rotationCursor == 2)
        #expect(
            Backfill.plan(.manual, member: "new", candidates: candidates, waiting: waiting, because: "x", now: 9)
                == .none)
    }

    @Test func onlyComingOnlineOrResolvingUnderBalancedStartsABackfill() {
        #expect(Backfill.cause(displayName: "Ana", from: .away, to: .online) == "Ana came online")
        #expect(Backfill.cause(displayName: "Ana", from: .online, to: .online) == nil)
        #expect(Backfill.cause(displayName: "Ana", from: .online, to: .away) == nil)
        #expect(Backfill.cause(displayName: "Ana", from: .offline, to: nil) == nil)
        let held = Self.ticket(assignee: Self.ana)
        let resolved = Self.ticket(status: .resolved, assignee: Self.ana)
        #expect(Backfill.cause(resolving: held, into: resolved, method: .balanced)?.memberID == "mb_ana")
        #expect(Backfill.cause(resolving: held, into: resolved, method: .balanced)?.cause == "Ana resolved 10007")
        #expect(Backfill.cause(resolving: held, into: resolved, method: .roundRobin) == nil)
        #expect(Backfill.cause(resolving: resolved, into: resolved, method: .balanced) == nil)
        #expect(
            Backfill.cause(resolving: Self.ticket(), into: Self.ticket(status: .resolved), method: .balanced) == nil)
    }

    // MARK: Live chat

    @Test func takingOverAssignsAnUnassignedTicketAndShowsTheLabel() throws {
        let plan = try LiveChat.takeOver(
            ticket: Self.ticket(), conversation: Self.conversation(), by: Self.ana, connectedLabel: "Ana is here")
        #expect(!plan.alreadyHeld)
        #expect(plan.assignmentReason == "Ana took over the chat")
        #expect(plan.event == TicketEvent(kind: .takenOver, actor: Self.ana))
        #expect(plan.notice == "Ana is here")
        let assigned = try LiveChat.takeOver(
            ticket: Self.ticket(assignee: Self.ben), conversation: Self.conversation(), by: Self.ana,
            connectedLabel: nil)
        #expect(assigned.assignmentReason == nil)
    }

    @Test func takingOverIsRefusedWhereThereIsNoChatToTake() throws {
        #expect(throws: HelpDeskError.self) {
            try LiveChat.takeOver(
                ticket: Self.ticket(channel: .email), conversation: Self.conversation(channel: .email), by: Self.ana,
                connectedLabel: nil)
        }
        #expect(throws: HelpDeskError.self) {
            try LiveChat.takeOver(
                ticket: Self.ticket(status: .resolved), conversation: Self.conversation(), by: Self.ana,
                connectedLabel: nil)
        }
        #expect(throws: HelpDeskError.conflict("Ben has already taken over this chat")) {
            try LiveChat.takeOver(
                ticket: Self.ticket(), conversation: Self.conversation(speaker: .operator(Self.ben)), by: Self.ana,
                connectedLabel: nil)
        }
        let again = try LiveChat.takeOver(
            ticket: Self.ticket(), conversation: Self.conversation(speaker: .operator(Self.ana)), by: Self.ana,
            connectedLabel: "x")
        #expect(again.alreadyHeld)
    }

    @Test func onlyTheHolderOrAManagerReleases() throws {
        let held = Self.conversation(speaker: .operator(Self.ana))
        #expect(
            try LiveChat.release(conversation: held, by: Self.ana, mayOverride: false)
                == TicketEvent(kind: .released, actor: Self.ana, from: "Ana"))
        #expect(try LiveChat.release(conversation: held, by: Self.ben, mayOverride: true).from == "Ana")
        #expect(throws: HelpDeskError.self) {
            try LiveChat.release(conversation: held, by: Self.ben, mayOverride: false)
        }
        #expect(throws: HelpDeskError.self) {
            try LiveChat.release(conversation: Self.conversation(), by: Self.ana, mayOverride: true)
        }
    }

    @Test func aCustomerWritingAgainReopensOnlyAResolvedTicket() throws {
        let (reopened, event) = try #require(
            LiveChat.customerWrote(latest: Self.ticket(status: .resolved), at: Self.now))
        #expect(reopened.status == .open)
        #expect(reopened.resolvedAt == nil)
        #expect(reopened.lastActivityAt == Self.now)
        #expect(event == TicketEvent(kind: .reopened, from: "resolved", to: "open", detail: "the customer wrote again"))
        #expect(LiveChat.customerWrote(latest: Self.ticket(), at: Self.now) == nil)
        #expect(LiveChat.customerWrote(latest: nil, at: Self.now) == nil)
    }

    @Test func theWidgetStateFollowsWhoSpeaks() {
        #expect(WidgetState(speaker: .ai, tickets: []) == .ai)
        #expect(WidgetState(speaker: .ai, tickets: [Self.ticket(status: .resolved)]) == .ai)
        #expect(WidgetState(speaker: .ai, tickets: [Self.ticket(status: .pending)]) == .waiting)
        #expect(WidgetState(speaker: .operator(Self.ana), tickets: []) == .connected)
    }
}

/// `LiveChat.afterTicketChange`: a live chat always keeps someone who can answer it.
@Suite struct ChatAfterChangeTests {
    static let sam = MemberRef(id: "mb_sam", displayName: "Sam")
    static let riley = MemberRef(id: "mb_riley", displayName: "Riley")

    static func ticket(_ status: TicketStatus, assignee: MemberRef?) -> Ticket {
        PlanTests.ticket(status: status, assignee: assignee)
    }

    static func conversation(_ speaker: Speaker, channel: Channel = .web) -> Conversation {
        PlanTests.conversation(speaker: speaker, channel: channel)
    }

    @Test func resolvingAHeldChatHandsItToTheAIAndTellsTheCustomer() {
        let change = LiveChat.afterTicketChange(
            before: Self.ticket(.open, assignee: Self.sam), after: Self.ticket(.resolved, assignee: Self.sam),
            conversation: Self.conversation(.operator(Self.sam)), by: Self.sam, resolvedMessage: "Done!")
        #expect(change.speaker == .ai)
        #expect(change.event?.kind == .released)
        #expect(change.event?.from == "Sam")
        #expect(change.notice == "Done!")
    }

    @Test func resolvingTellsALiveCustomerEvenWhenNobodyHeldTheChatButNotAnEmailOne() {
        let waiting = LiveChat.afterTicketChange(
            before: Self.ticket(.open, assignee: nil), after: Self.ticket(.resolved, assignee: nil),
            conversation: Self.conversation(.ai), by: Self.sam, resolvedMessage: "Done!")
        #expect(waiting == LiveChat.ChatAfterChange(speaker: nil, event: nil, notice: "Done!"))
        let email = LiveChat.afterTicketChange(
            before: Self.ticket(.open, assignee: nil), after: Self.ticket(.resolved, assignee: nil),
            conversation: Self.conversation(.ai, channel: .email), by: Self.sam, resolvedMessage: "Done!")
        #expect(email == .unchanged)
    }

    @Test func assigningAHeldChatHandsItToTheAssigneeOnly() {
        let handed = LiveChat.afterTicketChange(
            before: Self.ticket(.open, assignee: Self.sam), after: Self.ticket(.open, assignee: Self.riley),
            conversation: Self.conversation(.operator(Self.sam)), by: Self.sam, resolvedMessage: "")
        #expect(handed.speaker == .operator(Self.riley))
        #expect(handed.event?.kind == .takenOver)
        #expect(handed.event?.actor == Self.riley)
        // Unassigning, or a change that leaves the holder assigned, leaves the chat where it is.
        for after in [Self.ticket(.open, assignee: nil), Self.ticket(.pending, assignee: Self.sam)] {
            let change = LiveChat.afterTicketChange(
                before: Self.ticket(.open, assignee: Self.sam), after: after,
                conversation: Self.conversation(.operator(Self.sam)), by: Self.sam, resolvedMessage: "")
            #expect(change == .unchanged)
        }
    }
}
