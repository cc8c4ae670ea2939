/// Who may speak on a live conversation, as pure rules: taking over from the
/// AI, handing back, and a customer writing again on a resolved ticket. Each
/// returns what the store writes in one transaction, or throws why not.
public enum LiveChat {
    /// What a take-over writes.
    public struct TakeoverPlan: Sendable, Equatable {
        /// The member already holds the chat: nothing to write.
        public var alreadyHeld: Bool
        /// The ticket had no assignee: assign it to the member, for this reason.
        public var assignmentReason: String?
        /// The `takenOver` event.
        public var event: TicketEvent
        /// The connected label the customer is shown, if any.
        public var notice: String?
    }

    /// Decides a take-over of `ticket`'s chat by `member`.
    ///
    /// Only a live channel has a chat to take over; a resolved ticket is
    /// reopened first; a chat another operator holds stays theirs.
    public static func takeOver(
        ticket: Ticket, conversation: Conversation, by member: MemberRef, connectedLabel: String?
    ) throws(HelpDeskError) -> TakeoverPlan {
        guard conversation.channel.isLive else {
            throw .unprocessable(
                "ticket \(ticket.number) came by \(conversation.channel.rawValue); there is no live chat to take over — reply by email"
            )
        }
        guard ticket.status != .resolved else {
            throw .conflict("ticket \(ticket.number) is resolved; reopen it before taking over the chat")
        }
        let event = TicketEvent(kind: .takenOver, actor: member)
        if case .operator(let holder) = conversation.speaker {
            if holder.id == member.id {
                return TakeoverPlan(alreadyHeld: true, assignmentReason: nil, event: event, notice: nil)
            }
            throw .conflict("\(holder.displayName) has already taken over this chat")
        }
        return TakeoverPlan(
            alreadyHeld: false,
            assignmentReason: ticket.assignee == nil ? "\(member.displayName) took over the chat" : nil,
            event: event, notice: connectedLabel)
    }

    /// Decides handing a chat back to the AI: the `released` event. Only the
    /// holder, or someone who may override (owners and managers), releases.
    public static func release(conversation: Conversation, by member: MemberRef, mayOverride: Bool)
        throws(HelpDeskError) -> TicketEvent
    {
        guard case .operator(let holder) = conversation.speaker else {
            throw .conflict("nobody has taken over this chat; the AI is already answering")
        }
        guard holder.id == member.id || mayOverride else {
            throw .conflict("\(holder.displayName) holds this chat; only they or a manager can release it")
        }
        return TicketEvent(kind: .released, actor: member, from: holder.displayName)
    }

    /// What a change to a ticket does to its live chat.
    public struct ChatAfterChange: Sendable, Equatable {
        /// Who may speak from now on; nil when unchanged.
        public var speaker: Speaker?
        /// The timeline event that records it.
        public var event: TicketEvent?
        /// What the customer is shown, on a live channel.
        public var notice: String?

        public static let unchanged = ChatAfterChange(speaker: nil, event: nil, notice: nil)
    }

    /// Decides what a ticket change (`before` → `after`, by `actor`) does to
    /// the chat, so that a live chat always has someone who can answer it:
    ///
    /// - **Resolving** ends the live chat: a person who held it lets go, the
    ///   AI answers the customer's next message, and on a live channel the
    ///   customer is told (`resolvedMessage`).
    /// - **Assigning** a chat someone holds to another member hands the chat
    ///   to the new assignee, who can answer at once.
    public static func afterTicketChange(
        before: Ticket, after: Ticket, conversation: Conversation, by actor: MemberRef?, resolvedMessage: String
    ) -> ChatAfterChange {
        if after.status == .resolved, before.status != .resolved {
            var change = ChatAfterChange.unchanged
            if case .operator(let holder) = conversation.speaker {
                change.speaker = .ai
                change.event = TicketEvent(
                    kind: .released, actor: actor, from: holder.displayName,
                    detail: "the ticket was resolved; the AI answers again")
            }
            if conversation.channel.isLive { change.notice = resolvedMessage }
            return change
        }
        if case .operator(let holder) = conversation.speaker, after.status != .resolved,
            let assignee = after.assignee, assignee.id != holder.id, before.assignee?.id != assignee.id
        {
            return ChatAfterChange(
                speaker: .operator(assignee),
                event: TicketEvent(
                    kind: .takenOver, actor: assignee, from: holder.displayName,
                    detail: "the chat went with the assignment"),
                notice: nil)
        }
        return .unchanged
    }

    /// A customer wrote on a conversation whose newest ticket is `latest`: a
    /// resolved ticket reopens (the ticket as it becomes, and the event); nil
    /// when there is nothing to reopen.
    public static func customerWrote(latest: Ticket?, at now: Timestamp) -> (ticket: Ticket, event: TicketEvent)? {
        guard var ticket = latest, ticket.status == .resolved else { return nil }
        let event = TicketEvent(
            kind: .reopened, from: ticket.status.rawValue, to: TicketStatus.open.rawValue,
            detail: "the customer wrote again")
        ticket.status = .open
        ticket.resolvedAt = nil
        ticket.lastActivityAt = max(now, ticket.lastActivityAt)
        return (ticket, event)
    }
}
