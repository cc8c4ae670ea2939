import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird
import NIOCore

// The JSON shapes of the API (the OpenAPI document). Encoders write `null` explicitly for absent
// optional fields that the contract lists, so clients can rely on every key.

struct RequesterJSON: Codable {
    var name: String
    var email: String?
    var phone: String?
    var handle: String?

    init(_ requester: Requester) {
        name = requester.name
        email = requester.email
        phone = requester.phone
        handle = requester.handle
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(phone, forKey: .phone)
        try c.encode(handle, forKey: .handle)
    }
}

struct MemberRefJSON: Encodable {
    var id: String
    var displayName: String
}

struct TicketJSON: Encodable, JSONWritable {
    let ticket: Ticket
    init(_ ticket: Ticket) { self.ticket = ticket }

    enum Keys: String, CodingKey {
        case number, status, priority, subject, requester, assignee, agent, channel, createdAt, lastActivityAt,
            resolvedAt, tags, mergedInto
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(ticket.number, forKey: .number)
        try c.encode(ticket.status, forKey: .status)
        try c.encode(ticket.priority, forKey: .priority)
        try c.encode(ticket.subject, forKey: .subject)
        try c.encode(RequesterJSON(ticket.requester), forKey: .requester)
        try c.encode(ticket.assignee.map { MemberRefJSON(id: $0.id, displayName: $0.displayName) }, forKey: .assignee)
        try c.encode(ticket.agent, forKey: .agent)
        try c.encode(ticket.channel, forKey: .channel)
        try c.encode(ticket.createdAt, forKey: .createdAt)
        try c.encode(ticket.lastActivityAt, forKey: .lastActivityAt)
        try c.encode(ticket.resolvedAt, forKey: .resolvedAt)
        try c.encode(ticket.tags, forKey: .tags)
        try c.encode(ticket.mergedInto, forKey: .mergedInto)
    }

    func writeJSON(to json: inout JSONBuffer) {
        writeFields(to: &json)
        json.bytes.append(UInt8(ascii: "}"))
    }

    /// The object's opening brace and fields, left open for a row to add its own.
    func writeFields(to json: inout JSONBuffer) {
        json.bytes.append(UInt8(ascii: "{"))
        json.writeKey("number", first: true)
        json.writeInteger(ticket.number)
        json.writeKey("status")
        json.writeString(ticket.status.rawValue)
        json.writeKey("priority")
        json.writeString(ticket.priority.rawValue)
        json.writeKey("subject")
        json.writeString(ticket.subject)
        json.writeKey("requester")
        json.bytes.append(UInt8(ascii: "{"))
        json.writeKey("name", first: true)
        json.writeString(ticket.requester.name)
        json.writeKey("email")
        json.writeString(ticket.requester.email)
        json.writeKey("phone")
        json.writeString(ticket.requester.phone)
        json.writeKey("handle")
        json.writeString(ticket.requester.handle)
        json.bytes.append(UInt8(ascii: "}"))
        json.writeKey("assignee")
        if let assignee = ticket.assignee {
            json.writeReference(id: assignee.id, "displayName", assignee.displayName)
        } else {
            json.writeRaw("null")
        }
        json.writeKey("agent")
        if let agent = ticket.agent {
            json.writeReference(id: agent.id, "name", agent.name)
        } else {
            json.writeRaw("null")
        }
        json.writeKey("channel")
        json.writeString(ticket.channel.rawValue)
        json.writeKey("createdAt")
        json.writeTimestamp(ticket.createdAt)
        json.writeKey("lastActivityAt")
        json.writeTimestamp(ticket.lastActivityAt)
        json.writeKey("resolvedAt")
        json.writeTimestamp(ticket.resolvedAt)
        json.writeKey("tags")
        json.writeStrings(ticket.tags)
        json.writeKey("mergedInto")
        if let mergedInto = ticket.mergedInto {
            json.writeInteger(mergedInto)
        } else {
            json.writeRaw("null")
        }
    }
}

/// An inbox row: the ticket, plus what to triage by.
struct InboxRowJSON: Encodable, JSONWritable {
    let ticket: Ticket
    let triage: Triage?
    /// The row's SLA clocks; nil when the team sets no target (then the dues are null).
    var sla: SLAStatus? = nil

