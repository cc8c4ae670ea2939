import Foundation

/// The new part of a reply: the text without the quoted message, the
/// signature and the "Sent from my phone" line.
///
/// Trimming is a heuristic and lossy by nature: callers keep the full text
/// and show this by default. Forwarded-message markers
/// (`---------- Forwarded message ---------`, `Begin forwarded message:`) do
/// not cut: a customer forwarding a mail to the help desk means the forwarded
/// mail, and text below such a marker is never cut. Outlook writes forwards
/// with the same header block as replies, so those are cut; a caller that
/// knows a message is a forward (its subject says `FW:`) can skip trimming.
public enum InboundReplyTrimmer {
    /// `text` up to the first of: an attribution line ("On … wrote:", also
    /// wrapped over up to three lines and in German, French, Spanish,
    /// Portuguese, Dutch, Italian, Swedish and Polish); an Outlook
    /// "-----Original Message-----" separator or `From:`/`Sent:` header
    /// block; the signature delimiter `-- `; a mobile tagline. Then quoted
    /// (`>`) lines, blank lines and separator rules at the end are dropped.
    ///
    /// An attribution followed by quoted lines that are answered below (an
    /// inline or bottom-posted reply) does not cut; only the quote at the very
    /// end goes. When trimming would leave nothing, the whole text is returned.
    public static func trim(_ text: String) -> String {
        let normalized = text.withLineFeeds(convertingLoneCarriageReturns: true)
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Below a forwarded-message marker is what the customer wants us to
        // read, so only a quote of an earlier reply above it may cut, and a
        // signature above it does not.
        let forward = lines.firstIndex(where: isForwardMarker) ?? lines.count
        let below = QuoteIndex(lines)
        var cut: Int?
        for index in lines.indices where index < forward {
            let line = lines[index]
            if (isSignatureDelimiter(line) || isTagline(line)) && forward == lines.count {
                cut = index
                break
            }
            if isOriginalMessageSeparator(line) || isOutlookHeaderBlock(lines, at: index) {
                cut = index
                break
            }
            if let span = attributionSpan(lines, at: index), !below.isAnswered(after: index + span, in: lines) {
                cut = index
                break
            }
        }
        if let cut {
            lines.removeSubrange(cut...)
        } else if forward < lines.count {
            return InboundBody.trimmed(normalized)
        }
        dropTrailingQuote(&lines)
        let trimmed = InboundBody.trimmed(lines.joined(separator: "\n"))
        return trimmed.isEmpty ? InboundBody.trimmed(normalized) : trimmed
    }

    /// Drops, from the end, quoted lines, blank lines and separator rules,
    /// then an attribution line left above them.
    private static func dropTrailingQuote(_ lines: inout [String]) {
        func dropRun() {
            while let last = lines.last, isBlank(last) || isQuoted(last) || isSeparatorRule(last) {
                lines.removeLast()
            }
        }
        dropRun()
        for span in 1...3 where lines.count >= span {
            if attributionSpan(lines, at: lines.count - span) == span {
                lines.removeLast(span)
                dropRun()
                break
            }
        }
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    private static func isQuoted(_ line: String) -> Bool { line.drop { $0 == " " || $0 == "\t" }.first == ">" }

    /// `-- ` (RFC 3676 §4.3), or `--` from a mailer that trims trailing spaces.
    private static func isSignatureDelimiter(_ line: String) -> Bool { line == "-- " || line == "--" }

    /// A line of only `-`, `_`, `=`, `+`, `~`, `#`, `*`, as mailers draw above a quote.
    private static func isSeparatorRule(_ line: String) -> Bool {
        let trimmed = stripped(line) { $0 == " " || $0 == "\t" }
        return trimmed.count >= 2 && trimmed.allSatisfy { "-_=+~#*".contains($0) }
    }

    /// `text` without leading and trailing characters `strip` accepts.
    private static func stripped(_ text: some StringProtocol, _ strip: (Character) -> Bool) -> Substring {
        let start = text.firstIndex { !strip($0) } ?? text.endIndex
        let end = text.lastIndex { !strip($0) }.map(text.index(after:)) ?? start
        return Substring(text[start..<max(start, end)])
    }

    /// Marker lines are short; longer lines skip the checks that look for them.
    private static func isShort(_ line: String) -> Bool { line.utf8.count <= 120 }

    private static func isTagline(_ line: String) -> Bool {
        guard isShort(line) else { return false }
        let trimmed = stripped(line, \.isWhitespace)
        let prefixes = [
            "Sent from my ", "Sent from Mail for ", "Sent from Outlook", "Sent from Yahoo Mail", "Get Outlook for ",
            "Sent with Proton Mail", "Enviado desde mi ", "Enviado do meu ", "Enviado do Yahoo Mail",
            "Enviado desde Yahoo Mail", "Envoyé de mon ", "Verstuurd vanaf mijn ", "Inviato da ",
        ]
        if prefixes.contains(where: trimmed.hasPrefix) { return true }
        return trimmed.hasPrefix("Von meinem ") && trimmed.hasSuffix(" gesendet")
    }

    private static let forwardTitles: Set<String> = [
        "forwarded message", "weitergeleitete nachricht", "message transféré", "mensaje reenviado",
        "mensagem encaminhada", "doorgestuurd bericht", "messaggio inoltrato", "vidarebefordrat meddelande",
    ]
    private static let forwardLines: Set<String> = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "inicio del mensaje reenviado:", "início da mensagem reencaminhada:",
    ]

