import Foundation
import HelpDeskCore

/// Persistence for the help desk, behind one protocol so that the embedded
/// SQLite store and a PostgreSQL store are interchangeable. Every method is one
/// transaction; every query is scoped by team. A method that changes configuration
/// takes an `AuditTrail` and writes its entries in that transaction.
public protocol Store: ConversationStore, ChatChannelStore, EmailStore, LeaseStore, LimitStore, AuditStore, WebhookStore
{
    /// Answers once the database is reachable and migrated (readiness).
    func ping() async throws
    /// Wakes live feeds after each committed change they show (see `ChangeTopic`).
    var changes: ChangeFeed { get }
    /// Signals the other processes sharing this database sent (`broadcastSignal`).
    var signals: SignalFeed { get }
    /// Sends a short signal (at most 7,000 bytes of UTF-8) to every other process sharing this
    /// database; never stored, and nothing happens when no other process can share it (SQLite).
    func broadcastSignal(_ text: String) async
    /// What the AI needs to answer a conversation it owes an answer, read at once: the newest message
    /// owed, the conversation, its agent and its last `historyLimit` messages. Nil when nothing is owed.
    func owedAnswer(conversationID: String, teamID: String, historyLimit: Int) async throws -> OwedAnswer?

    // MARK: Teams
    func createTeam(name: String, plan: Plan, now: Timestamp) async throws -> Team
    func team(id: String) async throws -> Team?
    /// Changes the plan; nil when there is no such team.
    func setPlan(teamID: String, plan: Plan, audit: AuditTrail<(before: Team, after: Team)>) async throws
        -> Team?
    func settings(teamID: String) async throws -> TeamSettings
    /// What the SLA clocks of these tickets (of one team) depend on, read from
    /// their timelines in one statement: the first operator message and every
    /// status change, per ticket id (every ticket has an entry).
    func slaFacts(teamID: String, tickets: [Ticket]) async throws -> [Int64: SLAFacts]
    /// Tickets whose tracked SLA clocks (`SLATracked`) are stale: changed since last computed
    /// (their status, priority or first reply, or the team's policy or calendar), or written
    /// without them (a bulk load, resolved ones too: saving them clears them). In
    /// `teamID`, or in any team when nil; at most `limit`.
    func staleSLATickets(teamID: String?, limit: Int) async throws -> [SLAWork]
    /// Tickets whose next SLA check (`SLATracked.nextCheckAt`) is at or before `now`, soonest
    /// first; at most `limit`.
    func slaChecksDue(now: Timestamp, limit: Int) async throws -> [SLAWork]
    /// Saves each computed state whose ticket is still at the version and the announcements it
    /// was computed from (otherwise it changed, or another process saved first), with its events on the ticket's timeline
    /// in the same transaction, so an event is written once however many processes compute it.
    /// Returns how many were saved.
    func saveSLA(_ updates: [SLAUpdate], now: Timestamp) async throws -> Int
    func updateSettings(
        teamID: String, _ settings: TeamSettings, audit: AuditTrail<(before: TeamSettings, after: TeamSettings)>
    ) async throws
        -> TeamSettings
    /// The team's copilot settings (the built-in interpreter when never set), the API key opened.
    func copilotSettings(teamID: String) async throws -> CopilotSettings
    /// Replaces the team's copilot settings; the API key is sealed at rest.
    func saveCopilotSettings(teamID: String, _ settings: CopilotSettings, audit: AuditTrail<Void>) async throws

