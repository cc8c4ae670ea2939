/// Comma-separated values as RFC 4180 writes them (CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break), safe to open in a spreadsheet: a field a spreadsheet would run
/// as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// so an exported name such as `=HYPERLINK(…)` stays text.
public enum CSV {
    /// One field, neutralised and quoted as needed.
    public static func field(_ value: String) -> String { quoted(neutralised(value)) }

    /// The text with a `'` in front when a spreadsheet would take it for a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// The text quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, ended by CRLF.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A header record and the records under it.
    public static func table(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(row).joined()
    }
}
