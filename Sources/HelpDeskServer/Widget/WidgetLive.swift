import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdWebSocket
import Logging
import Synchronization

/// `GET /widget/v1/{channelId}/live?visitorToken=…` as a WebSocket: the
/// visitor's new messages (`{"type":"message","message":…}`) and changes of
/// the widget state (`{"type":"config","config":…}`), resumable with `?after=`;
/// and typing both ways: `{"type":"typing","typing":…,"name":…}` while an
/// operator writes a reply, and the widget's own `{"type":"typing","typing":…}`
/// for the operators on the conversation's tickets.
enum WidgetLive {
    struct MessageEvent: Encodable {
        var type = "message"
        var message: WidgetAPI.VisitorMessageJSON
    }

    struct ConfigEvent: Encodable {
        var type = "config"
        var config: WidgetAPI.ConfigJSON
    }

    /// How many times the open widget feeds of each conversation have read
    /// the store (and how many feeds are open): what an idle widget costs,
    /// which should be nothing.
    static let reads = Mutex<[String: (feeds: Int, reads: Int)]>([:])

    /// What the widget sends over the socket.
    struct Client: Decodable {
        var type: String
        var typing: Bool?
    }

    static func shouldUpgrade(
        channelID: String, token: String?, origin: String?, after: Int64?, clientAddress: String, helpDesk: HelpDesk,
        presence: Presence
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let token, let channel = try? await helpDesk.webChannel(id: channelID),
            origin.map({ channel.configuration.allows(origin: $0) }) ?? true,
            let conversation = try? await helpDesk.visitorConversation(channel: channel, token: token),
            (try? helpDesk.checkVisitorSocketRoom(conversation, clientAddress: clientAddress)) != nil
        else { return .dontUpgrade }
        return .upgrade([:]) { inbound, outbound, _ in
            // Counted here, where the socket exists: the decision above may be asked twice per request.
            guard let lease = helpDesk.openVisitorSocket(conversation, clientAddress: clientAddress) else {
                try? await outbound.close(.policyViolation, reason: "too many live connections")
                return
            }
            defer { helpDesk.closeSocket(lease) }
            // Unbounded: one conversation's messages (rate limited) and a few signals; nothing may be dropped.
            let (outgoing, continuation) = AsyncStream<String>.makeStream()
            let watcher = await presence.watch(conversationID: conversation.id, outgoing: continuation)
            // The only writer to the socket.
            let writer = Task {
                for await text in outgoing {
                    do { try await outbound.write(.text(text)) } catch { break }
                }
            }
            let feed = Task {
                await serve(
                    continuation, conversation: conversation, channelID: channel.id, after: after, helpDesk: helpDesk)
            }
            // Messages go by POST; over the socket the widget only says when the customer types.
            var typing = false
            func customerTyping(_ now: Bool) async {
                typing = now
                guard let tickets = try? await helpDesk.visitorTickets(conversation), !tickets.isEmpty else { return }
                await presence.customerTyping(
                    teamID: conversation.teamID, ticketNumbers: Set(tickets.map(\.number)), typing: now)
            }
            do {
                for try await message in inbound.messages(maxSize: 256) {
                    guard case .text(let text) = message,
                        let client = try? JSONDecoder().decode(Client.self, from: Data(text.utf8)),
                        client.type == "typing", let now = client.typing
                    else { continue }
                    await customerTyping(now)
                }
            } catch {}
            if typing { await customerTyping(false) }
            await presence.unwatch(watcher)
            feed.cancel()
            continuation.finish()
            writer.cancel()
        }
    }
    /// Sends what is new when the store says the conversation or the team's
    /// setup changed, and when business hours open or close; sleeps otherwise,
    /// so an idle widget does no database work.
    static func serve(
        _ outbound: AsyncStream<String>.Continuation, conversation: Conversation, channelID: String, after: Int64?,
        helpDesk: HelpDesk
    ) async {
        // Subscribed before the first read, so nothing written in between is missed.
        let wakeups = helpDesk.visitorWakeups(conversation)
        var cursor = after ?? 0
        var lastConfig = ""
        var clockWake: Task<Void, Never>?
        defer { clockWake?.cancel() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        reads.withLock { $0[conversation.id, default: (0, 0)].feeds += 1 }
        defer {
            reads.withLock { reads in
                reads[conversation.id]?.feeds -= 1
                if reads[conversation.id]?.feeds == 0 { reads[conversation.id] = nil }
            }
        }
        func refresh() async throws {
            reads.withLock { $0[conversation.id]?.reads += 1 }
            while true {
                let batch = try await helpDesk.visitorMessages(conversation, after: cursor, limit: 200)
                let links = try await helpDesk.attachmentLinks(conversation, channelID: channelID)
                for entry in batch {
                    let text = String(
                        decoding: try encoder.encode(MessageEvent(message: .init(entry: entry, links: links))),
                        as: UTF8.self)
                    outbound.yield(text)
                    cursor = entry.id
                }
                if batch.count < 200 { break }
            }
            guard let current = try await helpDesk.currentConversation(conversation) else { return }
            let config = try await helpDesk.widgetConfig(current)
            let text = String(
                decoding: try encoder.encode(ConfigEvent(config: WidgetAPI.ConfigJSON(config))), as: UTF8.self)
            if text != lastConfig {
                outbound.yield(text)
                lastConfig = text
            }
            clockWake?.cancel()
            clockWake = config.recheckAt.map { instant in
                Task {
                    let left = instant.timeIntervalSince(helpDesk.clock().date)
                    try? await Task.sleep(for: .milliseconds(Int64(max(0, left) * 1000) + 1))
                    if !Task.isCancelled { helpDesk.wakeVisitors(conversation) }
                }
            }
        }
        do {
            try await refresh()
            for await _ in wakeups { try await refresh() }
        } catch {}
    }
}
