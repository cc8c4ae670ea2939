import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird

/// The web widget's public JSON API. Every call but session start carries the
/// signed visitor token, which scopes it to one conversation; browsers may call
/// it only from the channel's allowed origins.
enum WidgetAPI {
    struct SessionBody: Decodable {
        var visitorToken: String?
        var name: String?
        var email: String?
        /// The page the widget runs on, and the browser's language (`navigator.language`).
        var page: String?
        var language: String?

        enum CodingKeys: String, CodingKey { case visitorToken, name, email, page, language }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            visitorToken = try c.decodeUnlessAbsent(String.self, forKey: .visitorToken)
            name = try c.decodeUnlessAbsent(String.self, forKey: .name)
            email = try c.decodeUnlessAbsent(String.self, forKey: .email)
            page = try c.decodeUnlessAbsent(String.self, forKey: .page)
            language = try c.decodeUnlessAbsent(String.self, forKey: .language)
        }
    }

    struct MessageBody: Decodable {
        var body: String
        var attachmentIds: [String]

        enum CodingKeys: String, CodingKey { case body, attachmentIds }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            body = try c.decode(String.self, forKey: .body)
            attachmentIds = try c.decodeUnlessAbsent([String].self, forKey: .attachmentIds) ?? []
        }
    }

    /// A message as the visitor sees it: no internal ids of members; its files
    /// with signed links the browser can open without the visitor token.
    struct VisitorMessageJSON: Encodable {
        let entry: TimelineEntry
        let links: AttachmentLinks
        enum Keys: String, CodingKey { case id, at, author, body, attachments }
        struct Author: Encodable {
            var kind: AuthorKind
            var name: String
        }

        func encode(to encoder: any Encoder) throws {
            guard case .message(let author, _, let body, _) = entry.content else { return }
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(String(entry.id), forKey: .id)
            try c.encode(entry.at, forKey: .at)
            try c.encode(Author(kind: author.kind, name: author.name), forKey: .author)
            try c.encode(body, forKey: .body)
            try c.encode(entry.attachments.map { AttachmentJSON($0, links: links) }, forKey: .attachments)
        }
    }

    /// A file as the visitor sees it: on a message, or their upload not sent
    /// yet; with a signed link the browser opens without the visitor token.
    struct AttachmentJSON: Encodable {
        var id: String
        var name: String
        var contentType: String
        var size: Int
        var url: String

        init(_ attachment: Attachment, links: AttachmentLinks) {
            id = attachment.id
            name = attachment.name
            contentType = attachment.contentType
            size = attachment.size
            url = links.path(for: attachment.id)
        }
    }

    struct ConfigJSON: Encodable {
        struct HumanButton: Encodable {
            var visible: Bool
            var reason: String?
        }
        var humanButton: HumanButton
        var labels: [String: String]
        var state: String
        var agentName: String
        /// The channel's pre-chat form and what the visitor already told (their own name and email).
        var preChat: PreChatForm
        var visitor: Visitor
        struct Visitor: Encodable {
            var name: String
            var email: String?
        }
        var attachments: Attachments
        /// The rating asked for now: one of the visitor's resolved tickets; null when none.
        var csat: CSAT?
        struct CSAT: Encodable {
            var ticketNumber: Int
            var question: String
        }

        enum CodingKeys: String, CodingKey {
            case humanButton, labels, state, agentName, preChat, visitor, attachments, csat
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(humanButton, forKey: .humanButton)
            try c.encode(labels, forKey: .labels)
            try c.encode(state, forKey: .state)
            try c.encode(agentName, forKey: .agentName)
            try c.encode(preChat, forKey: .preChat)
            try c.encode(visitor, forKey: .visitor)
            try c.encode(attachments, forKey: .attachments)
            try c.encode(csat, forKey: .csat)
        }

        /// What the visitor may attach to a message.
        struct Attachments: Encodable {
            var maxBytes: Int
            var maxPerMessage: Int
        }

        init(_ config: WidgetConfig) {
            humanButton = HumanButton(visible: config.humanButton.visible, reason: config.humanButton.reason?.rawValue)
            labels = ["waiting": config.waitingLabel, "connected": config.connectedLabel]
            state = config.state.rawValue
            agentName = config.agentName
            preChat = config.preChat
            visitor = Visitor(name: config.requester.name, email: config.requester.email)
            attachments = Attachments(
                maxBytes: config.maxAttachmentBytes, maxPerMessage: AttachmentPolicy.maxPerMessage)
            csat = config.csat.map { CSAT(ticketNumber: $0.ticketNumber, question: $0.question) }
        }
    }

    /// A rating as the widget sends it.
    struct RatingBody: Decodable {
        var ticketNumber: Int
        var rating: Int
        var comment: String?
    }

    struct RatingJSON: Encodable {
        var ticketNumber: Int
        var rating: Int
    }

    struct SessionJSON: Encodable {
        var visitorToken: String
        var conversationId: String
        var config: ConfigJSON
    }

    struct ReplyJSON: Encodable {
        var reply: VisitorMessageJSON?
        var escalated: Bool
        var ticketNumber: Int?
        var answerPending: Bool

        init(_ reply: VisitorReply, links: AttachmentLinks) {
            self.reply = reply.reply.map { VisitorMessageJSON(entry: $0, links: links) }
            escalated = reply.escalated
            ticketNumber = reply.ticketNumber
            answerPending = reply.answerPending
        }
    }

    struct VisitorTicketJSON: Encodable {
        var number: Int
        var subject: String
        var status: TicketStatus
        var createdAt: Timestamp
        var lastActivityAt: Timestamp
    }

    static let allowedHeaders = "Authorization, Content-Type"
    static let allowedMethods = "GET, POST, OPTIONS"

    /// Runs a widget handler: checks the Origin against the channel, turns
    /// errors into problems here (so they carry the CORS headers too).
    static func handle(
        _ request: Request, _ context: AppRequestContext, helpDesk: HelpDesk,
        _ body: (ChannelConnection) async throws -> Response
    ) async throws -> Response {
        let channelID = context.parameters.get("channelId") ?? ""
        let origin = request.headers[.origin]
        var response: Response
        var originAllowed = false
        do {
            let channel = try await helpDesk.webChannel(id: channelID)
            if let origin {
                guard channel.configuration.allows(origin: origin) else {
                    throw HelpDeskError.forbidden("origin \(origin) is not allowed for this widget")
                }
                originAllowed = true
            }
            response = try await body(channel)
        } catch {
            response = ProblemMiddleware<AppRequestContext>.response(
                for: error, request: request, logger: context.logger)
        }
        if let origin, originAllowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }

    /// Signed links to the files of the visitor's conversation.
    static func links(_ conversation: Conversation, channel: ChannelConnection, helpDesk: HelpDesk) async throws
        -> AttachmentLinks
    {
        try await helpDesk.attachmentLinks(conversation, channelID: channel.id)
    }

    /// The visitor's conversation from `Authorization: Bearer <visitorToken>`.
    static func conversation(_ request: Request, channel: ChannelConnection, helpDesk: HelpDesk) async throws
        -> Conversation
    {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw HelpDeskError.unauthorized("send the visitor token as Authorization: Bearer <visitorToken>")
        }
        return try await helpDesk.visitorConversation(
            channel: channel, token: String(header.dropFirst(7)).trimmingWhitespace())
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk, channels: ChatChannels) {
        routes.add(.post, "/widget/v1/:channelId/sessions") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let body = try await request.decodeJSON(SessionBody.self)
                let visitor = VisitorContext.reported(
                    page: body.page, language: body.language, userAgent: request.headers[.userAgent],
                    acceptLanguage: request.headers[.acceptLanguage])
                let (token, conversation) = try await helpDesk.startVisitorSession(
                    channel: channel, token: body.visitorToken, name: body.name, email: body.email, context: visitor,
                    clientAddress: context.clientAddress)
                let config = try await helpDesk.widgetConfig(conversation)
                return try jsonResponse(
                    SessionJSON(visitorToken: token, conversationId: conversation.id, config: ConfigJSON(config)))
            }
        }
        routes.add(.get, "/widget/v1/:channelId/config") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                return try jsonResponse(ConfigJSON(try await helpDesk.widgetConfig(conversation)))
            }
        }
        routes.add(.post, "/widget/v1/:channelId/messages") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let body = try await request.decodeJSON(MessageBody.self)
                let reply = try await helpDesk.receiveCustomerMessage(
                    conversation, body: body.body, attachmentIDs: body.attachmentIds,
                    clientAddress: context.clientAddress)
                if reply.answerPending {
                    // The model answers in the background; the answer reaches the widget live.
                    await channels.answers.schedule(
                        ConversationRef(id: conversation.id, teamID: conversation.teamID),
                        clientAddress: context.clientAddress)
                }
                return try jsonResponse(
                    ReplyJSON(reply, links: try await links(conversation, channel: channel, helpDesk: helpDesk)))
            }
        }
        routes.add(.post, "/widget/v1/:channelId/attachments") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let attachment = try await helpDesk.uploadVisitorAttachment(
                    conversation, try await AttachmentsAPI.upload(request), clientAddress: context.clientAddress)
                let links = try await links(conversation, channel: channel, helpDesk: helpDesk)
                return try jsonResponse(AttachmentJSON(attachment, links: links), status: .created)
            }
        }
        routes.add(.get, "/widget/v1/:channelId/attachments/:id") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let id = context.parameters.get("id") ?? ""
                let query = request.uri.queryParameters
                // A malformed link is refused as such, whatever else authorizes the request.
                if let raw = query["expires"], Int64(raw) == nil {
                    throw HelpDeskError.invalid(
                        "expires",
                        "must be a whole number of seconds since 1970, as the signed link has it (got \"\(raw)\")")
                }
                let file: AttachmentFile
                if request.headers[.authorization] != nil {
                    let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                    file = try await helpDesk.visitorAttachmentFile(conversation, id: id)
                } else if query["signature"] != nil || query["expires"] != nil {
                    file = try await helpDesk.visitorAttachmentFile(
                        channel: channel, id: id, expires: query["expires"].map(String.init),
                        signature: query["signature"].map(String.init))
                } else {
                    throw HelpDeskError.unauthorized(
                        "open the signed link the messages list gives (…?expires=…&signature=…), "
                            + "or send the visitor token as Authorization: Bearer <visitorToken>")
                }
                return AttachmentsAPI.download(file, crossOrigin: true)
            }
        }
        routes.add(.get, "/widget/v1/:channelId/messages") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let page = try EntryPageQuery(request.uri.queryParameters, afterMeans: "a message id")
                let messages = try await helpDesk.visitorMessages(
                    conversation, after: page.after, limit: page.limit + 1)
                let links = try await links(conversation, channel: channel, helpDesk: helpDesk)
                return try jsonResponse(page.page(messages) { VisitorMessageJSON(entry: $0, links: links) })
            }
        }
        routes.add(.post, "/widget/v1/:channelId/human") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let reply = try await helpDesk.pressHumanButton(conversation, clientAddress: context.clientAddress)
                return try jsonResponse(
                    ReplyJSON(reply, links: try await links(conversation, channel: channel, helpDesk: helpDesk)))
            }
        }
        routes.add(.get, "/widget/v1/:channelId/live") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                // Also where a refused WebSocket upgrade lands, which carries the token in the query.
                let visitor: Conversation
                if let token = request.uri.queryParameters["visitorToken"] {
                    visitor = try await helpDesk.visitorConversation(channel: channel, token: String(token))
                } else {
                    visitor = try await conversation(request, channel: channel, helpDesk: helpDesk)
                }
                try LiveUpdates.checkResumePoint(request.uri.queryParameters["after"])
                try helpDesk.checkVisitorSocketRoom(visitor, clientAddress: context.clientAddress)
                throw HTTPError(
                    .upgradeRequired,
                    message: "connect with a WebSocket: GET …/live?visitorToken=… with Upgrade: websocket")
            }
        }
        routes.add(.post, "/widget/v1/:channelId/csat") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let body = try await request.decodeJSON(RatingBody.self)
                try await helpDesk.rateTicket(
                    conversation, number: body.ticketNumber, rating: body.rating, comment: body.comment)
                return try jsonResponse(
                    RatingJSON(ticketNumber: body.ticketNumber, rating: body.rating), status: .created)
            }
        }
        routes.add(.get, "/widget/v1/:channelId/tickets") { request, context in
            try await handle(request, context, helpDesk: helpDesk) { channel in
                let conversation = try await conversation(request, channel: channel, helpDesk: helpDesk)
                let tickets = try await helpDesk.visitorTickets(conversation)
                return try jsonResponse(
                    ItemsJSON(
                        items: tickets.map {
                            VisitorTicketJSON(
                                number: $0.number, subject: $0.subject, status: $0.status, createdAt: $0.createdAt,
                                lastActivityAt: $0.lastActivityAt)
                        }))
            }
        }
    }
}

/// Answers CORS preflight requests for the widget API from the channel's allowed origins.
struct WidgetPreflightMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let helpDesk: HelpDesk

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let parts = request.uri.path.split(separator: "/")
        guard request.method == .options, parts.count >= 3, parts[0] == "widget", parts[1] == "v1" else {
            return try await next(request, context)
        }
        guard let origin = request.headers[.origin],
            try await helpDesk.widgetAllows(origin: origin, channelID: String(parts[2]))
        else {
            return Problem(
                slug: "forbidden", title: "Not allowed", status: .forbidden,
                detail: "this origin may not use this widget"
            ).response()
        }
        return Response(
            status: .noContent,
            headers: [
                .accessControlAllowOrigin: origin, .accessControlAllowMethods: WidgetAPI.allowedMethods,
                .accessControlAllowHeaders: WidgetAPI.allowedHeaders, .accessControlMaxAge: "600", .vary: "Origin",
            ])
    }
}
