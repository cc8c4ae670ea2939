/// Whether a web widget asks a visitor for their name and email before the
/// chat starts, so the team can answer by email once the visitor leaves.
public enum PreChatForm: String, Sendable, Equatable, CaseIterable {
    /// No form: the visitor is "Visitor" until they say otherwise.
    case off
    /// The form is shown and may be skipped.
    case optional
    /// Name and email are needed before the first message (the server refuses messages without them).
    case required
}

extension PreChatForm: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}

/// Where and how a web visitor started the chat, shown to operators beside the
/// ticket: the page the chat started on, the browser and the language. Every
/// part is optional, cleaned on the way in and never trusted as markup.
public struct VisitorContext: Sendable, Equatable {
    /// The page's address (http or https, at most `maxPageLength` characters).
    public var page: String?
    /// A short description such as "Firefox 132 on Linux".
    public var browser: String?
    /// A language tag such as "de-CH".
    public var language: String?

    public static let maxPageLength = 2_000

    public init(page: String? = nil, browser: String? = nil, language: String? = nil) {
        self.page = page
        self.browser = browser
        self.language = language
    }

    public var isEmpty: Bool { page == nil && browser == nil && language == nil }

    /// The context a widget session reports: the page it says it is on, the
    /// browser from its User-Agent header, its language from what it says or
    /// else its Accept-Language header. Anything malformed is left out rather
    /// than refused: the chat matters more than the context.
    public static func reported(page: String?, language: String?, userAgent: String?, acceptLanguage: String?)
        -> VisitorContext
    {
        VisitorContext(
            page: page.flatMap(cleanPage), browser: userAgent.flatMap(browserSummary),
            language: language.flatMap(cleanLanguage) ?? acceptLanguage.flatMap(firstLanguage))
    }

    /// An http(s) address without its fragment, or nil.
    static func cleanPage(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.count <= maxPageLength,
            !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return nil }
        return trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
    }

    /// A language tag (letters, digits and hyphens, starting with 2–3 letters), or nil.
    static func cleanLanguage(_ text: String) -> String? {
        let tag = text.trimmingWhitespace()
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard tag.count <= 35, let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter }),
            parts.dropFirst().allSatisfy({
                (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            })
        else { return nil }
        return tag
    }

    /// The first language of an Accept-Language header ("de-CH,de;q=0.9" → "de-CH").
    static func firstLanguage(_ header: String) -> String? {
        header.split(separator: ",").lazy.compactMap {
            cleanLanguage(String($0.split(separator: ";").first ?? ""))
        }.first
    }

    /// "Chrome 131 on Windows" from a User-Agent header, or nil when it names no known browser.
    public static func browserSummary(_ userAgent: String) -> String? {
        // Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
        let browsers: [(token: String, name: String)] = [
            ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"),
            ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
            ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
        ]
        guard
            let browser = browsers.lazy.compactMap({ candidate -> String? in
                guard let range = userAgent.range(of: candidate.token) else { return nil }
                if candidate.name == "Safari" && !userAgent.contains("Safari/") { return nil }
                let major = userAgent[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                return major.isEmpty ? candidate.name : "\(candidate.name) \(major)"
            }).first
        else { return nil }
        let systems: [(token: String, name: String)] = [
            ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"),
            ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
        ]
        guard let system = systems.first(where: { userAgent.contains($0.token) }) else { return browser }
        return "\(browser) on \(system.name)"
    }
}
