import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Logging

/// Telegram channels: updates in (the webhook, or long polling when the server
/// has no public URL), the AI's answers scheduled off the request path, and the
/// bot registered with Telegram when a channel is created and removed when it
/// is deleted. Replies go out through the outbox (`TelegramDeliverer`).
public struct TelegramAdapter: Sendable {
    let helpDesk: HelpDesk
    let api: TelegramBotAPI
    let answers: AnswerQueue
    let pollers: TelegramPollers
    let logger: Logger
    /// The server's public URL: webhooks when set, long polling otherwise.
    public let publicURL: String?

    public init(
        helpDesk: HelpDesk, api: TelegramBotAPI, answers: AnswerQueue, publicURL: String?, pollTimeoutSeconds: Int,
        pollingStandby: Duration = .seconds(5), logger: Logger = Logger(label: "helpdesk.telegram")
    ) {
        self.helpDesk = helpDesk
        self.api = api
        self.answers = answers
        self.logger = logger
        self.publicURL = publicURL.map { $0.trimmingWhitespace().trimmingSuffix("/") }.flatMap { $0.isEmpty ? nil : $0 }
        self.pollers = TelegramPollers(pollTimeoutSeconds: pollTimeoutSeconds, standby: pollingStandby)
    }

    /// The header Telegram sends the channel's secret in.
    public static let secretHeader = "X-Telegram-Bot-Api-Secret-Token"

    /// What became of an update.
    public enum Intake: Sendable, Equatable {
        /// Stored as a new message.
        case stored
        /// Taken before (a redelivery): nothing stored.
        case duplicate
        /// Not something a help desk takes (a group chat, another bot's button): nothing stored.
        case ignored
        /// A press of a rating button, answered (the rating kept, or "already rated").
        case answered
    }

    // MARK: - Updates in

    /// The channel a webhook delivery is for, once it proved itself: 404 for no
    /// such Telegram channel, 401 when the secret header is missing or wrong
    /// (compared in constant time, before the body is read, so nothing is stored).
    public func webhookChannel(id: String, secretToken: String?) async throws -> ChannelConnection {
        let channel = try await helpDesk.chatChannel(id: id, kind: .telegram)
        guard let settings = channel.configuration.telegram, let secretToken,
            Tokens.constantTimeEquals(secretToken, settings.secretToken)
        else {
            throw HelpDeskError.unauthorized("the \(Self.secretHeader) header is missing or wrong")
        }
        return channel
    }

    /// Stores an update's message once and schedules the AI's answer, with the
    /// bot "typing…" meanwhile. The answer is not awaited.
    public func take(_ update: TelegramUpdate, on channel: ChannelConnection) async throws -> Intake {
        if let press = update.callbackQuery { return try await take(press, updateID: update.updateID, on: channel) }
        guard let inbound = TelegramInbound(update), let settings = channel.configuration.telegram else {
            return .ignored
        }
        let message = InboundChatMessage(
            channel: channel, eventID: String(inbound.updateID), externalID: String(inbound.chatID),
            contact: inbound.contact, body: inbound.body, awaitsAnswer: !inbound.isEdit)
        guard let result = try await helpDesk.receiveChatMessage(message, isStart: inbound.isStart) else {
            return .duplicate
        }
        if result.awaitingAnswer {
            let api = api
            let chatID = inbound.chatID
            await answers.schedule(
                ConversationRef(id: result.conversation.id, teamID: result.conversation.teamID),
                clientAddress: "telegram:\(channel.id):\(chatID)",
                typing: { _ = await api.sendTyping(settings, chatID: chatID) })
        }
        return .stored
    }

    /// A rating button pressed: kept once (by update id) for a ticket of this chat, then the
    /// spinner is stopped with a word of thanks (the thank-you message goes out through the
    /// outbox) and the buttons are taken off the question, so it cannot be pressed again; a
    /// repeat press hears that the ticket is rated already. Answering the press is done here,
    /// like "typing…": Telegram wants it at once, and losing it loses nothing.
    func take(_ press: TelegramCallbackQuery, updateID: Int64, on channel: ChannelConnection) async throws -> Intake {
        guard let settings = channel.configuration.telegram else { return .ignored }
        guard let chatID = press.message?.chat.id ?? press.from?.id,
            let (number, rating) = TelegramRating.parse(press.data)
        else {
            _ = await api.answerCallbackQuery(settings, id: press.id, text: "")
            return .ignored
        }
        let outcome = try await helpDesk.rateFromChat(
            channel: channel, externalID: String(chatID), number: number, rating: rating, eventID: String(updateID))
        let text: String
        switch outcome {
        case .recorded(let rating): text = "Thank you! You rated \(rating) of 5."
        case .alreadyRated: text = "You have rated this already. Thank you!"
        case .refused(let reason): text = "This can no longer be rated: \(reason)"
        case .ignored: return .ignored
        }
        _ = await api.answerCallbackQuery(settings, id: press.id, text: String(text.prefix(200)))
        if let question = press.message {
            _ = await api.removeKeyboard(settings, chatID: question.chat.id, messageID: question.messageID)
        }
        return .answered
    }