    // MARK: Members and sessions
    /// Throws `HelpDeskError.conflict` when the email is already taken.
    func createMember(_ member: NewMember, now: Timestamp, audit: AuditTrail<Member>) async throws -> Member
    func member(id: String, teamID: String) async throws -> Member?
    func credentials(email: String) async throws -> (member: Member, passwordHash: String)?
    func members(teamID: String) async throws -> [MemberSummary]
    /// Applies a profile/role/availability change; nil when not found in the team.
    func updateMember(
        id: String, teamID: String, _ change: MemberChange, now: Timestamp,
        audit: AuditTrail<(before: Member, after: Member)>
    ) async throws -> Member?
    func createSession(_ session: Session) async throws
    func session(tokenHash: String, now: Timestamp) async throws -> (session: Session, caller: Caller)?
    func deleteSession(tokenHash: String) async throws
    /// Replaces a member's password hash and ends every other session of theirs
    /// (all of them when `tokenHash` is nil); throws `notFound` when not in the team.
    func setPassword(
        memberID: String, teamID: String, passwordHash: String, keepingSession tokenHash: String?,
        audit: AuditTrail<Void>
    ) async throws
    /// Ends every session of a member.
    func deleteSessions(memberID: String) async throws
    /// Removes a member: their sessions end, they no longer sign in, appear in
    /// lists or receive tickets; chats they held go back to the AI and their
    /// unresolved tickets are routed again. False when not in the team.
    func removeMember(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool

    // MARK: Tickets
    /// Creates a ticket with the next number, its conversation (when new), the
    /// `created` event, and routes it by the team's assignment method.
    func createTicket(_ ticket: NewTicket, now: Timestamp) async throws -> Ticket
    func ticket(teamID: String, number: Int) async throws -> Ticket?
    /// Applies a member's change; throws `notFound` when there is no such ticket.
    func updateTicket(teamID: String, number: Int, _ change: TicketUpdate, now: Timestamp) async throws -> Ticket
    func inbox(teamID: String, callerID: String, query: InboxQuery) async throws -> InboxPage
    /// The copilot's read: a team's tickets matching `filter`, most recent activity first.
    func copilotTickets(teamID: String, filter: CopilotFilter, limit: Int) async throws -> [Ticket]
    /// How many of a team's tickets match `filter`, in all or per `groupBy` value (nil for none), largest first.
    func copilotCount(teamID: String, filter: CopilotFilter, groupBy: CopilotFilter.GroupBy?) async throws
        -> [(key: String?, count: Int)]
    /// The ticket's timeline in order; throws `notFound` when there is no such ticket.
    /// A ticket's timeline: its `created` event first, then every other entry
    /// in order. With `after`, only the entries after that id and never the
    /// `created` event (the first page had it); at most `limit` (nil: all).
    func timeline(teamID: String, number: Int, after: Int64?, limit: Int?) async throws -> [TimelineEntry]
    /// The requester's other tickets in the team, most recent activity first: those of the
    /// same conversation and those with the same email address, and the unresolved ones with
    /// the same phone number (`Requester.phoneDigits`) or, when the ticket has no email, the
    /// same handle on the same channel.
    func otherTickets(of ticket: Ticket, limit: Int) async throws -> [Ticket]
    /// An internal note on a ticket, with the ids of the members it @mentions, carrying the author's
    /// unsent uploads `attachmentIDs` (see `AttachmentPolicy.checkSendable`; refused with nothing written).
    func addNote(
        teamID: String, number: Int, author: MemberRef, body: String, mentions: [String], attachmentIDs: [String],
        now: Timestamp
    ) async throws -> TimelineEntry
    /// Appends a message to a conversation (and bumps its ticket's activity).
    func addMessage(_ message: NewMessage, now: Timestamp) async throws -> TimelineEntry

    // MARK: Attachments
    /// Stores an unsent upload, first purging every unsent upload older than
    /// `AttachmentPolicy.unsentLifetimeSeconds`. Throws `notFound` when the team
    /// has no such ticket or conversation, `conflict` when the uploader already
    /// keeps `AttachmentPolicy.maxUnsentPerUploader` unsent uploads there.
    func createAttachment(_ upload: NewAttachment, now: Timestamp) async throws -> Attachment
    /// An attachment's facts without its bytes; nil when the team has no such attachment.
    func attachment(id: String, teamID: String) async throws -> StoredAttachment?
    /// An attachment's bytes; nil when the team has no such attachment.
    func attachmentData(id: String, teamID: String) async throws -> Data?

    // MARK: Canned replies
    /// The team's canned replies ordered by title, ignoring ASCII case (then by title and id).
    func cannedReplies(teamID: String) async throws -> [CannedReply]
    func cannedReply(id: String, teamID: String) async throws -> CannedReply?
    /// Stores a new canned reply; throws `HelpDeskError.conflict` when the team
    /// already has one with that title, ignoring ASCII case.
    func createCannedReply(_ reply: CannedReply, audit: AuditTrail<Void>) async throws
    /// Replaces a canned reply's title and body and sets `updatedAt`; nil when
    /// not found in the team; `conflict` when another of the team's replies has the title.
    func updateCannedReply(
        id: String, teamID: String, title: String, body: String, now: Timestamp,
        audit: AuditTrail<(before: CannedReply, after: CannedReply)>
    ) async throws -> CannedReply?
    /// Deletes a canned reply; false when not found in the team.
    func deleteCannedReply(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool

    // MARK: Tags
    // Names arrive in their stored form (`TicketTag.key`) and are compared by equality.
    /// The team's tags in `TicketTag.sorted` order of their names.
    func tags(teamID: String) async throws -> [TicketTag]
    /// Stores a new tag; `conflict` when the team has one by that name, `unprocessable` when it
    /// already keeps `TicketTag.teamLimit`.
    func createTag(_ tag: TicketTag, audit: AuditTrail<Void>) async throws
    /// Changes a tag's colour and sets `updatedAt`; nil when the team has no such tag.
    func updateTag(
        teamID: String, name: String, color: String, now: Timestamp,
        audit: AuditTrail<(before: TicketTag, after: TicketTag)>
    ) async throws -> TicketTag?
    /// Deletes a tag and takes it off every ticket of the team (no timeline events: the tag is
    /// gone, not taken off one ticket by someone); false when the team has no such tag.
    func deleteTag(teamID: String, name: String, audit: AuditTrail<Void>) async throws -> Bool
    /// Puts a tag on a ticket by `Tagging.adding`: creates the team's tag with `TicketTag.defaultColor`
    /// when it has none by that name, and writes a `tagAdded` event; a tag the ticket has
    /// already changes nothing. Never touches the ticket's last activity. Throws `notFound`
    /// when there is no such ticket. Returns the ticket with its tags.
    func tagTicket(
        teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp,
        audit: AuditTrail<TicketTag>
    ) async throws -> Ticket
    /// Takes a tag off a ticket with a `tagRemoved` event; a tag the ticket lacks changes nothing.
    /// Throws `notFound` when there is no such ticket. Returns the ticket with its tags.
    func untagTicket(teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp) async throws
        -> Ticket

    // MARK: Tag suggestions (made at handoff by `TagSuggester`)

    /// Records `names` (tags of the team) as suggestions on ticket `ticketID`, not applied; a name
    /// already suggested on it is skipped.
    func suggestTags(teamID: String, ticketID: Int64, names: [String], now: Timestamp) async throws
    /// The ticket's open suggestions, by name: neither accepted nor rejected, of tags the team still
    /// has and the ticket does not carry. Throws `notFound` when there is no such ticket.
    func tagSuggestions(teamID: String, number: Int) async throws -> [String]
    /// Accepts (putting the tag on the ticket as `tagTicket` does, in the same transaction) or
    /// rejects an open suggestion. Throws `notFound` when the ticket has no open suggestion of
    /// that name (or the team no longer has the tag). Returns the ticket with its tags.
    func decideTagSuggestion(
        teamID: String, number: Int, name: String, accept: Bool, actor: MemberRef, now: Timestamp
    ) async throws -> Ticket
    /// How the team's suggestions fared.
    func tagSuggestionStats(teamID: String) async throws -> TagSuggestionStats

    // MARK: Satisfaction ratings

    /// Records a customer's rating of ticket `number` with a `csatReceived` event (the rating in
    /// `to`, the comment in `detail`), in one transaction. Throws `notFound` for a number not in
    /// the team and `conflict` when the ticket is rated already (one answer per ticket).
    /// `thanks`, when given, is queued for the outbox in the same transaction (a thank-you on the
    /// customer's chat), so it is sent once the rating is kept and never without it.
    func rateTicket(
        teamID: String, number: Int, rating: Int, comment: String?, channel: Channel, thanks: OutboxMessage?,
        now: Timestamp
    ) async throws
    /// Which of the team's tickets (by number) have a rating.
    func ratedTickets(teamID: String, numbers: [Int]) async throws -> Set<Int>
    /// Whether the customer was asked to rate ticket `number` on their channel: a `csat.*`
    /// outbox entry about it was sent (a thank-you, which carries a body, does not count).
    func csatAsked(teamID: String, number: Int) async throws -> Bool

    // MARK: Reports

    /// What a report over [`start`, `end`) counts, matching `filter`: the AI conversations
    /// (with an agent) that started in it, each with its first escalated ticket's creation and
    /// handoff summary and its AI and operator messages; and the tickets created before `end`
    /// that were created in it, are unresolved now, or had activity since `start`, each with
    /// the timeline entries `ReportTicket.record` reads, in order.
    func reportFacts(teamID: String, start: Timestamp, end: Timestamp, filter: ReportFilter) async throws
        -> ReportFacts

    // Merges: `TicketMerge` decides, the store records the merge for its undo.

    /// Merges ticket `number` into ticket `into` (`TicketMerge.merge`): the source becomes
    /// `merged`, an event goes on each, and the target's timeline shows the source's entries
    /// (marked `mergedFrom`). Throws `notFound` for a number not in the team, `conflict` for a
    /// refused merge. Returns both tickets after.
    func mergeTicket(teamID: String, number: Int, into: Int, actor: MemberRef, now: Timestamp) async throws
        -> MergedTickets
    /// Undoes the standing merge of ticket `number` (`TicketMerge.undo`): the source gets its
    /// status back, an `unmerged` event goes on each. Throws `notFound` or `conflict`.
    func unmergeTicket(teamID: String, number: Int, actor: MemberRef, now: Timestamp) async throws -> MergedTickets
}

/// The two tickets of a merge, after it (or its undo).
public struct MergedTickets: Sendable, Equatable {
    public var source: Ticket
    public var target: Ticket

    public init(source: Ticket, target: Ticket) {
        self.source = source
        self.target = target
    }
}

/// A member to create.
public struct NewMember: Sendable {
    public var teamID: String
    public var email: String
    public var passwordHash: String
    public var role: Role
    public var displayName: String
    public var sendingEmail: String?
    public var signature: String?
    public var availability: Availability

    public init(
        teamID: String, email: String, passwordHash: String, role: Role, displayName: String,
        sendingEmail: String? = nil, signature: String? = nil, availability: Availability = .offline
    ) {
        self.teamID = teamID
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.displayName = displayName
        self.sendingEmail = sendingEmail
        self.signature = signature
        self.availability = availability
    }
}

/// A change to a member: each nil field stays as it is. For the optional
/// profile texts, `.some(nil)` clears the field.
public struct MemberChange: Sendable {
    public var role: Role?
    public var displayName: String?
    public var sendingEmail: String??
    public var signature: String??
    public var availability: Availability?

    public init(
        role: Role? = nil, displayName: String? = nil, sendingEmail: String?? = nil, signature: String?? = nil,
        availability: Availability? = nil
    ) {
        self.role = role
        self.displayName = displayName
        self.sendingEmail = sendingEmail
        self.signature = signature
        self.availability = availability
    }
}

/// A member with their unresolved ticket count, for the members list.
public struct MemberSummary: Sendable, Equatable {
    public var member: Member
    public var openTickets: Int
    public init(member: Member, openTickets: Int) {
        self.member = member
        self.openTickets = openTickets
    }
}

/// A signed-in session. Only a hash of its token is stored.
public struct Session: Sendable, Equatable {
    public var tokenHash: String
    public var memberID: String
    public var csrfToken: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(tokenHash: String, memberID: String, csrfToken: String, createdAt: Timestamp, expiresAt: Timestamp) {
        self.tokenHash = tokenHash
        self.memberID = memberID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A ticket to open: by hand, or by an escalation from a conversation.
public struct NewTicket: Sendable {
    public var teamID: String
    public var subject: String
    public var requester: Requester
    public var priority: Priority
    public var channel: Channel
    public var agent: AgentRef?
    /// The conversation it escalates; nil opens a new conversation.
    public var conversationID: String?
    /// The customer's first message, for a new conversation.
    public var body: String?
    /// Who opened it; nil for the system (an escalation).
    public var openedBy: MemberRef?
    /// Words for the `created` event, such as the handoff summary.
    public var detail: String?

    public init(
        teamID: String, subject: String, requester: Requester, priority: Priority, channel: Channel,
        agent: AgentRef? = nil, conversationID: String? = nil, body: String? = nil, openedBy: MemberRef? = nil,
        detail: String? = nil
    ) {
        self.teamID = teamID
        self.subject = subject
        self.requester = requester
        self.priority = priority
        self.channel = channel
        self.agent = agent
        self.conversationID = conversationID
        self.body = body
        self.openedBy = openedBy
        self.detail = detail
    }
}

/// A member's change to a ticket, before the assignee id is resolved to a member.
public enum TicketUpdate: Sendable {
    /// PATCH: `assigneeID` is `.some(nil)` to unassign.
    case patch(status: TicketStatus?, priority: Priority?, assigneeID: String??, subject: String?, actor: MemberRef)
    /// The caller assigns an unassigned ticket to themself.
    case pickUp(MemberRef)
}

/// A message to store on a conversation.
public struct NewMessage: Sendable {
    public var teamID: String
    public var conversationID: String
    public var author: MessageAuthor
    public var channel: Channel
    public var body: String
    public var delivery: Delivery?

    public init(
        teamID: String, conversationID: String, author: MessageAuthor, channel: Channel, body: String,
        delivery: Delivery? = nil
    ) {
        self.teamID = teamID
        self.conversationID = conversationID
        self.author = author
        self.channel = channel
        self.body = body
        self.delivery = delivery
    }
}

/// A file to store, unsent, for its uploader.
public struct NewAttachment: Sendable {
    /// Where an upload goes and who uploads it.
    public enum Place: Sendable, Equatable {
        /// A member's upload on a ticket, for their reply or note there.
        case ticket(number: Int, memberID: String)
        /// The customer's upload on their conversation, for their next message.
        case conversation(id: String)
    }

    public var teamID: String
    public var place: Place
    /// Already accepted by `AttachmentPolicy.accept`.
    public var name: String
    public var contentType: String
    public var data: Data

    public init(teamID: String, place: Place, name: String, contentType: String, data: Data) {
        self.teamID = teamID
        self.place = place
        self.name = name
        self.contentType = contentType
        self.data = data
    }
}

/// A team's Help Desk settings.
public struct TeamSettings: Sendable, Equatable {
    /// When the team is open: it gates the human button and the escalation
    /// notice, and is the time SLA targets count.
    public var calendar: BusinessCalendar
    /// The team's SLA targets; ``SLAPolicy/standard`` (no targets) when it set none.
    public var sla: SLAPolicy
    public var emailNotifications: Bool
    public var assignment: AssignmentMethod
    public var supportInboxEnabled: Bool
    public var supportInboxAddress: String?
    /// Whether and how customers are asked to rate resolved tickets.
    public var csat: CSATSettings

    public init(
        calendar: BusinessCalendar = .standard, sla: SLAPolicy = .standard, emailNotifications: Bool = false,
        assignment: AssignmentMethod = .balanced, supportInboxEnabled: Bool = false, supportInboxAddress: String? = nil,
        csat: CSATSettings = .standard
    ) {
        self.calendar = calendar
        self.sla = sla
        self.csat = csat
        self.emailNotifications = emailNotifications
        self.assignment = assignment
        self.supportInboxEnabled = supportInboxEnabled
        self.supportInboxAddress = supportInboxAddress
    }

    /// Settings whose calendar is the one `businessHours` describe.
    public init(
        businessHours: BusinessHours, sla: SLAPolicy = .standard, emailNotifications: Bool = false,
        assignment: AssignmentMethod = .balanced, supportInboxEnabled: Bool = false, supportInboxAddress: String? = nil
    ) {
        self.init(
            calendar: .from(businessHours), sla: sla, emailNotifications: emailNotifications, assignment: assignment,
            supportInboxEnabled: supportInboxEnabled, supportInboxAddress: supportInboxAddress)
    }

    /// The older single-range form of ``calendar`` (see
    /// ``BusinessCalendar/businessHours``); setting it replaces the calendar
    /// with ``BusinessCalendar/from(_:)``.
    public var businessHours: BusinessHours {
        get { calendar.businessHours }
        set { calendar = .from(newValue) }
    }
}

extension Store {
    /// A note without files that mentions nobody.
    public func addNote(teamID: String, number: Int, author: MemberRef, body: String, now: Timestamp) async throws
        -> TimelineEntry
    {
        try await addNote(
            teamID: teamID, number: number, author: author, body: body, mentions: [], attachmentIDs: [], now: now)
    }

    /// A ticket's whole timeline, the `created` event first.
    /// Records a rating with no message to send back (the web widget shows its own thanks).
    public func rateTicket(
        teamID: String, number: Int, rating: Int, comment: String?, channel: Channel, now: Timestamp
    ) async throws {
        try await rateTicket(
            teamID: teamID, number: number, rating: rating, comment: comment, channel: channel, thanks: nil, now: now)
    }

    public func timeline(teamID: String, number: Int) async throws -> [TimelineEntry] {
        try await timeline(teamID: teamID, number: number, after: nil, limit: nil)
    }
}

extension ConversationStore {
    /// Every message of a conversation after an entry id, in order.
    public func messages(conversationID: String, teamID: String, after: Int64?) async throws -> [TimelineEntry] {
        try await messages(conversationID: conversationID, teamID: teamID, after: after, limit: nil)
    }
}

/// A conversation's owed answer with what answering it reads (`Store.owedAnswer`).
public struct OwedAnswer: Sendable {
    /// The newest customer message the answer covers.
    public var upTo: Int64
    public var conversation: Conversation
    /// The conversation's agent; nil when it was deleted.
    public var agent: Agent?
    /// The conversation's last messages, oldest first.
    public var history: [TimelineEntry]

    public init(upTo: Int64, conversation: Conversation, agent: Agent?, history: [TimelineEntry]) {
        self.upTo = upTo
        self.conversation = conversation
        self.agent = agent
        self.history = history
    }
}

extension Store {
    /// One read after another; a store that can read them in one transaction does so instead.
    public func owedAnswer(conversationID: String, teamID: String, historyLimit: Int) async throws -> OwedAnswer? {
        guard let upTo = try await awaitingAnswer(conversationID: conversationID, teamID: teamID),
            let conversation = try await conversation(id: conversationID, teamID: teamID)
        else { return nil }
        let agent = try await conversation.agentID.asyncFlatMap { try await self.agent(id: $0, teamID: teamID) }
        return OwedAnswer(
            upTo: upTo, conversation: conversation, agent: agent,
            history: try await recentMessages(conversationID: conversationID, teamID: teamID, limit: historyLimit))
    }
}

extension Optional {
    fileprivate func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

/// A ticket whose tracked SLA clocks are to be computed: the change count it was read at, and
/// the warnings and breaches already on its timeline.
public struct SLAWork: Sendable {
    public var ticket: Ticket
    public var version: Int64
    public var announced: SLAAnnouncements

    public init(ticket: Ticket, version: Int64, announced: SLAAnnouncements) {
        self.ticket = ticket
        self.version = version
        self.announced = announced
    }
}

/// A computed SLA state for `SLAWork`, and the events it owes the timeline. It is saved only
/// while the ticket is still at the version and the announcements the work read.
public struct SLAUpdate: Sendable {
    public var work: SLAWork
    public var tracked: SLATracked
    public var events: [TicketEvent]

    public init(work: SLAWork, tracked: SLATracked, events: [TicketEvent]) {
        self.work = work
        self.tracked = tracked
        self.events = events
    }

    public var ticket: Ticket { work.ticket }
}
