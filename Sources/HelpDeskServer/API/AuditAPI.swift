import Foundation
import HelpDeskCore
import HelpDeskService
import Hummingbird
import NIOCore

/// The audit log of configuration changes, for owners and managers:
/// `GET /api/v1/audit` answers a page of JSON, newest first, or, with
/// `Accept: text/csv`, every matching entry as CSV.
enum AuditAPI {
    /// The most rows one CSV export holds; narrow the time range for more.
    static let csvRowLimit = 50_000

    struct ActorJSON: Encodable {
        var kind: String
        var id: String?
        var name: String

        enum Keys: String, CodingKey { case kind, id, name }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
        }
    }

    struct SubjectJSON: Encodable {
        var type: String
        var id: String
        var name: String?

        enum Keys: String, CodingKey { case type, id, name }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(type, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
        }
    }

    struct ChangeJSON: Encodable {
        var change: AuditChange

        enum Keys: String, CodingKey { case field, before, after }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(change.field, forKey: .field)
            try c.encode(change.before ?? .null, forKey: .before)
            try c.encode(change.after ?? .null, forKey: .after)
        }
    }

    /// One entry; `object` repeats `subject` under the name the product's API table uses.
    struct EntryJSON: Encodable {
        var entry: AuditEntry

        enum Keys: String, CodingKey { case id, at, actor, action, subject, object, before, after, changes }
        func encode(to encoder: any Encoder) throws {
            let record = entry.record
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(String(entry.id), forKey: .id)
            try c.encode(record.at, forKey: .at)
            try c.encode(
                ActorJSON(kind: record.actor.kind.rawValue, id: record.actor.id, name: record.actor.name),
                forKey: .actor)
            try c.encode(record.action.rawValue, forKey: .action)
            let subject = SubjectJSON(
                type: record.subject.type.rawValue, id: record.subject.id, name: record.subject.name)
            try c.encode(subject, forKey: .subject)
            try c.encode(subject, forKey: .object)
            try c.encode(record.before ?? .null, forKey: .before)
            try c.encode(record.after ?? .null, forKey: .after)
            try c.encode(entry.changes.map(ChangeJSON.init), forKey: .changes)
        }
    }

    /// The query of a request, after the caller was found allowed (so an operator learns nothing from a 400).
    static func query(_ request: Request, _ context: AppRequestContext) throws -> (Caller, AuditQuery) {
        let caller = try context.requireCaller()
        try caller.requireConfigure("read the audit log")
        let parameters = request.uri.queryParameters
        return (caller, try AuditQuery.parse { name in parameters[name[...]].map(String.init) })
    }

    static func page(_ helpDesk: HelpDesk, _ caller: Caller, _ query: AuditQuery) async throws -> Response {
        let page = try await helpDesk.auditLog(caller, query)
        return try jsonResponse(
            PageJSON(items: page.items.map(EntryJSON.init), nextCursor: page.nextBefore.map(AuditQuery.cursor(after:))))
    }

    /// Every entry matching the filters (from the newest, at most `csvRowLimit`), as CSV.
    static func csv(_ helpDesk: HelpDesk, _ caller: Caller, _ query: AuditQuery) async throws -> Response {
        var query = query
        query.limit = AuditQuery.maxLimit
        query.before = nil
        var text = AuditCSV.headerLine
        var rows = 0
        while rows < csvRowLimit {
            let page = try await helpDesk.auditLog(caller, query)
            for entry in page.items.prefix(csvRowLimit - rows) { text += AuditCSV.row(entry) }
            rows += page.items.count
            guard let next = page.nextBefore else { break }
            query.before = next
        }
        return CSVResponse.make(text, filename: "audit-log.csv")
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        // One route, as the product's contract has it: JSON, or CSV when the client accepts CSV before JSON.
        routes.add(.get, "/api/v1/audit") { request, context in
            let (caller, query) = try query(request, context)
            if CSVResponse.preferred(by: request.headers[.accept]) { return try await csv(helpDesk, caller, query) }
            return try await page(helpDesk, caller, query)
        }
    }
}
