import Foundation
import HelpDeskCore

/// Text search the way the SQLite store's FTS5 index does it (`unicode61
/// remove_diacritics 2`, each query word a prefix): words are runs of letters
/// and digits, compared without case or diacritics, and every word of a query
/// must begin some word of the ticket.
///
/// The store folds and splits the text itself and stores the words as a
/// `tsvector` (`array_to_tsvector`), rather than asking a text search
/// configuration: PostgreSQL's parsers keep an email address or a URL as one
/// token and need the `unaccent` extension for diacritics, and the two stores
/// would then find different tickets for the same words.
enum TextSearch {
    /// The longest word kept (a `tsvector` lexeme must stay under 2 KB; nobody searches for longer words).
    static let longestWord = 200

    /// The words of `text`, folded, each once.
    static func lexemes(_ text: String) -> [String] {
        var seen: Set<String> = []
        return words(text).filter { seen.insert($0).inserted }
    }

    /// The words of `text`, folded, in order.
    static func words(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { String($0.prefix(longestWord)) }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// What a ticket's requester is found by: name, email, phone and handle.
    static func requesterText(_ requester: Requester) -> String {
        [requester.name, requester.email, requester.phone, requester.handle].compactMap { $0 }.joined(separator: " ")
    }

    /// A query's words as `tsquery` prefix terms, at most eight as on SQLite;
    /// `requesterOnly` limits a term to the requester's words (weight B).
    /// Words hold letters and digits only, so quoting them cannot break the syntax.
    static func terms(_ text: String, requesterOnly: Bool = false) -> [String] {
        let rawWords = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(8)
        return rawWords.compactMap { raw in
            guard let word = words(String(raw)).first else { return nil }
            return "'\(word)':*\(requesterOnly ? "B" : "")"
        }
    }
}
