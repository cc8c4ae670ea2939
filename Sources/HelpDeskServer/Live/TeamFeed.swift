import HelpDeskCore
import HelpDeskService
import Synchronization

/// What every operator live feed of one team sends, read once per change for all of them.
///
/// A change wakes each open feed of the team; without this, each one read the entries after its
/// own cursor and encoded its own copy (two queries and an encoding per socket per change). The
/// feeds of a team share one `TeamFeed` instead: the first wake-up starts one read of what is new,
/// those that arrive while it runs share the next one, and each feed then sends the events after
/// its own cursor from the encoded events the feed keeps (the newest `capacity` of each kind).
/// A feed whose cursor is older than what is kept (a reconnect with an old `?after=`) reads on its
/// own, as before, until it has caught up.
///
/// Every event of the team goes to every operator feed of the team (the feed is team-wide), so the
/// same bytes serve them all.
actor TeamFeed {
    struct Event: Sendable {
        let id: Int64
        let text: String
    }

    /// What one read found: delivery changes and entries after the given cursors, encoded, oldest first.
    typealias Read =
        @Sendable (_ afterEntry: Int64, _ afterDelivery: Int64) async throws -> (
            entries: [Event], deliveries: [Event]
        )
    /// The newest entry and delivery-change ids: where the kept events start.
    typealias Heads = @Sendable () async throws -> (entry: Int64, delivery: Int64)

    static let capacity = 256

    let teamID: String
    private let read: Read
    private let heads: Heads
    private var entries: [Event] = []
    private var deliveries: [Event] = []
    /// Every event after these ids is kept (nil until the first read).
    private var entryFloor: Int64?
    private var deliveryFloor: Int64?
    /// The newest ids read.
    private var entryHead: Int64 = 0
    private var deliveryHead: Int64 = 0

    /// Reads wanted (one per call of `events`) and reads done: a read serves every call made before it began.
    private var requested = 0
    private var served = 0
    private var waiting: [(ticket: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var reading = false

    init(teamID: String, read: @escaping Read, heads: @escaping Heads) {
        self.teamID = teamID
        self.read = read
        self.heads = heads
    }

    /// The events after the cursors, from a read that began after this call (so it sees every
    /// change whose wake-up came before it); nil when a cursor is older than what is kept.
    func events(afterEntry: Int64, afterDelivery: Int64) async throws -> (deliveries: [Event], entries: [Event])? {
        requested += 1
        let ticket = requested
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((ticket, continuation))
            if !reading {
                reading = true
                Task { await self.readUntilServed() }
            }
        }
        guard let entryFloor, let deliveryFloor, afterEntry >= entryFloor, afterDelivery >= deliveryFloor else {
            return nil
        }
        return (Self.after(afterDelivery, in: deliveries), Self.after(afterEntry, in: entries))
    }

    private func readUntilServed() async {
        while served < requested {
            let target = requested
            var failure: (any Error)?
            do { try await readNew() } catch { failure = error }
            served = target
            let done = waiting.filter { $0.ticket <= target }
            waiting.removeAll { $0.ticket <= target }
            for waiter in done {
                if let failure { waiter.continuation.resume(throwing: failure) } else { waiter.continuation.resume() }
            }
        }
        reading = false
    }

    private func readNew() async throws {
        if entryFloor == nil || deliveryFloor == nil {
            let now = try await heads()
            (entryHead, deliveryHead) = (now.entry, now.delivery)
            (entryFloor, deliveryFloor) = (now.entry, now.delivery)
            return
        }
        let new = try await read(entryHead, deliveryHead)
        TeamFeed.reads.withLock { $0[teamID, default: 0] += 1 }
        entries += new.entries
        deliveries += new.deliveries
        entryHead = new.entries.last?.id ?? entryHead
        deliveryHead = new.deliveries.last?.id ?? deliveryHead
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

    /// The events with ids above `cursor` (ids ascend).
    static func after(_ cursor: Int64, in events: [Event]) -> [Event] {
        var low = 0
        var high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[middle].id <= cursor { low = middle + 1 } else { high = middle }
        }
        return Array(events[low...])
    }

    /// How many shared reads each team's feed has made: what a change costs the team's open feeds
    /// together, which should be one read however many there are.
    static let reads = Mutex<[String: Int]>([:])
}

/// The open `TeamFeed`s by team: one while any operator feed of the team is open.
final class TeamFeeds: Sendable {
    private let feeds = Mutex<[String: (feed: TeamFeed, sockets: Int)]>([:])

    /// The team's feed for one more socket (made with `make` when it is the first); `close` when it ends.
    func open(teamID: String, make: () -> TeamFeed) -> TeamFeed {
        feeds.withLock { feeds in
            if let open = feeds[teamID] {
                feeds[teamID] = (open.feed, open.sockets + 1)
                return open.feed
            }
            let feed = make()
            feeds[teamID] = (feed, 1)
            return feed
        }
    }

    func close(teamID: String) {
        feeds.withLock { feeds in
            guard let open = feeds[teamID] else { return }
            feeds[teamID] = open.sockets > 1 ? (open.feed, open.sockets - 1) : nil
        }
    }
}
