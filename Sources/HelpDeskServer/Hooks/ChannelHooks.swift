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
    static let whatsappSignature = HTTPField.Name(WhatsAppAdapter.signatureHeader)!

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
        // Meta's subscription check: the challenge back as plain text, for the right verify token only.
        routes.add(.get, "/hooks/whatsapp/:channelId") { request, context in
            let query = request.uri.queryParameters
            let challenge = try await channels.whatsapp.verify(
                channelID: context.parameters.get("channelId") ?? "", mode: query.get("hub.mode"),
                verifyToken: query.get("hub.verify_token"), challenge: query.get("hub.challenge"))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: challenge)))
        }
        // The signature covers the bytes as sent, so they are checked before any parsing.
        routes.add(.post, "/hooks/whatsapp/:channelId") { request, context in
            let body = try await request.body.collect(upTo: .max)
            let channel = try await channels.whatsapp.webhookChannel(
                id: context.parameters.get("channelId") ?? "", signature: request.headers[whatsappSignature],
                body: body.readableBytesView)
            let notification: WhatsAppNotification
            do {
                notification = try JSONDecoder().decode(WhatsAppNotification.self, from: Data(body.readableBytesView))
            } catch {
                throw HelpDeskError.badRequest("the body is not a WhatsApp Cloud API notification (JSON with entry[])")
            }
            _ = try await channels.whatsapp.take(notification, on: channel)
            return try jsonResponse(Accepted())
        }
    }
}
