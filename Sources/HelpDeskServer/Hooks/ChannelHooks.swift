import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
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

    /// What an inbound mail came to: the ticket it opened or continued, a duplicate, or a bounce.
    struct EmailAccepted: Encodable {
        var ok = true
        var outcome: String
        var ticketNumber: Int?

        init(_ intake: EmailIntake) {
            switch intake {
            case .stored(let number, let opened):
                outcome = opened ? "opened" : "threaded"
                ticketNumber = number
            case .duplicate: outcome = "duplicate"
            case .bounce(let matched): outcome = matched ? "bounce" : "ignored"
            }
        }
    }

    static func register(_ routes: RouteTable, channels: ChatChannels) {
        routes.add(.post, "/hooks/telegram/:channelId") { request, context in
            let channel = try await channels.telegram.webhookChannel(
                id: context.parameters.get("channelId") ?? "", secretToken: request.headers[telegramSecret])
            let update = try await request.decodeJSON(TelegramUpdate.self)
            _ = try await channels.telegram.take(update, on: channel)
            return try jsonResponse(Accepted())
        }
        // A mail provider's inbound route: the raw message, proven by the channel's inbound secret.
        routes.add(.post, "/hooks/email/:channelId") { request, context in
            let bearer = request.headers[.authorization].flatMap { value -> String? in
                let parts = value.split(separator: " ", maxSplits: 1)
                return parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
            }
            let channel = try await channels.helpDesk.inboundEmailChannel(
                id: context.parameters.get("channelId") ?? "", bearer: bearer)
            let mediaType = request.headers[.contentType].map {
                $0.split(separator: ";", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard mediaType == "message/rfc822" else {
                throw HTTPError(
                    .unsupportedMediaType,
                    message:
                        "send the raw mail as message/rfc822 (got \(request.headers[.contentType] ?? "no Content-Type"))"
                )
            }
            let body = try await request.body.collect(upTo: .max)
            guard body.readableBytes > 0 else {
                throw HelpDeskError.badRequest("the request needs the raw mail as its body")
            }
            let intake = try await channels.email.take(Array(body.readableBytesView), on: channel)
            return try jsonResponse(EmailAccepted(intake))
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
