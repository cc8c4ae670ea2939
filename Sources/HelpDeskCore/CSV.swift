/// Comma-separated values as RFC 4180 writes them, safe to open in a spreadsheet.
public enum CSV {
    /// One field: quoted when it holds a comma, a quote, or a line break (quotes doubled), and
    /// prefixed with `'` when it starts with a character a spreadsheet reads as a formula
    /// (`=`, `+`, `-`, `@`, a tab or a carriage return), so an exported value cannot run as one;
    /// a field that reads as a number, such as `-3.5`, stays as it is.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            Double(text) == nil
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
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