    // MARK: - Connecting channels

    /// Registers a new channel with Telegram. With a public URL, setWebhook
    /// (the webhook URL and the secret); a refusal or no answer throws 422 with
    /// Telegram's words, and the caller removes the channel. Without one, the
    /// channel's poller starts (when the server's background work runs).
    public func connect(_ channel: ChannelConnection) async throws {
        guard let settings = channel.configuration.telegram else { return }
        guard let publicURL else {
            await pollers.start(channel, adapter: self)
            return
        }
        switch await api.setWebhook(settings, url: publicURL + TelegramSettings.webhookPath(channelID: channel.id)) {
        case .ok:
            return
        case .refused(let status, let description, _):
            throw HelpDeskError.unprocessable(
                "Telegram refused setWebhook (\(status): \(description)); check config.botToken. The channel was not created"
            )
        case .unreachable(let reason):
            throw HelpDeskError.unprocessable(
                "\(reason) to set the webhook; check config.apiBaseURL. The channel was not created")
        }
    }

    /// Registers a channel again after its settings changed: its poller restarts
    /// with them, or its webhook is set with them (a refusal throws, as
    /// `connect` does), and a replaced bot's webhook is deleted.
    public func reconnect(from old: ChannelConnection, to new: ChannelConnection) async throws {
        await pollers.stop(channelID: old.id)
        try await connect(new)
        if publicURL != nil, let before = old.configuration.telegram, let after = new.configuration.telegram,
            before.botToken != after.botToken
        {
            _ = await api.deleteWebhook(before)
        }
    }

    /// Unregisters a removed channel: deleteWebhook, or its poller stops. Best
    /// effort: the channel is gone from the help desk either way.
    public func disconnect(_ channel: ChannelConnection) async {
        await pollers.stop(channelID: channel.id)
        guard let settings = channel.configuration.telegram, publicURL != nil else { return }
        switch await api.deleteWebhook(settings) {
        case .ok:
            break
        case .refused(let status, let description, _):
            logger.warning(
                "Telegram refused deleteWebhook for a removed channel",
                metadata: ["channel.id": "\(channel.id)", "status": "\(status)", "description": "\(description)"])
        case .unreachable(let reason):
            logger.warning(
                "could not delete the webhook of a removed channel",
                metadata: ["channel.id": "\(channel.id)", "error": "\(reason)"])
        }
    }

    /// At start: every Telegram channel's webhook is set again (the public URL may
    /// have changed), or its poller starts.
    func start() async {
        await pollers.begin()
        let channels: [ChannelConnection]
        do {
            channels = try await helpDesk.chatChannels(kind: .telegram)
        } catch {
            logger.error("could not list the Telegram channels", metadata: ["error": "\(error)"])
            return
        }
        for channel in channels {
            do {
                try await connect(channel)
            } catch {
                logger.warning(
                    "a Telegram channel's webhook could not be set",
                    metadata: ["channel.id": "\(channel.id)", "error": "\(error)"])
            }
        }
    }

    /// At stop: every poller ends.
    func stop() async {
        await pollers.end()
    }

    /// The channels this instance long-polls now: those whose lease it holds. A channel another
    /// instance polls is not among them, though its poller stands by here to take over.
    public var pollingChannels: Set<String> {
        get async { await pollers.holdingLeases }
    }

    // MARK: - Long polling

