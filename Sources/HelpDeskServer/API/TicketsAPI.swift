import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird

/// The inbox, tickets, their timelines and notes.
enum TicketsAPI {
    struct RequesterBody: Decodable {
        var name: String
        var email: String?
        var phone: String?
    }

    struct NewTicketBody: Decodable {
        var subject: String
        var requester: RequesterBody
        var priority: Priority?
        var channel: Channel?
        var body: String?

        enum CodingKeys: String, CodingKey { case subject, requester, priority, channel, body }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            subject = try c.decode(String.self, forKey: .subject)
            requester = try c.decode(RequesterBody.self, forKey: .requester)
            priority = try c.decodeUnlessAbsent(Priority.self, forKey: .priority)
            channel = try c.decodeUnlessAbsent(Channel.self, forKey: .channel)
            body = try c.decodeUnlessAbsent(String.self, forKey: .body)
        }
    }

    struct PatchBody: Decodable {
        var status: TicketStatus?
        var priority: Priority?
        var assigneeId: String??
        var subject: String?

        enum CodingKeys: String, CodingKey { case status, priority, assigneeId, subject }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decodeUnlessAbsent(TicketStatus.self, forKey: .status)
            priority = try c.decodeUnlessAbsent(Priority.self, forKey: .priority)
            assigneeId = try c.decodePatchField(String.self, forKey: .assigneeId)
            subject = try c.decodeUnlessAbsent(String.self, forKey: .subject)
        }
    }

    struct NoteBody: Decodable {
        var body: String
        var attachmentIds: [String]

        enum CodingKeys: String, CodingKey { case body, attachmentIds }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            body = try c.decode(String.self, forKey: .body)
            attachmentIds = try c.decodeUnlessAbsent([String].self, forKey: .attachmentIds) ?? []
        }
    }

    struct ReplyBody: Decodable {
        var body: String
        var channel: Channel?
        var attachmentIds: [String]

        enum CodingKeys: String, CodingKey { case body, channel, attachmentIds }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            body = try c.decode(String.self, forKey: .body)
            channel = try c.decodeUnlessAbsent(Channel.self, forKey: .channel)
            attachmentIds = try c.decodeUnlessAbsent([String].self, forKey: .attachmentIds) ?? []
        }
    }

    struct ChannelOptionJSON: Encodable {
        var channel: Channel
        var available: Bool
        var reason: String?
        var to: String?
    }

    struct ChannelsJSON: Encodable {
        var items: [ChannelOptionJSON]
        var defaultChannel: Channel?

        enum Keys: String, CodingKey { case items, `default` }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(items, forKey: .items)
            try c.encode(defaultChannel, forKey: .default)
        }
    }

    /// `{into}`: the number of the ticket to merge into.
    struct MergeBody: Decodable {
        var into: Int

        enum CodingKeys: String, CodingKey { case into }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            into = try c.decode(Int.self, forKey: .into)
            guard into > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .into, in: c, debugDescription: "must be a ticket number such as 10001")
            }
        }
    }

    static func number(_ context: AppRequestContext) throws -> Int {
        let raw = context.parameters.get("number") ?? ""
        guard let number = Int(raw), number > 0 else {
            throw HelpDeskError.invalid("number", "must be a ticket number such as 10001 (got \"\(raw)\")")
        }
        return number
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/tickets") { request, context in
            let caller = try context.requireCaller()
            let parameters = request.uri.queryParameters
            let query = try InboxQuery.parse { name in parameters[name[...]].map(String.init) }
            let page = try await helpDesk.listInbox(caller, query)
            return try jsonResponse(
                PageJSON(
                    items: page.items.map {
                        InboxRowJSON(ticket: $0, triage: page.triage[$0.id], sla: page.sla[$0.id])
                    },
                    nextCursor: page.nextCursor?.encoded))
        }
        routes.add(.get, "/api/v1/tickets/counts") { _, context in
            let caller = try context.requireCaller()
            let counts = try await helpDesk.ticketCounts(caller)
            return try jsonResponse([
                "mine": counts.mine, "unassigned": counts.unassigned, "all": counts.unresolved,
                "resolved": counts.resolved,
            ])
        }
        routes.add(.get, "/api/v1/live") { request, _ in
            // Also where a refused WebSocket upgrade lands: the same question as the upgrade, with its answer.
            _ = try await LiveUpdates.authorize(request.head, helpDesk: helpDesk)
            throw HTTPError(
                .upgradeRequired, message: "connect with a WebSocket: GET /api/v1/live with Upgrade: websocket")
        }
        routes.add(.post, "/api/v1/tickets") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let body = try await request.decodeJSON(NewTicketBody.self)
            let ticket = try await helpDesk.openTicket(
                caller, subject: body.subject,
                requester: Requester(
                    name: body.requester.name, email: body.requester.email, phone: body.requester.phone),
                priority: body.priority, channel: body.channel, body: body.body)
            return try jsonResponse(TicketJSON(ticket), status: .created)
        }
        routes.add(.get, "/api/v1/tickets/:number") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(TicketJSON(try await helpDesk.ticket(caller, number: try number(context))))
        }
        routes.add(.patch, "/api/v1/tickets/:number") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let number = try number(context)
            let body = try await request.decodeJSON(PatchBody.self)
            let ticket = try await helpDesk.updateTicket(
                caller, number: number, status: body.status, priority: body.priority, assigneeID: body.assigneeId,
                subject: body.subject)
            return try jsonResponse(TicketJSON(ticket))
        }
        routes.add(.post, "/api/v1/tickets/:number/merge") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let number = try number(context)
            let body = try await request.decodeJSON(MergeBody.self)
            let merged = try await helpDesk.mergeTicket(caller, number: number, into: body.into)
            return try jsonResponse(TicketJSON(merged.target))
        }
        routes.add(.get, "/api/v1/tickets/:number/merge-suggestions") { _, context in
            let caller = try context.requireCaller()
            let tickets = try await helpDesk.mergeSuggestions(caller, number: try number(context))
            return try jsonResponse(ItemsJSON(items: tickets.map(TicketJSON.init)))
        }
        routes.add(.post, "/api/v1/tickets/:number/unmerge") { _, context in
            let caller = try context.requireCaller()
            let merged = try await helpDesk.unmergeTicket(caller, number: try number(context))
            return try jsonResponse(TicketJSON(merged.source))
        }
        routes.add(.post, "/api/v1/tickets/:number/pickup") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(TicketJSON(try await helpDesk.pickUp(caller, number: try number(context))))
        }
        routes.add(.get, "/api/v1/tickets/:number/timeline") { request, context in
            let caller = try context.requireCaller()
            let page = try EntryPageQuery(request.uri.queryParameters, afterMeans: "the id of the last entry received")
            let entries = try await helpDesk.timeline(
                caller, number: try number(context), after: page.after, limit: page.limit + 1)
            return try jsonResponse(page.page(entries, TimelineEntryJSON.init))
        }
        routes.add(.post, "/api/v1/tickets/:number/notes") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let number = try number(context)
            let body = try await request.decodeJSON(NoteBody.self)
            let note = try await helpDesk.addNote(
                caller, number: number, body: body.body, attachmentIDs: body.attachmentIds)
            return try jsonResponse(TimelineEntryJSON(note), status: .created)
        }
        routes.add(.post, "/api/v1/tickets/:number/replies") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let number = try number(context)
            let body = try await request.decodeJSON(ReplyBody.self)
            let entry = try await helpDesk.reply(
                caller, number: number, body: body.body, channel: body.channel, attachmentIDs: body.attachmentIds)
            return try jsonResponse(TimelineEntryJSON(entry), status: .created)
        }
        routes.add(.post, "/api/v1/tickets/:number/messages/:entryId/retry") { _, context in
            let caller = try context.requireCaller()
            let raw = context.parameters.get("entryId") ?? ""
            guard let entryID = Int64(raw), entryID >= 0 else {
                throw HelpDeskError.invalid("entryId", "must be a message id from the timeline (got \"\(raw)\")")
            }
            let entry = try await helpDesk.retryDelivery(caller, number: try number(context), entryID: entryID)
            return try jsonResponse(TimelineEntryJSON(entry))
        }
        routes.add(.post, "/api/v1/tickets/:number/takeover") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(TicketJSON(try await helpDesk.takeOver(caller, number: try number(context))))
        }
        routes.add(.post, "/api/v1/tickets/:number/release") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(TicketJSON(try await helpDesk.release(caller, number: try number(context))))
        }
        routes.add(.get, "/api/v1/tickets/:number/channels") { _, context in
            let caller = try context.requireCaller()
            let options = try await helpDesk.replyChannels(caller, number: try number(context))
            return try jsonResponse(
                ChannelsJSON(
                    items: options.map {
                        ChannelOptionJSON(
                            channel: $0.channel, available: $0.available, reason: $0.reason, to: $0.to)
                    },
                    defaultChannel: options.first(where: \.available)?.channel))
        }
    }
}
