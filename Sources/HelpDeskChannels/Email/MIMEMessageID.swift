/// Message identifiers in `Message-ID`, `In-Reply-To` and `References`
/// (RFC 5322 §3.6.4), returned without their angle brackets, the form
/// threading compares and stores.
enum MIMEMessageID {
    /// The identifiers in `value`, in order, each once. Comments and any words
    /// between identifiers are ignored (old mailers write `In-Reply-To: <id>
    /// (Jane's message of Monday)`); white space inside brackets, left by
    /// careless folding, is removed. A value without brackets falls back to its
    /// white-space separated words that contain an `@`.
    static func list(_ value: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        func add(_ id: some StringProtocol) {
            let cleaned = String(id.filter { !$0.isWhitespace })
            if !cleaned.isEmpty, seen.insert(cleaned).inserted { ids.append(cleaned) }
        }
        if value.containsText("<") {
            var rest = Substring(value)
            while let open = rest.firstIndex(of: "<") {
                let afterOpen = rest.index(after: open)
                guard let close = rest[afterOpen...].firstIndex(of: ">") else {
                    add(rest[afterOpen...])
                    break
                }
                add(rest[afterOpen..<close])
                rest = rest[rest.index(after: close)...]
            }
        } else {
            let words = MIMEParameterizedValue.removingComments(value).split { $0.isWhitespace || $0 == "," }
            for word in words where word.containsText("@") { add(word) }
        }
        return ids
    }
}
