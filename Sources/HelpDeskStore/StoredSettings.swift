import Foundation
import HelpDeskCore

/// How a team's calendar and SLA policy are kept in the `teams` row, the same
/// for every store so a database copied from SQLite to PostgreSQL reads the same.
///
/// `calendar_json` and `sla_json` hold the settings as the API spells them.
/// NULL means never set: the calendar is then the one the older
/// `business_hours_*` columns describe, and the policy has no targets.
package enum StoredSettings {
    /// The stored text of a calendar.
    package static func json(_ calendar: BusinessCalendar) throws -> String {
        try encoded(calendar)
    }

    /// The stored text of a policy; NULL for the standard one (no targets).
    package static func json(_ sla: SLAPolicy) throws -> String? {
        sla == .standard ? nil : try encoded(sla)
    }

    /// The calendar of a row: `calendar_json` when set, else the older business hours.
    package static func calendar(json: String?, hours: BusinessHours) throws -> BusinessCalendar {
        guard let json else { return .from(hours) }
        do {
            return try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        } catch {
            throw UnknownStoredValue(column: "teams.calendar_json", value: json)
        }
    }

    /// The policy of a row: `sla_json` when set, else none.
    package static func sla(json: String?) throws -> SLAPolicy {
        guard let json else { return .standard }
        do {
            return try JSONDecoder().decode(SLAPolicy.self, from: Data(json.utf8))
        } catch {
            throw UnknownStoredValue(column: "teams.sla_json", value: json)
        }
    }

    /// The stored text of rating settings; NULL for the standard ones (off).
    package static func json(_ csat: CSATSettings) throws -> String? {
        csat == .standard ? nil : try encoded(csat)
    }

    /// The rating settings of a row: `csat_json` when set, else off.
    package static func csat(json: String?) throws -> CSATSettings {
        guard let json else { return .standard }
        do {
            return try JSONDecoder().decode(CSATSettings.self, from: Data(json.utf8))
        } catch {
            throw UnknownStoredValue(column: "teams.csat_json", value: json)
        }
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
