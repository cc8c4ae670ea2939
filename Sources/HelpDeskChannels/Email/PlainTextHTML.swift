import Foundation

/// The HTML alternative of a plain-text mail: the same words, escaped, with
/// blank lines as paragraphs, line breaks kept, and web addresses as links.
///
/// The text is an operator's or the AI's reply, so it is never trusted as
/// markup: every character that means something in HTML is escaped, and only
/// `http` and `https` addresses become links (so no `javascript:` URL can).
enum PlainTextHTML {
    static func render(_ text: String) -> String {
        let lines = MailBodyEncoding.lines(of: text).map { String(decoding: $0, as: UTF8.self) }
        var paragraphs: [[String]] = [[]]
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(line)
            }
        }
        let body = paragraphs.filter { !$0.isEmpty }
            .map { "<p>" + $0.map(linked).joined(separator: "<br>\n") + "</p>\n" }
            .joined()
        return "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n" + body + "</body>\n</html>\n"
    }

    /// Text as HTML character data or an attribute value: `&`, `<`, `>`, `"`
    /// and `'` escaped.
    static func escape(_ text: Substring) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// One line, escaped, with each web address in it a link.
    static func linked(_ line: String) -> String {
        var result = ""
        var rest = line[...]
        while let range = nextLink(in: rest) {
            result += escape(rest[..<range.lowerBound])
            let url = escape(rest[range])
            result += "<a href=\"\(url)\">\(url)</a>"
            rest = rest[range.upperBound...]
        }
        return result + escape(rest)
    }

    /// Where the next `http://` or `https://` address is: from a scheme at the
    /// start of a word to the next space or quote-like character, less the
    /// punctuation that usually ends the sentence around it (and a closing
    /// parenthesis that was not opened inside it).
    static func nextLink(in text: Substring) -> Range<Substring.Index>? {
        var searchStart = text.startIndex
        while let scheme = text[searchStart...].range(of: "http", options: .caseInsensitive) {
            searchStart = scheme.upperBound
            let startsWord =
                scheme.lowerBound == text.startIndex
                || !text[text.index(before: scheme.lowerBound)].isLetter
                    && !text[text.index(before: scheme.lowerBound)].isNumber
            let afterScheme = text[scheme.upperBound...]
            let prefix = afterScheme.lowercased().hasPrefix("s://") ? 4 : afterScheme.hasPrefix("://") ? 3 : 0
            guard startsWord, prefix > 0 else { continue }
            let hostStart = afterScheme.index(afterScheme.startIndex, offsetBy: prefix)
            var end =
                text[hostStart...].firstIndex(where: { $0.isWhitespace || "<>\"'`".contains($0) }) ?? text.endIndex
            while end > hostStart {
                let last = text[text.index(before: end)]
                let opened = text[scheme.lowerBound..<end].count(where: { $0 == "(" })
                let closed = text[scheme.lowerBound..<end].count(where: { $0 == ")" })
                guard ".,;:!?".contains(last) || (last == ")" && closed > opened) else { break }
                end = text.index(before: end)
            }
            guard end > hostStart else { continue }
            return scheme.lowerBound..<end
        }
        return nil
    }
}
