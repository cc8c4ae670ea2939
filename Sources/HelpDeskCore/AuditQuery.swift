import Foundation

/// One request for a page of a team's audit log: filters, newest first, by cursor.
public struct AuditQuery: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maxLimit = 200

    public var action: AuditAction?
    public var actorID: String?
    public var subjectType: AuditSubjectType?
    /// Entries at or after this instant.
    public var since: Timestamp?
    /// Entries before this instant.
    public var until: Timestamp?
    public var limit: Int
    /// Entries older than this one (the last entry of the previous page).
    public var before: Int64?

    public init(
        action: AuditAction? = nil, actorID: String? = nil, subjectType: AuditSubjectType? = nil,
        since: Timestamp? = nil, until: Timestamp? = nil, limit: Int = AuditQuery.defaultLimit, before: Int64? = nil
    ) {
        self.action = action
        self.actorID = actorID
        self.subjectType = subjectType
        self.since = since
        self.until = until
        self.limit = limit
        self.before = before
    }

    /// The cursor continuing after the entry with this id.
    public static func cursor(after id: Int64) -> String { Base64URL.encode(Data("a1.\(id)".utf8)) }

    /// The entry id a cursor continues after; nil when this server did not issue it.
    public static func entryID(cursor: String) -> Int64? {
        guard cursor.count <= 40, let data = Base64URL.decode(cursor), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("a1."), let id = Int64(text.dropFirst(3)), id > 0
        else { return nil }
        return id
    }

    /// Builds a query from URL query parameters, naming every bad one.
    public static func parse(_ parameter: (String) -> String?) throws(HelpDeskError) -> AuditQuery {
        var errors: [FieldError] = []
        var query = AuditQuery()
        func given(_ name: String) -> String? { parameter(name).flatMap { $0.isEmpty ? nil : $0 } }
        if let raw = given("action") {
            query.action = AuditAction(rawValue: raw)
            if query.action == nil {
                errors.append(
                    FieldError(field: "action", message: "must be one of \(AuditAction.allowedValues) (got \"\(raw)\")")
                )
            }
        }
        if let raw = given("subjectType") {
            query.subjectType = AuditSubjectType(rawValue: raw)
            if query.subjectType == nil {
                errors.append(
                    FieldError(
                        field: "subjectType",
                        message: "must be one of \(AuditSubjectType.allowedValues) (got \"\(raw)\")"))
            }
        }
        if let raw = given("actorId") {
            if raw.count > 100 {
                errors.append(FieldError(field: "actorId", message: "must be at most 100 characters"))
            } else {
                query.actorID = raw
            }
        }
        for name in ["since", "until"] {
            guard let raw = given(name) else { continue }
            guard raw.count <= 40, let time = Timestamp(rfc3339: raw) else {
                errors.append(
                    FieldError(
                        field: name, message: "must be an RFC 3339 time such as 2026-11-28T09:00:00Z (got \"\(raw)\")"))
                continue
            }
            if name == "since" { query.since = time } else { query.until = time }
        }
        if let raw = parameter("limit") {
            if let limit = Int(raw), (1...maxLimit).contains(limit) {
                query.limit = limit
            } else {
                errors.append(
                    FieldError(field: "limit", message: "must be an integer from 1 to \(maxLimit) (got \"\(raw)\")"))
            }
        }
        if let raw = given("cursor") {
            if let id = entryID(cursor: raw) {
                query.before = id
            } else {
                errors.append(
                    FieldError(field: "cursor", message: "is not a cursor this server issued; start again without it"))
            }
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return query
    }
}

/// A page of audit entries, newest first, and where the next one starts.
public struct AuditPage: Sendable, Equatable {
    public var items: [AuditEntry]
    /// The id of the last entry when there are older ones.
    public var nextBefore: Int64?

    public init(items: [AuditEntry], nextBefore: Int64?) {
        self.items = items
        self.nextBefore = nextBefore
    }
}
