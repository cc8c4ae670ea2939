import HelpDeskCore

/// The FAQ indexes of the agents a brain answers for: one per agent, built for
/// the agent's version (`updatedAt`) and replaced when the agent changes.
///
/// **Nobody waits for another team's build.** The actor only does bookkeeping
/// (a dictionary lookup, a counter); an index is built in a task of its own,
/// outside the actor, and a lookup awaits that task after leaving the actor. A
/// lookup of an index that is ready, or building for another agent, never waits
/// for a build it did not ask for.
///
/// - **One build per version.** Concurrent lookups of one agent version share
///   one build task.
/// - **One build at a time per team.** A team's builds take turns, so an FAQ
///   rebuilt in a loop occupies at most one thread; other teams build beside it.
///   A build still waiting for its turn when a newer version of the same agent
///   is asked for is skipped: its lookups get the newer index (the agent has
///   changed since they read it, and the newer FAQ is what it now says).
/// - **Bounded.** At most `capacity` indexes in all and `perTeamCapacity` per
///   team; the least recently used goes first, the team's own when the team is
///   at its share, so one team with many agents or versions cannot push other
///   teams' indexes out beyond that share.
actor FAQIndexCache {
    /// Builds an index for an agent's FAQ; tests substitute one that can be held.
    typealias Build = @Sendable (Agent) async -> FAQIndex

    /// One slot per agent of a team.
    struct Key: Hashable, Sendable {
        var teamID: String
        var agentID: String
    }

    private struct Slot {
        var version: Timestamp
        var build: Task<FAQIndex, Never>
        var lastUse: UInt64
    }

    /// Indexes kept, all teams together.
    let capacity: Int
    /// Indexes kept for one team.
    let perTeamCapacity: Int
    private let build: Build

    private var slots: [Key: Slot] = [:]
    private var tick: UInt64 = 0
    /// Teams with a build running, and the builds of that team waiting for their turn.
    private var busyTeams: Set<String> = []
    private var turns: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// How many indexes were built (skipped builds not counted), for tests.
    private(set) var builds = 0
    /// How many lookups reached the cache, for tests.
    private(set) var lookups = 0
    /// How many indexes are kept now, for tests.
    var count: Int { slots.count }
    /// How many of a team's builds wait for their turn, for tests.
    func waitingForTurn(teamID: String) -> Int { turns[teamID]?.count ?? 0 }

    init(capacity: Int = 256, perTeamCapacity: Int = 16, build: @escaping Build = { FAQIndex($0.faq) }) {
        self.capacity = max(1, capacity)
        self.perTeamCapacity = max(1, min(perTeamCapacity, capacity))
        self.build = build
    }

    /// The index of the agent's FAQ, built when this version has none yet.
    nonisolated func index(for agent: Agent) async -> FAQIndex {
        // The wait happens here, outside the actor.
        await buildTask(for: agent).value
    }

    /// The build task for the agent's version: the existing one, or a new one.
    private func buildTask(for agent: Agent) -> Task<FAQIndex, Never> {
        lookups += 1
        tick += 1
        let key = Key(teamID: agent.teamID, agentID: agent.id)
        if var slot = slots[key], slot.version >= agent.updatedAt {
            // The same version, or a newer one than this caller read (the agent changed meanwhile).
            slot.lastUse = tick
            slots[key] = slot
            return slot.build
        }
        if slots[key] == nil { makeRoom(for: agent.teamID) }
        let task = Task.detached(priority: .utility) { [self] in
            await self.takeTurn(teamID: key.teamID)
            if let newer = await self.newerBuild(key, than: agent.updatedAt) {
                await self.endTurn(teamID: key.teamID)
                return await newer.value
            }
            let index = await self.build(agent)
            await self.builtOne(teamID: key.teamID)
            return index
        }
        slots[key] = Slot(version: agent.updatedAt, build: task, lastUse: tick)
        return task
    }

    /// Evicts the least recently used index: the team's own when it holds its
    /// share, else any team's when the cache is full.
    private func makeRoom(for teamID: String) {
        let own = slots.filter { $0.key.teamID == teamID }
        if own.count >= perTeamCapacity {
            if let oldest = own.min(by: { $0.value.lastUse < $1.value.lastUse }) { slots[oldest.key] = nil }
        } else if slots.count >= capacity {
            if let oldest = slots.min(by: { $0.value.lastUse < $1.value.lastUse }) { slots[oldest.key] = nil }
        }
    }

    /// The build of a newer version of the agent, asked for while this one waited for its turn.
    private func newerBuild(_ key: Key, than version: Timestamp) -> Task<FAQIndex, Never>? {
        guard let slot = slots[key], slot.version > version else { return nil }
        return slot.build
    }

    private func takeTurn(teamID: String) async {
        if busyTeams.insert(teamID).inserted { return }
        await withCheckedContinuation { turns[teamID, default: []].append($0) }
    }

    private func endTurn(teamID: String) {
        if var waiting = turns[teamID], !waiting.isEmpty {
            let next = waiting.removeFirst()
            turns[teamID] = waiting.isEmpty ? nil : waiting
            next.resume()  // The turn passes on; the team stays busy.
        } else {
            busyTeams.remove(teamID)
        }
    }

    private func builtOne(teamID: String) {
        builds += 1
        endTurn(teamID: teamID)
    }
}
