import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird

/// Tags: the team's list, managed by owners and managers, and putting them on
/// tickets and taking them off, which every member does.
enum TagsAPI {
    struct NewTagBody: Decodable {
        var name: String
        var color: String?

        enum CodingKeys: String, CodingKey { case name, color }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            color = try c.decodeUnlessAbsent(String.self, forKey: .color)
        }
    }

    struct TagChangeBody: Decodable {
        var color: String
    }

    struct TagJSON: Encodable {
        var name: String
        var color: String

        init(_ tag: TicketTag) {
            name = tag.name
            color = tag.color
        }
    }

    struct SuggestionStatsJSON: Encodable {
        var suggested: Int
        var accepted: Int
        var rejected: Int
    }

    /// The `{name}` of a path, as sent (percent-decoded).
    static func name(_ context: AppRequestContext) -> String {
        let raw = context.parameters.get("name") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/tags") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(ItemsJSON(items: try await helpDesk.tags(caller).map(TagJSON.init)))
        }
        routes.add(.post, "/api/v1/tags") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            try caller.requireConfigure("manage the team's tags")
            let body = try await request.decodeJSON(NewTagBody.self)
            let tag = try await helpDesk.createTag(caller, name: body.name, color: body.color)
            return try jsonResponse(TagJSON(tag), status: .created)
        }
        routes.add(.put, "/api/v1/tags/:name") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            try caller.requireConfigure("manage the team's tags")
            let body = try await request.decodeJSON(TagChangeBody.self)
            let tag = try await helpDesk.recolorTag(caller, name: name(context), color: body.color)
            return try jsonResponse(TagJSON(tag))
        }
        routes.add(.delete, "/api/v1/tags/:name") { _, context in
            let caller = try context.requireCaller()
            try await helpDesk.deleteTag(caller, name: name(context))
            return Response(status: .noContent)
        }
        routes.add(.put, "/api/v1/tickets/:number/tags/:name") { _, context in
            let caller = try context.requireCaller()
            let ticket = try await helpDesk.tagTicket(
                caller, number: try TicketsAPI.number(context), name: name(context))
            return try jsonResponse(TicketJSON(ticket))
        }
        routes.add(.get, "/api/v1/tags/suggestion-stats") { _, context in
            let caller = try context.requireCaller()
            let stats = try await helpDesk.tagSuggestionStats(caller)
            return try jsonResponse(
                SuggestionStatsJSON(suggested: stats.suggested, accepted: stats.accepted, rejected: stats.rejected))
        }
        routes.add(.get, "/api/v1/tickets/:number/tag-suggestions") { _, context in
            let caller = try context.requireCaller()
            let tags = try await helpDesk.tagSuggestions(caller, number: try TicketsAPI.number(context))
            return try jsonResponse(ItemsJSON(items: tags.map(TagJSON.init)))
        }
        for (verb, accept) in [("accept", true), ("reject", false)] {
            routes.add(.post, "/api/v1/tickets/:number/tag-suggestions/:name/\(verb)") { _, context in
                let caller = try context.requireCaller()
                let ticket = try await helpDesk.decideTagSuggestion(
                    caller, number: try TicketsAPI.number(context), name: name(context), accept: accept)
                return try jsonResponse(TicketJSON(ticket))
            }
        }
        routes.add(.delete, "/api/v1/tickets/:number/tags/:name") { _, context in
            let caller = try context.requireCaller()
            let ticket = try await helpDesk.untagTicket(
                caller, number: try TicketsAPI.number(context), name: name(context))
            return try jsonResponse(TicketJSON(ticket))
        }
    }
}
