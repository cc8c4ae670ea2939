/// Telegram takes at most 4,096 characters in one message; a longer reply is
/// sent as several, split where a reader would pause.
public enum TelegramText {
    public static let limit = 4_096

    /// The parts of `text`, each at most `limit` UTF-16 code units (the unit
    /// Telegram counts in, the safe reading of "characters"), in order. Each
    /// part ends at a paragraph break, else a line break, else a space, found
    /// in the second half of the part; only a text with none there is cut
    /// inside a word. Whitespace at a cut is dropped; nothing else is.
    public static func split(_ text: String, limit: Int = TelegramText.limit) -> [String] {
        precondition(limit > 1)
        var parts: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > limit {
            let end = longestPrefixEnd(of: rest, units: limit)
            let window = rest[..<end]
            let half = window.index(window.startIndex, offsetBy: window.count / 2)
            let cut =
                lastBreak(in: window, from: half, where: { $0.isNewline && $1?.isNewline == true })
                ?? lastBreak(in: window, from: half, where: { current, _ in current.isNewline })
                ?? lastBreak(in: window, from: half, where: { current, _ in current.isWhitespace }) ?? end
            let part = rest[..<cut].trimmingTrailingWhitespace()
            if !part.isEmpty { parts.append(String(part)) }
            rest = rest[cut...].drop(while: \.isWhitespace)
        }
        let last = rest.trimmingTrailingWhitespace()
        if !last.isEmpty || parts.isEmpty { parts.append(String(last)) }
        return parts
    }

    /// Where the longest prefix of whole characters within `units` UTF-16 units
    /// ends; a single character longer than that (thousands of combining marks)
    /// is cut between its scalars instead.
    static func longestPrefixEnd(of text: Substring, units: Int) -> Substring.Index {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf16.count
            if used + size > units { break }
            used += size
            end = text.index(after: index)
        }
        if end > text.startIndex { return end }
        var scalarEnd = text.unicodeScalars.startIndex
        used = 0
        for index in text.unicodeScalars.indices {
            let size = text.unicodeScalars[index].utf16.count
            if used + size > units { break }
            used += size
            scalarEnd = text.unicodeScalars.index(after: index)
        }
        return scalarEnd
    }

    /// The position just after the last break in `window` at or after `from`,
    /// where `isBreak(character, previous)` says what a break is.
    static func lastBreak(
        in window: Substring, from: Substring.Index, where isBreak: (Character, Character?) -> Bool
    ) -> Substring.Index? {
        var index = window.endIndex
        while index > from {
            let previousIndex = window.index(before: index)
            let previous = previousIndex > window.startIndex ? window[window.index(before: previousIndex)] : nil
            if isBreak(window[previousIndex], previous) { return index }
            index = previousIndex
        }
        return nil
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}
