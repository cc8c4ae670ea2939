import Foundation

/// A tag: a label a team puts on tickets (`billing`, `vip`) to find and sort them:
/// every member tags the tickets they work on, owners and managers keep the
/// team's list and its colours.
///
/// Names compare ignoring case because they are stored in one form: trimmed,
/// lower-cased and in Unicode's composed form (`TicketTag.key`). `Billing`,
/// `BILLING` and `billing` are one tag, shown as `billing`; both stores then
/// compare names with plain equality and agree on every one.
public struct TicketTag: Sendable, Equatable, Codable {
    public var teamID: String
    /// The stored form (`TicketTag.key`): unique in the team.
    public var name: String
    /// `#rrggbb`, lower case.
    public var color: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(teamID: String, name: String, color: String, createdAt: Timestamp, updatedAt: Timestamp) {
        self.teamID = teamID
        self.name = name
        self.color = color
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The longest name, in code points of the text as sent (as JSON Schema's maxLength counts).
    public static let nameLimit = 40
    /// The colour of a tag created without one (a ticket tagged with a name the team had no tag for).
    public static let defaultColor = "#6b7280"
    /// The most tags a team keeps.
    public static let teamLimit = 200
    /// The most tags one ticket carries.
    public static let ticketLimit = 20

    /// The form a name is stored and compared in: trimmed, lower case, composed. No validation.
    public static func key(_ text: String) -> String {
        text.trimmingWhitespace().lowercased().precomposedStringWithCanonicalMapping
    }

    /// A name as a member wrote it, in its stored form (`key`); throws `invalid` on `field` when it
    /// is empty after trimming, longer than `nameLimit` or holds a control character.
    public static func validName(_ text: String, field: String = "name") throws(HelpDeskError) -> String {
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid(field, "must not contain control characters such as line breaks or tabs")
        }
        _ = try TextLimits.required(text, field: field, max: nameLimit)
        return key(text)
    }

    /// A colour as `#rrggbb` (hex digits in either case), stored in lower case; throws `invalid` on `field`.
    public static func validColor(_ text: String, field: String = "color") throws(HelpDeskError) -> String {
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "#"), digits.count == 6,
            digits.allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit })
        else { throw .invalid(field, "must be a colour written #rrggbb, such as \(defaultColor) (got \"\(text)\")") }
        return text.lowercased()
    }

    /// A name and an optional colour (nil: `defaultColor`), validated together so every problem is named at once.
    public static func validated(name: String, color: String?) throws(HelpDeskError) -> (name: String, color: String) {
        var errors: [FieldError] = []
        var cleanName = ""
        var cleanColor = defaultColor
        do { cleanName = try validName(name) } catch { errors += error.fieldErrors }
        if let color {
            do { cleanColor = try validColor(color) } catch { errors += error.fieldErrors }
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return (cleanName, cleanColor)
    }

    /// Names in the order every list shows them: by their UTF-8 bytes, as both stores sort text.
    public static func sorted(_ names: [String]) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// The rules of putting a tag on a ticket and taking it off, decided on values
/// so both stores share them: the store reads the facts, asks, and applies.
public enum Tagging {
    /// What adding a tag to a ticket does.
    public enum Addition: Sendable, Equatable {
        /// The ticket has the tag already: nothing is written, no event.
        case nothing
        /// The ticket gets the tag (and the team a new tag with the default colour, when `createsTag`).
        case add(createsTag: Bool)
    }

    /// Adding `name` to ticket `number` that carries `ticketTags`, in a team with `teamTagCount`
    /// tags of which `name` is one when `teamHasTag`. Refuses (`unprocessable`) beyond `TicketTag.ticketLimit`
    /// tags on the ticket or `TicketTag.teamLimit` tags in the team.
    public static func adding(
        _ name: String, number: Int, ticketTags: [String], teamHasTag: Bool, teamTagCount: Int
    ) throws(HelpDeskError) -> Addition {
        if ticketTags.contains(name) { return .nothing }
        if ticketTags.count >= TicketTag.ticketLimit {
            throw .unprocessable(
                "ticket \(number) already has \(TicketTag.ticketLimit) tags, the most a ticket carries; remove one first"
            )
        }
        if !teamHasTag, teamTagCount >= TicketTag.teamLimit {
            throw .unprocessable(
                "the team already has \(TicketTag.teamLimit) tags, the most it keeps; use one of them or delete one first"
            )
        }
        return .add(createsTag: !teamHasTag)
    }

    /// Refuses a new tag (`unprocessable`) when the team already keeps `TicketTag.teamLimit`.
    public static func checkRoom(teamTagCount: Int) throws(HelpDeskError) {
        if teamTagCount >= TicketTag.teamLimit {
            throw .unprocessable(
                "the team already has \(TicketTag.teamLimit) tags, the most it keeps; delete one first")
        }
    }

    /// The event of a tag put on a ticket.
    public static func added(_ name: String, by actor: MemberRef) -> TicketEvent {
        TicketEvent(kind: .tagAdded, actor: actor, to: name)
    }

    /// The event of a tag taken off a ticket.
    public static func removed(_ name: String, by actor: MemberRef) -> TicketEvent {
        TicketEvent(kind: .tagRemoved, actor: actor, from: name)
    }
}