    /// `---------- Forwarded message ---------` (Gmail, Thunderbird, Yahoo)
    /// and `Begin forwarded message:` (Apple Mail), with translations.
    private static func isForwardMarker(_ line: String) -> Bool {
        guard isShort(line) else { return false }
        let trimmed = stripped(line, \.isWhitespace)
        if trimmed.hasSuffix(":") {
            return forwardLines.contains(String(trimmed.map { $0 == "\u{A0}" ? " " : $0 }).lowercased())
        }
        guard trimmed.hasPrefix("--") else { return false }
        return forwardTitles.contains(stripped(trimmed) { "-_ ".contains($0) }.lowercased())
    }

    private static let originalMessageTitles: Set<String> = [
        "original message", "ursprüngliche nachricht", "message d'origine", "mensaje original", "mensagem original",
        "oorspronkelijk bericht", "messaggio originale", "originalmeddelande", "oprindelig meddelelse",
        "opprinnelig melding", "wiadomość oryginalna",
    ]

    /// `-----Original Message-----` and its translations.
    private static func isOriginalMessageSeparator(_ line: String) -> Bool {
        guard isShort(line) else { return false }
        let trimmed = stripped(line, \.isWhitespace)
        guard trimmed.hasPrefix("--") else { return false }
        return originalMessageTitles.contains(stripped(trimmed) { "-_ ".contains($0) }.lowercased())
    }

    private static let fromLabels: Set<String> = [
        "from", "von", "de", "da", "van", "från", "fra", "od", "lähettäjä", "от",
    ]
    private static let sentLabels: Set<String> = [
        "sent", "date", "gesendet", "datum", "envoyé", "enviado", "fecha", "data", "inviato", "verzonden",
        "skickat", "sendt", "wysłano", "lähetetty", "отправлено",
    ]

