import HelpDeskCore
import HelpDeskStore

/// Reads for the live feeds, the pages and readiness: each one a verb, so the
/// server never reaches the store itself.
extension HelpDesk {
    /// Answers once the database is reachable and migrated.
    /// Signals the other instances sharing the database send (presence and typing, see `SignalFeed`).
    public func instanceSignals() -> AsyncStream<String> { store.signals.subscribe() }

    /// Tells every other instance sharing the database; nothing when there is none.
    public func broadcastSignal(_ text: String) async { await store.broadcastSignal(text) }

    public func checkReady() async throws {
        try await store.ping()
    }

    /// Wake-ups for a team's new timeline entries and delivery changes (what the operator feeds
    /// send), and for the changes that may end a session or access in it. Subscribe before
    /// reading, so nothing falls in between.
    public func teamFeedWakeups(teamID: String) -> any AsyncSequence<Set<ChangeTopic>, Never> & Sendable {
        store.changes.subscribe([.team(teamID), .teamSetup(teamID), .access(teamID)])
    }

    /// Wake-ups for a visitor's widget: new messages and who may speak in the
    /// conversation, and changes to the team's setup that the widget shows.
    public func visitorWakeups(_ conversation: Conversation) -> some AsyncSequence<Set<ChangeTopic>, Never> & Sendable {
        store.changes.subscribe([.conversation(conversation.id), .teamSetup(conversation.teamID)])
    }

    /// Wakes the widgets of a conversation as a write would (a clock-driven
    /// change such as business hours opening, which no write announces).
    public func wakeVisitors(_ conversation: Conversation) {
        store.changes.publish([.conversation(conversation.id)])
    }

    /// The newest timeline entry id of the caller's team: where a live feed that
    /// starts now begins. Read it before rendering a page, so nothing written
    /// between the page and the feed is missed.
    public func liveCursor(_ caller: Caller) async throws -> Int64 {
        try await store.latestEntryID(teamID: caller.team.id)
    }

    /// The newest delivery change of the caller's team: where a live feed's
    /// delivery updates start when the page was rendered now.
    public func liveDeliveryCursor(_ caller: Caller) async throws -> Int64 {
        try await store.latestDeliveryChangeID(teamID: caller.team.id)
    }

    /// Changes of messages' delivery states after `after`, each with the message and its ticket as they are now.
    public func liveDeliveryChanges(_ caller: Caller, after: Int64, limit: Int) async throws -> [(
        id: Int64, entry: TimelineEntry, ticket: Ticket
    )] {
        try await store.deliveryChanges(teamID: caller.team.id, after: after, limit: limit)
    }

    /// The caller's team's timeline entries after `after`, oldest first, each
    /// with its ticket as it is now.
    public func liveEntries(_ caller: Caller, after: Int64, limit: Int) async throws -> [(
        entry: TimelineEntry, ticket: Ticket
    )] {
        try await store.liveEntries(teamID: caller.team.id, after: after, limit: limit)
    }

    /// The conversation behind a ticket: its channel and who may speak now.
    public func conversation(_ caller: Caller, ticket: Ticket) async throws -> Conversation {
        try caller.requireHelpDesk()
        guard let conversation = try await store.conversation(id: ticket.conversationID, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no ticket \(ticket.number) in this team")
        }
        return conversation
    }

    /// A visitor's conversation as it is now (who may speak changes while the
    /// widget is open); nil when it no longer exists.
    public func currentConversation(_ conversation: Conversation) async throws -> Conversation? {
        try await store.conversation(id: conversation.id, teamID: conversation.teamID)
    }

    /// Whether a browser page at `origin` may call the widget API of a channel
    /// (CORS); false for an unknown channel.
    public func widgetAllows(origin: String, channelID: String) async throws -> Bool {
        guard let channel = try await store.channel(id: channelID) else { return false }
        return channel.configuration.allows(origin: origin)
    }
}