    enum Keys: String, CodingKey { case preview, waitingSince, sla }

    struct SLAJSON: Encodable {
        var firstResponseDueAt: Timestamp?
        var resolutionDueAt: Timestamp?
        var breached: Bool

        enum CodingKeys: String, CodingKey { case firstResponseDueAt, resolutionDueAt, breached }

        init(_ status: SLAStatus?) {
            firstResponseDueAt = status?.firstResponseDueAt.map(Timestamp.init)
            resolutionDueAt = status?.resolutionDueAt.map(Timestamp.init)
            breached = status?.breached ?? false
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(firstResponseDueAt, forKey: .firstResponseDueAt)
            try c.encode(resolutionDueAt, forKey: .resolutionDueAt)
            try c.encode(breached, forKey: .breached)
        }
    }

    func encode(to encoder: any Encoder) throws {
        try TicketJSON(ticket).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(triage?.preview, forKey: .preview)
        try c.encode(triage?.waitingSince, forKey: .waitingSince)
        try c.encode(SLAJSON(sla), forKey: .sla)
    }

    func writeJSON(to json: inout JSONBuffer) {
        TicketJSON(ticket).writeFields(to: &json)
        json.writeKey("preview")
        json.writeString(triage?.preview)
        json.writeKey("waitingSince")
        json.writeTimestamp(triage?.waitingSince)
        let sla = SLAJSON(sla)
        json.writeKey("sla")
        json.bytes.append(UInt8(ascii: "{"))
        json.writeKey("firstResponseDueAt", first: true)
        json.writeTimestamp(sla.firstResponseDueAt)
        json.writeKey("resolutionDueAt")
        json.writeTimestamp(sla.resolutionDueAt)
        json.writeKey("breached")
        json.writeRaw(sla.breached ? "true" : "false")
        json.bytes.append(UInt8(ascii: "}"))
        json.bytes.append(UInt8(ascii: "}"))
    }
}

struct MemberJSON: Encodable {
    let member: Member
    let openTickets: Int?

    enum Keys: String, CodingKey {
        case id, email, role, displayName, sendingEmail, signature, availability, teamId, openTickets
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(member.id, forKey: .id)
        try c.encode(member.email, forKey: .email)
        try c.encode(member.role, forKey: .role)
        try c.encode(member.displayName, forKey: .displayName)
        try c.encode(member.sendingEmail, forKey: .sendingEmail)
        try c.encode(member.signature, forKey: .signature)
        try c.encode(member.availability, forKey: .availability)
        try c.encode(member.teamID, forKey: .teamId)
        try c.encodeIfPresent(openTickets, forKey: .openTickets)
    }
}

struct TimelineEntryJSON: Encodable, JSONWritable {
    let entry: TimelineEntry
    init(_ entry: TimelineEntry) { self.entry = entry }

    enum Keys: String, CodingKey {
        case id, kind, at, author, channel, body, delivery, attachments, event, actor, from, to, detail, mentions,
            mergedFrom
    }

    struct AuthorJSON: Encodable {
        var kind: AuthorKind?
        var id: String?
        var name: String
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(String(entry.id), forKey: .id)
        try c.encode(entry.at, forKey: .at)
        switch entry.content {
        case .message(let author, let channel, let body, let delivery):
            try c.encode("message", forKey: .kind)
            try c.encode(AuthorJSON(kind: author.kind, id: author.id, name: author.name), forKey: .author)
            try c.encode(channel, forKey: .channel)
            try c.encode(body, forKey: .body)
            try c.encodeIfPresent(delivery, forKey: .delivery)
            try c.encode(entry.attachments.map(AttachmentsAPI.AttachmentJSON.init), forKey: .attachments)
        case .note(let author, let body, let mentions):
            try c.encode("note", forKey: .kind)
            try c.encode(AuthorJSON(kind: nil, id: author.id, name: author.displayName), forKey: .author)
            try c.encode(body, forKey: .body)
            try c.encode(entry.attachments.map(AttachmentsAPI.AttachmentJSON.init), forKey: .attachments)
            try c.encode(mentions, forKey: .mentions)
        case .event(let event):
            try c.encode("event", forKey: .kind)
            try c.encode(event.kind, forKey: .event)
            try c.encode(event.actor.map { AuthorJSON(kind: nil, id: $0.id, name: $0.displayName) }, forKey: .actor)
            try c.encodeIfPresent(event.from, forKey: .from)
            try c.encodeIfPresent(event.to, forKey: .to)
            try c.encodeIfPresent(event.detail, forKey: .detail)
        }
        try c.encodeIfPresent(entry.mergedFrom, forKey: .mergedFrom)
    }

