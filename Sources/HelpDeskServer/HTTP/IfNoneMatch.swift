/// The entity tags of a request's `If-None-Match` fields, read as RFC 9110 says:
/// `*` or a comma-separated list of tags, each optionally weak (`W/"…"`), across
/// any number of fields. A tag is everything between its quotes, commas included.
struct IfNoneMatch {
    /// `*`: any current representation matches.
    var matchesAny = false
    /// The opaque tags, quotes included and any `W/` dropped.
    var tags: [String] = []

    init(fieldValues: [String]) {
        for value in fieldValues { parse(Substring(value)) }
    }

    /// Whether a representation with this entity tag is one the client already
    /// has. If-None-Match compares weakly: `W/"x"` and `"x"` match.
    func matches(_ etag: String) -> Bool {
        matchesAny || tags.contains(Self.opaqueTag(etag))
    }

    private mutating func parse(_ value: Substring) {
        var rest = value[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            guard let first = rest.first else { return }
            if first == "*" {
                matchesAny = true
                rest = rest.dropFirst()
                continue
            }
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            // A tag that is not quoted, or never closes, cannot match ours:
            // skip to the next list element rather than guess.
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                guard let comma = rest.firstIndex(of: ",") else { return }
                rest = rest[comma...]
                continue
            }
            tags.append(String(rest[...close]))
            rest = rest[rest.index(after: close)...]
        }
    }

    private static func opaqueTag(_ etag: String) -> String {
        etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
    }
}