    /// Polls one channel until cancelled, on one instance at a time: each round
    /// first takes or renews this instance's lease on the channel's polling (for
    /// the poll's timeout and half a minute more), and while another instance
    /// holds it this one stands by, asking again every `standby`, so it takes
    /// over once the holder stops or its lease lapses. Holding it: getUpdates
    /// from the saved offset, each update taken (once, whatever happens), then
    /// the offset saved past them, so a restart or the next holder does not
    /// fetch them again. A webhook left set (409) is deleted; another poller of
    /// the same bot (409) is waited out; 429 waits its `retry_after`; other
    /// failures back off up to a minute.
    func poll(_ channel: ChannelConnection, timeout: Int, standby: Duration) async {
        guard let settings = channel.configuration.telegram else { return }
        var offset: Int64?
        var holding = false
        var failures = 0
        let metadata: Logger.Metadata = ["channel.id": "\(channel.id)"]
        defer {
            if holding {
                let helpDesk = helpDesk
                let channelID = channel.id
                // The task is cancelled: giving the lease up runs in one of its own.
                Task { try? await helpDesk.releasePolling(channelID: channelID) }
            }
        }
        while !Task.isCancelled {
            let held: Bool
            do {
                held = try await helpDesk.holdPolling(channelID: channel.id, seconds: Double(timeout) + 30)
            } catch {
                held = false
                logger.error(
                    "could not renew the lease on polling", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
            if !held {
                if holding { logger.notice("another instance polls this channel now", metadata: metadata) }
                holding = false
                await pollers.setHolding(channel.id, false)
                try? await Task.sleep(for: standby)
                continue
            }
            if !holding {
                holding = true
                await pollers.setHolding(channel.id, true)
                // The previous holder saved where it stopped.
                offset = try? await helpDesk.pollOffset(channelID: channel.id)
            }
            var pause: Double?
            switch await api.getUpdates(settings, offset: offset, timeout: timeout) {
            case .ok(let data):
                let updates = TelegramBotAPI.result(data, as: [LenientUpdate].self) ?? []
                do {
                    for update in updates {
                        if let update = update.update { _ = try await take(update, on: channel) }
                    }
                    if let last = updates.map(\.updateID).max() {
                        offset = last + 1
                        try await helpDesk.savePollOffset(channelID: channel.id, last + 1)
                    }
                    failures = 0
                } catch {
                    failures += 1
                    logger.error(
                        "could not store Telegram updates", metadata: metadata.merging(["error": "\(error)"]) { $1 })
                }
            case .refused(409, let description, _) where description.lowercased().contains("webhook"):
                logger.notice("a webhook was set for this bot; deleting it to poll", metadata: metadata)
                _ = await api.deleteWebhook(settings)
            case .refused(409, let description, _):
                failures += 1
                logger.warning(
                    "another process polls this bot",
                    metadata: metadata.merging(["description": "\(description)"]) { $1 })
            case .refused(429, _, let retryAfter):
                pause = retryAfter ?? 5
            case .refused(let status, let description, _):
                failures += 1
                logger.error(
                    "Telegram refused getUpdates",
                    metadata: metadata.merging(["status": "\(status)", "description": "\(description)"]) { $1 })
            case .unreachable(let reason):
                failures += 1
                // The first failure, then one in thirty (about every half hour): an unreachable API is
                // reported without flooding the log.
                if !Task.isCancelled, failures % 30 == 1 {
                    logger.warning(
                        "getUpdates failed",
                        metadata: metadata.merging(["error": "\(reason)", "failures": "\(failures)"]) { $1 })
                }
            }
            if let wait = pause ?? (failures > 0 ? min(60, pow(2, Double(min(failures, 6)) - 1)) : nil) {
                try? await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
            }
        }
    }

    /// An update as getUpdates lists it: one this adapter cannot read still moves the offset past it.
    struct LenientUpdate: Decodable {
        var updateID: Int64
        var update: TelegramUpdate?
        enum CodingKeys: String, CodingKey { case updateID = "update_id" }
        init(from decoder: any Decoder) throws {
            updateID = try decoder.container(keyedBy: CodingKeys.self).decode(Int64.self, forKey: .updateID)
            update = try? TelegramUpdate(from: decoder)
        }
    }
}

/// One long poller per Telegram channel, while the server's background work runs;
/// each polls only while it holds the channel's lease (`TelegramAdapter.poll`).
actor TelegramPollers {
    let pollTimeoutSeconds: Int
    let standby: Duration
    private var running = false
    private var tasks: [String: Task<Void, Never>] = [:]
    private var holding: Set<String> = []

    init(pollTimeoutSeconds: Int, standby: Duration) {
        self.pollTimeoutSeconds = pollTimeoutSeconds
        self.standby = standby
    }

    func begin() { running = true }

    func start(_ channel: ChannelConnection, adapter: TelegramAdapter) {
        guard running, tasks[channel.id] == nil else { return }
        let timeout = pollTimeoutSeconds
        let standby = standby
        tasks[channel.id] = Task { await adapter.poll(channel, timeout: timeout, standby: standby) }
    }

    func stop(channelID: String) {
        tasks.removeValue(forKey: channelID)?.cancel()
        holding.remove(channelID)
    }

    func end() {
        running = false
        for task in tasks.values { task.cancel() }
        tasks = [:]
        holding = []
    }

    func setHolding(_ channelID: String, _ isHolding: Bool) {
        if isHolding, tasks[channelID] != nil {
            holding.insert(channelID)
        } else {
            holding.remove(channelID)
        }
    }

    var polling: Set<String> { Set(tasks.keys) }
    /// The channels this instance polls now (it holds their lease); the others' pollers stand by.
    var holdingLeases: Set<String> { holding }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