    /// Messages without a delivery state, and entries without attachments,
    /// are most of a long timeline; the rest go through `encode(to:)`.
    var writesItself: Bool {
        guard entry.attachments.isEmpty, entry.mergedFrom == nil else { return false }
        if case .message(_, _, _, let delivery) = entry.content { return delivery == nil }
        return true
    }

    func writeJSON(to json: inout JSONBuffer) {
        json.bytes.append(UInt8(ascii: "{"))
        json.writeKey("id", first: true)
        json.bytes.append(UInt8(ascii: "\""))
        json.writeInteger(entry.id)
        json.bytes.append(UInt8(ascii: "\""))
        json.writeKey("at")
        json.writeTimestamp(entry.at)
        switch entry.content {
        case .message(let author, let channel, let body, _):
            json.writeKey("kind")
            json.writeRaw("\"message\"")
            json.writeKey("author")
            json.bytes.append(UInt8(ascii: "{"))
            json.writeKey("kind", first: true)
            json.writeString(author.kind.rawValue)
            if let id = author.id {
                json.writeKey("id")
                json.writeString(id)
            }
            json.writeKey("name")
            json.writeString(author.name)
            json.bytes.append(UInt8(ascii: "}"))
            json.writeKey("channel")
            json.writeString(channel.rawValue)
            json.writeKey("body")
            json.writeString(body)
            json.writeKey("attachments")
            json.writeRaw("[]")
        case .note(let author, let body, let mentions):
            json.writeKey("kind")
            json.writeRaw("\"note\"")
            json.writeKey("author")
            json.writeReference(id: author.id, "name", author.displayName)
            json.writeKey("body")
            json.writeString(body)
            json.writeKey("attachments")
            json.writeRaw("[]")
            json.writeKey("mentions")
            json.writeStrings(mentions)
        case .event(let event):
            json.writeKey("kind")
            json.writeRaw("\"event\"")
            json.writeKey("event")
            json.writeString(event.kind.rawValue)
            json.writeKey("actor")
            if let actor = event.actor {
                json.writeReference(id: actor.id, "name", actor.displayName)
            } else {
                json.writeRaw("null")
            }
            if let from = event.from {
                json.writeKey("from")
                json.writeString(from)
            }
            if let to = event.to {
                json.writeKey("to")
                json.writeString(to)
            }
            if let detail = event.detail {
                json.writeKey("detail")
                json.writeString(detail)
            }
        }
        json.bytes.append(UInt8(ascii: "}"))
    }
}

struct PageJSON<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum Keys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

struct ItemsJSON<Item: Encodable>: Encodable {
    var items: [Item]
}

/// One page of a list read forward by entry id: `hasMore` says whether
/// `?after=<the last item's id>` has more.
struct EntryPageJSON<Item: Encodable>: Encodable {
    var items: [Item]
    var hasMore: Bool
}

/// `?after=` and `?limit=` of a list read forward by entry id.
struct EntryPageQuery {
    var after: Int64?
    var limit: Int

    static let defaultLimit = 200
    static let maxLimit = 500

    init(_ parameters: Hummingbird.Parameters, afterMeans: String) throws {
        if let raw = parameters["after"] {
            guard let value = Int64(raw), value >= 0 else {
                throw HelpDeskError.invalid("after", "must be \(afterMeans), 0 or more (got \"\(raw)\")")
            }
            after = value
        }
        limit = Self.defaultLimit
        if let raw = parameters["limit"] {
            guard let value = Int(raw), (1...Self.maxLimit).contains(value) else {
                throw HelpDeskError.invalid(
                    "limit", "must be a whole number from 1 to \(Self.maxLimit) (got \"\(raw)\")")
            }
            limit = value
        }
    }