    /// The header block Outlook writes above the message it quotes: a `From:`
    /// line followed within three lines by a `Sent:` or `Date:` line, in any
    /// of the languages Outlook is used in; labels may be bold (`*From:*`)
    /// after conversion from HTML. Webmailers write the same block with the
    /// date first (GMX and WEB.DE: `Gesendet:` above `Von:`), so a sent line
    /// followed within three lines by a from line starts one too.
    private static func isOutlookHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        guard let label = fieldLabel(lines[index]) else { return false }
        let isFrom = fromLabels.contains(label)
        guard isFrom || sentLabels.contains(label) else { return false }
        let partners = isFrom ? sentLabels : fromLabels
        for next in lines[(index + 1)..<min(lines.count, index + 4)] {
            if let label = fieldLabel(next), partners.contains(label) { return true }
        }
        return false
    }

    /// The lower-cased label of a `Label: value` line, if the line is one.
    private static func fieldLabel(_ line: String) -> String? {
        guard let colon = line.prefix(32).firstIndex(of: ":") else { return nil }
        let label = stripped(line[..<colon]) { "* \t\u{A0}".contains($0) }.lowercased()
        guard !label.isEmpty, label.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        return label
    }

    /// An attribution line's opening word, the verb that must follow it, and
    /// whether the verb ends the line (`… wrote:`) or precedes the name (`… schrieb Jane:`).
    private static let attributions: [(opener: String, verb: String, verbAtEnd: Bool)] = [
        ("On ", " wrote", true), ("On ", " writes", true), ("At ", " wrote", true), ("Am ", " schrieb", false),
        ("Le ", " a écrit", true), ("El ", " escribió", true), ("Em ", " escreveu", true),
        ("Op ", " schreef", false), ("Il ", " ha scritto", true), ("Den ", " skrev", false),
        ("W dniu ", " pisze", true),
    ]

    /// How many lines (one to three) the attribution starting at `index`
    /// spans, or nil if none starts there. Gmail wraps long attributions, so
    /// lines are joined before matching. Mail clients write the time
    /// (`10:15`) or the address into an attribution, and a sentence of the
    /// reply that happens to fit the pattern rarely has either, so one of
    /// them is required; one without an opener (`Jane <jane@x> wrote:`) must
    /// contain an address.
    static func attributionSpan(_ lines: [String], at index: Int) -> Int? {
        guard index < lines.count, !isBlank(lines[index]), !isQuoted(lines[index]) else { return nil }
        // Cheap first: an attribution's first line starts with an opener or names the sender.
        let first = lines[index].drop { $0.isWhitespace }
        guard
            attributions.contains(where: { first.hasPrefix($0.opener) }) || first.containsText("@")
                || first.containsText("<")
        else { return nil }
        var joined = ""
        for span in 1...3 {
            let position = index + span - 1
            guard position < lines.count, !isBlank(lines[position]), !isQuoted(lines[position]) else { return nil }
            joined += (joined.isEmpty ? "" : " ") + lines[position]
            guard joined.utf8.count <= 800 else { return nil }
            // White space runs, including the no-break spaces French puts before a colon, become one space.
            let text = joined.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard text.count <= 400 else { return nil }
            // Without an opener, only a line naming the sender may begin one,
            // so a line of the reply above `Jane <j@x> wrote:` is not taken in.
            let mayOmitOpener = span == 1 || lines[index].containsText("@") || lines[index].containsText("<")
            if isAttribution(text, mayOmitOpener: mayOmitOpener) { return span }
        }
        return nil
    }

    private static func isAttribution(_ text: String, mayOmitOpener: Bool) -> Bool {
        guard text.hasSuffix(":") || text.hasSuffix(" wrote") else { return false }
        let body = text.hasSuffix(":") ? String(stripped(text.dropLast()) { $0 == " " }) : text
        for attribution in attributions where text.hasPrefix(attribution.opener) {
            guard text.containsText("@") || containsTime(text) else { continue }
            if attribution.verbAtEnd ? body.hasSuffix(attribution.verb) : body.contains(attribution.verb) {
                return true
            }
        }
        return mayOmitOpener && text.containsText("@") && text.count <= 200
            && (body.hasSuffix(" wrote") || body.hasSuffix(" writes"))
    }

    /// Whether `text` has a digit, a colon and a digit in a row, as a time of day does.
    private static func containsTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3 else { return false }
        return (1..<(bytes.count - 1)).contains { index in
            bytes[index] == UInt8(ascii: ":") && (48...57).contains(bytes[index - 1])
                && (48...57).contains(bytes[index + 1])
        }
    }

    /// For each line, where the next quoted line and the next line of the
    /// sender's own words are, so asking whether a quote is answered below it
    /// costs the same for every attribution, however many there are.
    private struct QuoteIndex {
        var nextQuoted: [Int]
        var nextContent: [Int]

        init(_ lines: [String]) {
            nextQuoted = Array(repeating: lines.count, count: lines.count + 1)
            nextContent = nextQuoted
            for index in lines.indices.reversed() {
                let quoted = isQuoted(lines[index])
                nextQuoted[index] = quoted ? index : nextQuoted[index + 1]
                nextContent[index] = !quoted && !isBlank(lines[index]) ? index : nextContent[index + 1]
            }
        }

        /// Whether, after an attribution ending before `index`, the quote is
        /// followed by the sender's own words (not a signature or tagline),
        /// which means the reply is inline or below the quote.
        func isAnswered(after index: Int, in lines: [String]) -> Bool {
            guard index < lines.count else { return false }
            let quote = nextQuoted[index]
            guard quote < lines.count else { return false }
            let content = nextContent[quote]
            guard content < lines.count else { return false }
            return !isSignatureDelimiter(lines[content]) && !isTagline(lines[content])
        }
    }
}

extension InboundMail {
    /// The text without the quoted message, signature and tagline; see `InboundReplyTrimmer`.
    public var replyText: String { InboundReplyTrimmer.trim(text) }
}
