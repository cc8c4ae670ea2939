import Foundation

/// The audit log as CSV (`CSV`: RFC 4180, formulas neutralised): a header row, then a row per entry.
public enum AuditCSV {
    public static let header = [
        "id", "at", "actorKind", "actorId", "actorName", "action", "subjectType", "subjectId", "subjectName",
        "changes", "before", "after",
    ]

    /// The header row.
    public static var headerLine: String { line(header) }

    /// One entry's row.
    public static func row(_ entry: AuditEntry) -> String {
        let record = entry.record
        let changes = entry.changes.map { change in
            "\(change.field): \(change.before?.display ?? "—") → \(change.after?.display ?? "—")"
        }
        return line([
            String(entry.id), record.at.rfc3339, record.actor.kind.rawValue, record.actor.id ?? "", record.actor.name,
            record.action.rawValue, record.subject.type.rawValue, record.subject.id, record.subject.name ?? "",
            changes.joined(separator: "\n"), record.before?.json ?? "", record.after?.json ?? "",
        ])
    }

    /// Fields joined by commas (see `CSV`), ending in CRLF.
    public static func line(_ fields: [String]) -> String { CSV.row(fields) }
}
