import Foundation

/// The audit log as CSV (RFC 4180): a header row, CRLF line ends, fields
/// quoted when they hold a comma, a quote or a line break. A field that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading `'`, so an exported entry whose
/// subject someone named `=HYPERLINK(…)` stays text.
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

    /// Fields joined by commas, each neutralised and quoted as needed, ending in CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// The text with a `'` in front when a spreadsheet would take it for a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return text
        }
        return "'" + text
    }

    /// The text quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
