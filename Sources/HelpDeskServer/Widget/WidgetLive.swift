import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdWebSocket
import Logging

/// `GET /widget/v1/{channelId}/live?visitorToken=…` as a WebSocket: the
/// visitor's new messages (`{"type":"message","message":…}`) and changes of
/// the widget state (`{"type":"config","config":…}`), resumable with `?after=`.
enum WidgetLive {
    struct MessageEvent: Encodable {
        var type = "message"
        var message: WidgetAPI.VisitorMessageJSON
    }

    struct ConfigEvent: Encodable {
        var type = "config"
        var config: WidgetAPI.ConfigJSON
    }

    static func shouldUpgrade(
        channelID: String, token: String?, origin: String?, after: Int64?, helpDesk: HelpDesk
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let token, let channel = try? await helpDesk.webChannel(id: channelID),
            origin.map({ channel.configuration.allows(origin: $0) }) ?? true,
            let conversation = try? await helpDesk.visitorConversation(channel: channel, token: token)
        else { return .dontUpgrade }
        return .upgrade([:]) { inbound, outbound, _ in
            let feed = Task {
                var cursor = after ?? 0
                var lastConfig = ""
                var tick = 0
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                while !Task.isCancelled {
                    do {
                        for entry in try await helpDesk.visitorMessages(conversation, after: cursor) {
                            let text = String(
                                decoding: try encoder.encode(MessageEvent(message: .init(entry: entry))), as: UTF8.self)
                            try await outbound.write(.text(text))
                            cursor = entry.id
                        }
                        if tick % 4 == 0, let current = try await helpDesk.currentConversation(conversation) {
                            let config = WidgetAPI.ConfigJSON(try await helpDesk.widgetConfig(current))
                            let text = String(decoding: try encoder.encode(ConfigEvent(config: config)), as: UTF8.self)
                            if text != lastConfig {
                                try await outbound.write(.text(text))
                                lastConfig = text
                            }
                        }
                    } catch {
                        break
                    }
                    tick += 1
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
            // The visitor sends nothing over the socket; messages go by POST. Wait for the close.
            do { for try await _ in inbound {} } catch {}
            feed.cancel()
        }
    }
}
