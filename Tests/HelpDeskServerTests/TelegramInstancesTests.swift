import Foundation
import HelpDeskAI
import HelpDeskChannels
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Testing

/// Several instances on one database: a Telegram channel is long-polled by one
/// instance at a time, and a conversation's owed answer is given by one.
@Suite struct TelegramInstancesTests {
    /// Another instance on the same database as `t`, long polling, standing by briefly.
    static func instance(_ t: TelegramDesk, brains: Brains? = nil) -> ChatChannels {
        let helpDesk = HelpDesk(
            store: t.desk.store, configuration: t.desk.configuration, brains: brains, clock: { t.clock.now() })
        return ChatChannels(
            helpDesk: helpDesk,
            configuration: ChatChannelsConfiguration(
                publicURL: nil, outbound: t.desk.configuration.outbound, pollTimeoutSeconds: 0,
                runsOutboxWorker: false, typingGrace: .zero, pollingStandby: .milliseconds(20)))
    }

    /// Waits until `condition` holds (at most five seconds) and returns whether it did.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    @Test func oneInstanceAtATimePollsAChannelAndAnotherTakesOverWhenItStops() async throws {
        try await TelegramDesk.with(publicURL: nil) { t in
            // The channel is created through one instance, which then stops.
            let channelID = try await t.test { client in try await t.connect(client).channelID }
            let first = Self.instance(t)
            let second = Self.instance(t)
            let runningFirst = Task { await first.run() }
            let runningSecond = Task { await second.run() }
            #expect(
                await Self.eventually {
                    await first.telegram.pollingChannels.count + second.telegram.pollingChannels.count == 1
                })
            // Both pollers run all along, but one polls and the other stands by.
            for _ in 0..<10 {
                try await Task.sleep(for: .milliseconds(30))
                let holders = await [first, second].asyncFilter { await $0.telegram.pollingChannels == [channelID] }
                #expect(holders.count == 1)
            }
            let firstHolds = await first.telegram.pollingChannels == [channelID]
            let (standing, stopping) = firstHolds ? (second, runningFirst) : (first, runningSecond)
            stopping.cancel()
            await stopping.value
            #expect(await Self.eventually { await standing.telegram.pollingChannels == [channelID] })
            let polls = await t.bot.calls("getUpdates").count
            #expect(await t.bot.waitFor("getUpdates") { $0.count > polls + 2 }.count > polls + 2)
            (firstHolds ? runningSecond : runningFirst).cancel()
        }
    }

    @Test func aPollerWhoseHolderDiedTakesOverWhenItsLeaseLapses() async throws {
        try await TelegramDesk.with(publicURL: nil) { t in
            let channelID = try await t.test { client in try await t.connect(client).channelID }
            // An instance took the lease (once the one that created the channel gave it up on stopping)
            // and died without giving it up.
            let lease = LeaseName.telegramPolling(channelID: channelID)
            let now = t.clock.now()
            #expect(
                await Self.eventually {
                    (try? await t.desk.store.takeLease(
                        lease, holder: "a dead instance", now: now, until: now.adding(seconds: 30))) == true
                })
            let survivor = Self.instance(t)
            let running = Task { await survivor.run() }
            try await Task.sleep(for: .milliseconds(300))
            let polls = await t.bot.calls("getUpdates").count
            #expect(await survivor.telegram.pollingChannels.isEmpty, "the lease has not lapsed yet")
            try await Task.sleep(for: .milliseconds(200))
            #expect(await t.bot.calls("getUpdates").count == polls, "nobody polls while the dead holder's lease runs")
            t.clock.advance(seconds: 31)
            #expect(await Self.eventually { await survivor.telegram.pollingChannels == [channelID] })
            #expect(await t.bot.waitFor("getUpdates") { $0.count > polls }.count > polls)
            running.cancel()
            await running.value
        }
    }

    @Test func anOwedAnswerIsGivenOnceWhenTwoInstancesWorkOnItAtOnce() async throws {
        try await TelegramDesk.with { t in
            let channelID = try await t.test { client in try await t.connect(client, handover: false).channelID }
            let channel = try await t.desk.helpDesk.chatChannel(id: channelID, kind: .telegram)
            let stored = try #require(
                try await t.desk.helpDesk.receiveChatMessage(
                    InboundChatMessage(
                        channel: channel, eventID: "900", externalID: "4242",
                        contact: Requester(name: "Ana Silva", handle: "@anasilva"),
                        body: "How do I reset my password?", awaitsAnswer: true)))
            let conversation = ConversationRef(id: stored.conversation.id, teamID: stored.conversation.teamID)
            // The first instance's brain thinks until the test lets it answer.
            let gate = BrainGate()
            let slow = Self.instance(
                t, brains: Brains(builtin: GatedBrain(gate: gate, inner: BuiltinBrain()), llm: BuiltinBrain()))
            let fast = Self.instance(t)
            let answering = Task {
                try await slow.helpDesk.answerAwaiting(conversation, clientAddress: "telegram:test")
            }
            await gate.waitUntilAsked()
            // Meanwhile the second instance's sweep finds the answer owed, and leaves it to the first.
            #expect(try await fast.helpDesk.answerAwaiting(conversation, clientAddress: "telegram:test") == false)
            await gate.open()
            #expect(try await answering.value)
            let answers = try await t.messages(channelID: channelID).filter { $0.kind == .ai }
            #expect(answers.map(\.body) == ["Use Forgot password on the sign-in page."])
            #expect(try await t.desk.helpDesk.conversationsAwaitingAnswer().isEmpty)
        }
    }
}

/// Holds a brain's answers until the test opens it.
actor BrainGate {
    private var isOpen = false
    private var asked = false
    private var askedWaiters: [CheckedContinuation<Void, Never>] = []
    private var openWaiters: [CheckedContinuation<Void, Never>] = []

    func pass() async {
        asked = true
        for waiter in askedWaiters { waiter.resume() }
        askedWaiters = []
        guard !isOpen else { return }
        await withCheckedContinuation { openWaiters.append($0) }
    }

    func waitUntilAsked() async {
        guard !asked else { return }
        await withCheckedContinuation { askedWaiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in openWaiters { waiter.resume() }
        openWaiters = []
    }
}

/// A brain that answers as `inner` once its gate opens.
struct GatedBrain: Brain {
    let gate: BrainGate
    let inner: any Brain

    func respond(to request: BrainRequest) async -> BrainResponse {
        await gate.pass()
        return await inner.respond(to: request)
    }
}

extension Array {
    func asyncFilter(_ isIncluded: (Element) async -> Bool) async -> [Element] {
        var kept: [Element] = []
        for element in self where await isIncluded(element) { kept.append(element) }
        return kept
    }
}
