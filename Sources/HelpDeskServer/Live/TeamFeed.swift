import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Logging
import Synchronization

/// What every operator live feed of one team sends, read once per change and handed to all of them.
///
/// Every event of the team goes to every operator feed of the team (the feed is team-wide), so
/// one reader serves them all: it is woken by the team's new entries, reads what is new after its
/// own cursors, encodes each event once and yields the same bytes to every feed that has joined
/// it. It keeps the newest `capacity` events of each kind, so a feed joins with its cursors when
/// they are no older than that (it is sent what it has not seen of them); a feed further behind
/// (a reconnect with an old `?after=`) reads on its own first, then joins. A change that may end a
/// session or access (a sign-out, a role, a plan) makes it check every joined feed first and drop
/// those that no longer stand, so no event of that change reaches them.
actor TeamFeed {
    struct Event: Sendable {
        let id: Int64
        let text: String
    }

    /// What one read found: entries and delivery changes after the given cursors, encoded, oldest first.
    typealias Read =
        @Sendable (_ afterEntry: Int64, _ afterDelivery: Int64) async throws -> (
            entries: [Event], deliveries: [Event]
        )
    /// The newest entry and delivery-change ids: where the kept events start.
    typealias Heads = @Sendable () async throws -> (entry: Int64, delivery: Int64)
    /// Wake-ups for the team's new entries and delivery changes, and for the changes that may end a
    /// session or access in it.
    typealias Wakeups = @Sendable () -> any AsyncSequence<Set<ChangeTopic>, Never> & Sendable

    static let capacity = 256

    let teamID: String
    private let read: Read
    private let heads: Heads
    private let wakeups: Wakeups
    private let logger: Logger

    private struct Member {
        let outgoing: AsyncStream<String>.Continuation
        var entry: Int64
        var delivery: Int64
        /// Whether the feed's session still stands, and how to end the feed when it does not.
        let allowed: @Sendable () async -> Bool
        let end: @Sendable () async -> Void
    }
    private var members: [Int: Member] = [:]
    private var entries: [Event] = []
    private var deliveries: [Event] = []
    /// Every event after these ids is kept (once started).
    private var entryFloor: Int64 = 0
    private var deliveryFloor: Int64 = 0
    /// The newest ids read.
    private var entryHead: Int64 = 0
    private var deliveryHead: Int64 = 0
    private var starting: Task<Void, any Error>?
    private var pump: Task<Void, Never>?
    private var stopped = false

    init(teamID: String, read: @escaping Read, heads: @escaping Heads, wakeups: @escaping Wakeups, logger: Logger) {
        self.teamID = teamID
        self.read = read
        self.heads = heads
        self.wakeups = wakeups
        self.logger = logger
    }

    /// Adds a feed at its cursors: sends it the kept events after them, then every new one. False
    /// (and nothing sent) when a cursor is older than the kept events: the feed reads on its own
    /// and joins again.
    func join(
        _ id: Int, outgoing: AsyncStream<String>.Continuation, afterEntry: Int64, afterDelivery: Int64,
        allowed: @escaping @Sendable () async -> Bool, end: @escaping @Sendable () async -> Void
    ) async throws -> Bool {
        try await start()
        guard afterEntry >= entryFloor, afterDelivery >= deliveryFloor else { return false }
        var member = Member(
            outgoing: outgoing, entry: afterEntry, delivery: afterDelivery, allowed: allowed, end: end)
        Self.send(deliveries: deliveries, entries: entries, to: &member)
        members[id] = member
        return true
    }

    func leave(_ id: Int) {
        members[id] = nil
    }

    /// Stops reading (the team's last feed closed).
    func stop() {
        stopped = true
        pump?.cancel()
        members = [:]
    }

    /// Subscribes to the team's wake-ups, then reads where the kept events start: once.
    private func start() async throws {
        if let starting { return try await starting.value }
        let task = Task {
            let woken = wakeups()
            let now = try await heads()
            (entryHead, deliveryHead) = (now.entry, now.delivery)
            (entryFloor, deliveryFloor) = (now.entry, now.delivery)
            if !stopped { pump = Task { for await topics in woken { await changed(topics) } } }
        }
        starting = task
        do { try await task.value } catch {
            starting = nil
            throw error
        }
    }

    /// Drops the feeds whose session no longer stands when the change may have ended one, then
    /// sends what is new.
    private func changed(_ topics: Set<ChangeTopic>) async {
        if topics.contains(where: { if case .team = $0 { false } else { true } }) {
            for (id, member) in members where !(await member.allowed()) {
                members[id] = nil
                await member.end()
            }
        }
        if topics.contains(.team(teamID)) { await readNew() }
    }

    private func readNew() async {
        let new: (entries: [Event], deliveries: [Event])
        do { new = try await read(entryHead, deliveryHead) } catch {
            // The next change reads again from the same place.
            logger.warning("live feed query failed", metadata: ["error": "\(error)"])
            return
        }
        TeamFeed.reads.withLock { $0[teamID, default: 0] += 1 }
        guard !new.entries.isEmpty || !new.deliveries.isEmpty else { return }
        entries += new.entries
        deliveries += new.deliveries
        entryHead = new.entries.last?.id ?? entryHead
        deliveryHead = new.deliveries.last?.id ?? deliveryHead
        for (id, var member) in members {
            Self.send(deliveries: new.deliveries, entries: new.entries, to: &member)
            members[id] = member
        }
        if entries.count > Self.capacity {
            let dropped = entries.count - Self.capacity
            entryFloor = entries[dropped - 1].id
            entries.removeFirst(dropped)
        }
        if deliveries.count > Self.capacity {
            let dropped = deliveries.count - Self.capacity
            deliveryFloor = deliveries[dropped - 1].id
            deliveries.removeFirst(dropped)
        }
    }

    /// Sends a member the events after its cursors (delivery changes first, as a feed reading on its own does).
    private static func send(deliveries: [Event], entries: [Event], to member: inout Member) {
        for event in after(member.delivery, in: deliveries) {
            member.outgoing.yield(event.text)
            member.delivery = event.id
        }
        for event in after(member.entry, in: entries) {
            member.outgoing.yield(event.text)
            member.entry = event.id
        }
    }

    /// The events with ids above `cursor` (ids ascend).
    static func after(_ cursor: Int64, in events: [Event]) -> ArraySlice<Event> {
        var low = 0
        var high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[middle].id <= cursor { low = middle + 1 } else { high = middle }
        }
        return events[low...]
    }

    /// How many reads each team's feed has made: what a change costs the team's open feeds
    /// together, which should be one read however many there are.
    static let reads = Mutex<[String: Int]>([:])
}

/// The open `TeamFeed`s by team: one while any operator feed of the team is open.
final class TeamFeeds: Sendable {
    private let feeds = Mutex<(open: [String: (feed: TeamFeed, sockets: Int)], next: Int)>(([:], 0))

    /// The team's feed for one more socket (made with `make` when it is the first) and the
    /// socket's id in it; `close` when the socket ends.
    func open(teamID: String, make: () -> TeamFeed) -> (feed: TeamFeed, id: Int) {
        feeds.withLock { state in
            state.next += 1
            if let open = state.open[teamID] {
                state.open[teamID] = (open.feed, open.sockets + 1)
                return (open.feed, state.next)
            }
            let feed = make()
            state.open[teamID] = (feed, 1)
            return (feed, state.next)
        }
    }

    /// One socket of the team fewer (it left its feed); the feed stops with the last.
    func close(teamID: String) {
        let last: TeamFeed? = feeds.withLock { state in
            guard let open = state.open[teamID] else { return nil }
            if open.sockets > 1 {
                state.open[teamID] = (open.feed, open.sockets - 1)
                return nil
            }
            state.open[teamID] = nil
            return open.feed
        }
        if let last { Task { await last.stop() } }
    }
}
