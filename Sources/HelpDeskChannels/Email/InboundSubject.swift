/// Subjects compared as people see them, without the reply and forward
/// prefixes mail clients add in many languages (`Re:`, `AW:`, `Fwd:`, `SV:`, `Re[2]:`).
public enum InboundSubject {
    /// Prefixes, lower-cased, without the colon: English, German, Nordic,
    /// Dutch, French, Italian, Spanish, Portuguese, Polish, Turkish forms.
    static let prefixes: Set<String> = [
        "re", "fw", "fwd", "aw", "wg", "sv", "vs", "vb", "antw", "doorst", "tr", "rif", "r", "i", "enc", "res",
        "rv", "odp", "pd", "ynt", "ilt",
    ]

    /// `subject` with every leading prefix and the white space around them
    /// removed, and inner white space runs collapsed to single spaces:
    /// `RE: AW: Re[2]:  Printer  jam` becomes `Printer jam`.
    public static func normalized(_ subject: String) -> String {
        var rest = Substring(subject)
        while true {
            rest = rest.drop { $0.isWhitespace }
            let word = rest.prefix { $0.isLetter }
            guard !word.isEmpty, prefixes.contains(word.lowercased()) else { break }
            var after = rest[word.endIndex...]
            // A counter, `Re[2]:` or `Re(2):`.
            if let open = after.first, open == "[" || open == "(" {
                let close: Character = open == "[" ? "]" : ")"
                guard let end = after.firstIndex(of: close),
                    after[after.index(after: after.startIndex)..<end].allSatisfy(\.isNumber)
                else { break }
                after = after[after.index(after: end)...]
            }
            after = after.drop { $0 == " " }
            guard let colon = after.first, colon == ":" || colon == "：" else { break }
            rest = after.dropFirst()
        }
        return rest.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
