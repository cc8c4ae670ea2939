import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import Hummingbird

/// The webhooks chat providers call. Each proves itself with the channel's
/// secret, stores what came and answers at once; the AI's answer runs off the
/// request path, so the provider never waits for a model.
enum ChannelHooks {
    static let telegramSecret = HTTPField.Name(TelegramAdapter.secretHeader)!

    struct Accepted: Encodable {
        var ok = true
    }

    static func register(_ routes: RouteTable, channels: ChatChannels) {
        routes.add(.post, "/hooks/telegram/:channelId") { request, context in
            let channel = try await channels.telegram.webhookChannel(
                id: context.parameters.get("channelId") ?? "", secretToken: request.headers[telegramSecret])
            let update = try await request.decodeJSON(TelegramUpdate.self)
            _ = try await channels.telegram.take(update, on: channel)
            return try jsonResponse(Accepted())
        }
    }
}
