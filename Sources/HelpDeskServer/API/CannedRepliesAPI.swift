import HelpDeskCore
import HelpDeskService
import Hummingbird

/// Canned replies: the team's list, managed by owners and managers, and the
/// preview that fills one for a ticket.
enum CannedRepliesAPI {
    struct CannedReplyBody: Decodable {
        var title: String
        var body: String
    }

    struct CannedReplyJSON: Encodable {
        var id: String
        var title: String
        var body: String
        var createdAt: Timestamp
        var updatedAt: Timestamp

        init(_ reply: CannedReply) {
            id = reply.id
            title = reply.title
            body = reply.body
            createdAt = reply.createdAt
            updatedAt = reply.updatedAt
        }
    }

    struct PreviewJSON: Encodable {
        var body: String
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/canned-replies") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(
                ItemsJSON(items: try await helpDesk.cannedReplies(caller).map(CannedReplyJSON.init)))
        }
        routes.add(.post, "/api/v1/canned-replies") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            try caller.requireConfigure("manage canned replies")
            let body = try await request.decodeJSON(CannedReplyBody.self)
            let reply = try await helpDesk.createCannedReply(caller, title: body.title, body: body.body)
            return try jsonResponse(CannedReplyJSON(reply), status: .created)
        }
        routes.add(.put, "/api/v1/canned-replies/:id") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            try caller.requireConfigure("manage canned replies")
            let body = try await request.decodeJSON(CannedReplyBody.self)
            let reply = try await helpDesk.updateCannedReply(
                caller, id: context.parameters.get("id") ?? "", title: body.title, body: body.body)
            return try jsonResponse(CannedReplyJSON(reply))
        }
        routes.add(.delete, "/api/v1/canned-replies/:id") { _, context in
            let caller = try context.requireCaller()
            try await helpDesk.deleteCannedReply(caller, id: context.parameters.get("id") ?? "")
            return Response(status: .noContent)
        }
        routes.add(.get, "/api/v1/tickets/:number/canned-replies/:id") { _, context in
            let caller = try context.requireCaller()
            let body = try await helpDesk.cannedReplyPreview(
                caller, number: try TicketsAPI.number(context), id: context.parameters.get("id") ?? "")
            return try jsonResponse(PreviewJSON(body: body))
        }
    }
}
