import HelpDeskCore

/// Suggests, when the built-in brain hands a conversation over, which of the team's existing
/// tags fit it: those whose name — or a simple stem of it, or a word from a small built-in list
/// of synonyms — appears in the customer's messages. Operators accept or reject each one, and
/// the counts (`TagSuggestionStats`) say how good the suggestions are.
public struct TagSuggester: Sendable {
    /// At most this many tags are suggested for a ticket.
    public static let limit = 3

    /// Words that mean the same thing to a help desk, as groups: a tag named after any word of a
    /// group is found by every word of it.
    static let synonyms: [[String]] = [
        ["billing", "bill", "invoice", "charge", "payment", "receipt"],
        ["refund", "money back", "reimburse", "chargeback"],
        ["shipping", "delivery", "parcel", "package", "shipment", "courier", "tracking"],
        ["bug", "error", "crash", "broken", "glitch"],
        ["login", "log in", "sign in", "password", "locked out"],
        ["cancellation", "cancel", "cancelled", "canceled", "unsubscribe"],
        ["urgent", "asap", "emergency", "immediately"],
        ["complaint", "complain", "unhappy", "disappointed"],
        ["account", "profile", "username"],
        ["return", "exchange", "send back"],
    ]

    public init() {}

    /// Up to `limit` of `tags` (their stored names) that the customer's `messages` mention, the
    /// most mentioned first, ties by name.
    public func suggest(tags: [String], messages: [String]) -> [String] {
        let words = messages.flatMap(Self.stems)
        guard !words.isEmpty else { return [] }
        let scored = tags.compactMap { tag -> (name: String, count: Int)? in
            let count = Self.phrases(for: tag).reduce(0) { $0 + Self.occurrences(of: $1, in: words) }
            return count > 0 ? (tag, count) : nil
        }
        return scored.sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(Self.limit).map(\.name)
    }

    /// The stemmed word sequences that stand for `tag`: its name, and its synonyms' words.
    static func phrases(for tag: String) -> [[String]] {
        let name = stems(tag)
        guard !name.isEmpty else { return [] }
        var phrases = [name]
        for group in synonyms where group.map(stems).contains(name) {
            phrases += group.map(stems).filter { $0 != name }
        }
        return phrases
    }

    static func occurrences(of phrase: [String], in words: [String]) -> Int {
        guard !phrase.isEmpty, words.count >= phrase.count else { return 0 }
        return (0...(words.count - phrase.count)).count { Array(words[$0..<$0 + phrase.count]) == phrase }
    }

    /// The text's words, lower-cased and stemmed, split at anything not a letter or digit.
    static func stems(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { stem(String($0)) }
    }

    /// A crude English stem, the same for a word's common forms: `invoices` and `invoice`,
    /// `shipping` and `ship`, `deliveries` and `delivery`, `billed` and `bill`.
    static func stem(_ word: String) -> String {
        var word = word
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        for suffix in ["ing", "ed", "es", "s", "e"] where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            if suffix == "s" && word.hasSuffix("ss") { continue }
            word = String(word.dropLast(suffix.count))
            if suffix == "ing" || suffix == "ed", let last = word.last, word.dropLast().last == last,
                !"lsz".contains(last)
            {
                word = String(word.dropLast())
            }
            break
        }
        return word
    }
}