    /// The page from `limit + 1` items read.
    func page<Item, JSON: Encodable>(_ read: [Item], _ json: (Item) -> JSON) -> EntryPageJSON<JSON> {
        EntryPageJSON(items: read.prefix(limit).map(json), hasMore: read.count > limit)
    }
}

/// Settings in and out, exactly as the OpenAPI document spells them.
struct SettingsJSON: Codable {
    struct SupportInbox: Codable {
        var enabled: Bool
        var address: String?

        enum CodingKeys: String, CodingKey { case enabled, address }

        init(enabled: Bool, address: String?) {
            self.enabled = enabled
            self.address = address
        }

        /// `address` must be sent, if only as null: settings are replaced whole.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decode(Bool.self, forKey: .enabled)
            address = try c.decode(String?.self, forKey: .address)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(enabled, forKey: .enabled)
            try c.encode(address, forKey: .address)
        }
    }

    /// Out: derived from the calendar (see `BusinessCalendar.businessHours`). In: the older form of
    /// `calendar`, accepted instead of it, never with it.
    var businessHours: BusinessHours?
    var calendar: BusinessCalendar?
    /// In: left out keeps the team's current policy.
    var sla: SLAPolicy?
    var emailNotifications: Bool
    var assignment: AssignmentMethod
    var supportInbox: SupportInbox
    /// In: left out keeps the team's current rating settings.
    var csat: CSATSettings?

    enum CodingKeys: String, CodingKey {
        case businessHours, calendar, sla, emailNotifications, assignment, supportInbox, csat
    }

    init(_ settings: TeamSettings) {
        businessHours = settings.businessHours
        calendar = settings.calendar
        sla = settings.sla
        emailNotifications = settings.emailNotifications
        assignment = settings.assignment
        supportInbox = SupportInbox(enabled: settings.supportInboxEnabled, address: settings.supportInboxAddress)
        csat = settings.csat
    }

    /// `calendar` or `businessHours` must be sent, both only when they agree (as `GET` returns
    /// them); `sla` may be left out, and the other fields are required: settings are replaced whole.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        calendar = try c.decodeUnlessAbsent(BusinessCalendar.self, forKey: .calendar)
        businessHours = try c.decodeUnlessAbsent(BusinessHours.self, forKey: .businessHours)
        sla = try c.decodeUnlessAbsent(SLAPolicy.self, forKey: .sla)
        emailNotifications = try c.decode(Bool.self, forKey: .emailNotifications)
        assignment = try c.decode(AssignmentMethod.self, forKey: .assignment)
        supportInbox = try c.decode(SupportInbox.self, forKey: .supportInbox)
        csat = try c.decodeUnlessAbsent(CSATSettings.self, forKey: .csat)
        if let calendar, let hours = businessHours {
            // Settings read and sent back unchanged carry both; only a businessHours that says
            // something else than the calendar is a conflict.
            guard hours == calendar.businessHours else {
                throw HelpDeskError.invalid(
                    "businessHours",
                    "send one of calendar or businessHours: this businessHours differs from the calendar it was sent with, and calendar supersedes it"
                )
            }
            businessHours = nil
        }
        if calendar == nil, businessHours == nil {
            throw HelpDeskError.invalid(
                "calendar", "is required: send the business calendar (or, in the older form, businessHours)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(businessHours, forKey: .businessHours)
        try c.encodeIfPresent(calendar, forKey: .calendar)
        try c.encodeIfPresent(sla, forKey: .sla)
        try c.encode(emailNotifications, forKey: .emailNotifications)
        try c.encode(assignment, forKey: .assignment)
        try c.encode(supportInbox, forKey: .supportInbox)
        try c.encodeIfPresent(csat, forKey: .csat)
    }

    /// The replacement a PUT asks for.
    var change: SettingsChange {
        let hours: SettingsChange.Hours =
            if let calendar { .calendar(calendar) } else { .businessHours(businessHours ?? .standard) }
        return SettingsChange(
            hours: hours, sla: sla, emailNotifications: emailNotifications, assignment: assignment,
            supportInboxEnabled: supportInbox.enabled, supportInboxAddress: supportInbox.address, csat: csat)
    }
}

/// Encodes a value as a JSON response.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws
    -> Response
{
    let bytes = try StreamingJSONEncoder().encode(value)
    var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    fields.append(contentsOf: headers)
    return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
}
