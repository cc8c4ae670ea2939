import HelpDeskCore
import Testing

@testable import HelpDeskAI

/// Holds the builds that pass through it until it is opened, and tells the test
/// how many are being held: the test knows for a fact that a build is in
/// progress, without measuring time.
private actor Gate {
    private var isOpen = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Builds that have reached the gate, held or not.
    private(set) var arrivals = 0

    /// Waits here until the gate opens.
    func pass() async {
        arrivals += 1
        let ready = watchers.filter { $0.count <= arrivals }
        watchers.removeAll { $0.count <= arrivals }
        for watcher in ready { watcher.continuation.resume() }
        if isOpen { return }
        await withCheckedContinuation { held.append($0) }
    }

    /// Returns once `count` builds have reached the gate.
    func awaitArrivals(_ count: Int) async {
        if arrivals >= count { return }
        await withCheckedContinuation { watchers.append((count, $0)) }
    }

    /// How many builds are held at the gate now.
    var holding: Int { held.count }

    func open() {
        isOpen = true
        for continuation in held { continuation.resume() }
        held.removeAll()
    }
}

private func agent(
    team: String, id: String, faq: [FAQEntry] = SampleFAQ.entries, version: Int64 = 1_000
) -> Agent {
    Agent(
        id: id, teamID: team, name: "Ava", instructions: "", brain: .builtin, faq: faq, supportHandover: nil,
        createdAt: Timestamp(microseconds: 1_000), updatedAt: Timestamp(microseconds: version))
}

private func request(_ message: String, agent: Agent) -> BrainRequest {
    BrainRequest(agent: agent, history: [BrainTurn(author: .customer, text: message)], previousMisses: 0)
}

/// A large FAQ: `count` entries about numbered gadgets, plus one about returns.
private func largeFAQ(_ count: Int, returnsAnswer: String) -> [FAQEntry] {
    (0..<count).map { n in
        FAQEntry(
            question: "How do I pair gadget \(n) with station \(n % 97)?", answer: "Hold its button, pick \(n % 97).")
    } + [FAQEntry(question: "How do I return an item?", answer: returnsAnswer)]
}

/// Waits until `condition` holds. A regression must fail the test, not hang it:
/// after a minute (a lookup takes milliseconds) the wait gives up with an issue.
private func waitUntil(
    _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async -> Bool
) async {
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("gave up waiting: \(what)", sourceLocation: sourceLocation)
            return
        }
        try? await Task.sleep(for: .milliseconds(1))
    }
}

/// Opens the gate if the test is still waiting a minute from now, so that a
/// lookup stuck behind a held build ends (and the test's check that the build
/// was still held fails) instead of hanging the run.
private func watchdog(_ gate: Gate) -> Task<Void, Never> {
    Task {
        guard (try? await Task.sleep(for: .seconds(60))) != nil else { return }
        await gate.open()
    }
}

private let passwordAnswer = SampleFAQ.entries[SampleFAQ.index(of: "How do I reset my password?")].answer

@Suite("FAQIndexCache")
struct FAQIndexCacheTests {
    @Test func anotherTeamsRebuildStormNeverHoldsUpALookup() async {
        let gate = Gate()
        let cache = FAQIndexCache { agent in
            if agent.teamID == "team-a" { await gate.pass() }
            return FAQIndex(agent.faq)
        }
        let brain = BuiltinBrain(indexes: cache)

        // Team A's 5,000-entry FAQ is edited again and again, each version asked for while the last builds.
        let storm = Task {
            await withTaskGroup(of: String?.self) { group in
                for version in 1...4 {
                    let edited = agent(
                        team: "team-a", id: "big", faq: largeFAQ(5_000, returnsAnswer: "Version \(version)."),
                        version: Int64(version) * 1_000)
                    group.addTask { await brain.respond(to: request("how do I return an item", agent: edited)).reply }
                    if version == 1 { await gate.awaitArrivals(1) }
                }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
        }
        await gate.awaitArrivals(1)

        // Team B's lookup, with its index not built yet, completes while A's first build is held.
        let guardian = watchdog(gate)
        let answer = await brain.respond(to: request("reset pw", agent: agent(team: "team-b", id: "small")))
        guardian.cancel()
        #expect(answer.reply == passwordAnswer)
        #expect(await gate.holding == 1, "team A's build is still in progress")
        // Every version of A has been asked for before A's first build ends.
        await waitUntil("A's four lookups") { await cache.lookups >= 5 }
        #expect(await gate.arrivals == 1, "A's later versions wait for A's turn, not for B")
        #expect(await cache.builds == 1, "only B's index is built so far")

        await gate.open()
        let replies = await storm.value
        #expect(replies.count == 4)
        // The first lookup gets the version it asked for; the ones that waited get the newest FAQ,
        // built once: the versions asked for in between were skipped.
        #expect(replies.filter { $0 == "Version 1." }.count == 1)
        #expect(replies.filter { $0 == "Version 4." }.count == 3)
        #expect(await gate.arrivals == 2)
        #expect(await cache.builds == 3)
    }

    @Test func concurrentLookupsOfOneVersionShareOneBuild() async {
        let gate = Gate()
        let cache = FAQIndexCache { agent in
            await gate.pass()
            return FAQIndex(agent.faq)
        }
        let ava = agent(team: "team-1", id: "ava")
        let lookups = Task {
            await withTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { await cache.index(for: ava).entries.count } }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        // Every lookup has asked while the one build is held.
        await gate.awaitArrivals(1)
        await waitUntil("the 20 lookups") { await cache.lookups >= 20 }
        #expect(await gate.holding == 1)
        await gate.open()
        #expect(await lookups.value == Array(repeating: SampleFAQ.entries.count, count: 20))
        #expect(await gate.arrivals == 1)
        #expect(await cache.builds == 1)
    }

    @Test func aTeamsBuildsTakeTurnsWhileOtherTeamsBuildBeside() async {
        let gate = Gate()
        let cache = FAQIndexCache { agent in
            if agent.id == "first" { await gate.pass() }
            return FAQIndex(agent.faq)
        }
        let first = Task { await cache.index(for: agent(team: "team-a", id: "first")) }
        await gate.awaitArrivals(1)
        let second = Task { await cache.index(for: agent(team: "team-a", id: "second")).entries.count }
        // Another team builds while team A's first build is held.
        let guardian = watchdog(gate)
        let other = await cache.index(for: agent(team: "team-b", id: "other"))
        guardian.cancel()
        #expect(other.entries.count == SampleFAQ.entries.count)
        #expect(await gate.holding == 1, "team A's first build is still in progress")
        #expect(await cache.builds == 1)
        // Team A's second build queues for the team's turn; it does not run beside the first.
        await waitUntil("A's second build to queue") { await cache.waitingForTurn(teamID: "team-a") >= 1 }
        #expect(await cache.builds == 1)
        await gate.open()
        _ = await first.value
        #expect(await second.value == SampleFAQ.entries.count)
        #expect(await cache.builds == 3)
    }

    @Test func aTeamWithManyAgentsEvictsOnlyItsOwnIndexes() async {
        let cache = FAQIndexCache(capacity: 4, perTeamCapacity: 2)
        let small = agent(team: "team-b", id: "small")
        _ = await cache.index(for: small)
        for n in 0..<10 { _ = await cache.index(for: agent(team: "team-a", id: "agent-\(n)")) }
        #expect(await cache.builds == 11)
        #expect(await cache.count == 3, "team A keeps its share of 2")
        _ = await cache.index(for: small)
        #expect(await cache.builds == 11, "team B's index was not evicted")

        // Past the overall capacity, the least recently used index of any team goes.
        for team in ["team-c", "team-d", "team-e"] { _ = await cache.index(for: agent(team: team, id: "x")) }
        #expect(await cache.count == 4)
        _ = await cache.index(for: agent(team: "team-e", id: "x"))
        #expect(await cache.builds == 14)
    }

    @Test func aNewVersionReplacesTheAgentsIndexAndAStaleLookupGetsTheNewOne() async {
        let cache = FAQIndexCache()
        let old = agent(team: "team-1", id: "ava", version: 1_000)
        let new = agent(
            team: "team-1", id: "ava",
            faq: [FAQEntry(question: "How do I reset my password?", answer: "Use the new portal.")], version: 2_000)
        #expect(await cache.index(for: old).entries.count == SampleFAQ.entries.count)
        #expect(await cache.index(for: new).entries.count == 1)
        #expect(await cache.count == 1, "one index per agent")
        // A lookup that read the agent before the edit gets the index of what the agent says now.
        #expect(await cache.index(for: old).entries.count == 1)
        #expect(await cache.builds == 2)
    }
}
