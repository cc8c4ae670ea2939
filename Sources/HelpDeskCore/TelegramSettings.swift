/// A Telegram bot connected to an agent: the token the Bot API knows it by,
/// the secret Telegram echoes on every webhook delivery, and where the Bot API
/// is. The token and the secret are write-only: no route returns them and no log
/// line holds them (the token is part of every Bot API URL, so URLs are never
/// logged either).
public struct TelegramSettings: Sendable, Equatable {
    /// The real Bot API; tests and proxies point a channel elsewhere.
    public static let defaultAPIBaseURL = "https://api.telegram.org"

    public var botToken: String
    public var secretToken: String
    /// Without a trailing slash.
    public var apiBaseURL: String

    public init(botToken: String, secretToken: String, apiBaseURL: String = TelegramSettings.defaultAPIBaseURL) {
        self.botToken = botToken
        self.secretToken = secretToken
        self.apiBaseURL = apiBaseURL.trimmingWhitespace().trimmingTrailingSlash()
    }

    /// Where Telegram posts a channel's updates, below the server's public URL.
    public static func webhookPath(channelID: String) -> String { "/hooks/telegram/\(channelID)" }

    /// Every problem, each naming its field (`config.botToken`, ...): the token
    /// as @BotFather issues it (`<bot id>:<key>`), the secret as Telegram accepts
    /// it (1–256 of `A–Z a–z 0–9 _ -`), and an API base URL the outbound policy allows.
    public func validationErrors(outbound: OutboundPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isBotToken(botToken) {
            errors.append(
                FieldError(
                    field: "config.botToken",
                    message: "must be the token @BotFather gave the bot, such as 123456789:AAH4k…"))
        }
        if !(1...256).contains(secretToken.utf8.count) || !secretToken.unicodeScalars.allSatisfy(Self.isSecretCharacter)
        {
            errors.append(
                FieldError(
                    field: "config.secretToken",
                    message: "must be 1 to 256 characters, each a letter, a digit, _ or -"))
        }
        if let problem = outbound.problem(withBaseURL: apiBaseURL) {
            let message =
                problem.hasPrefix("must be an http(s) URL")
                ? "must be an http(s) URL such as \(Self.defaultAPIBaseURL)" : problem
            errors.append(FieldError(field: "config.apiBaseURL", message: message))
        }
        return errors
    }

    static func isBotToken(_ token: String) -> Bool {
        let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, (1...20).contains(parts[0].count), (1...200).contains(parts[1].count) else {
            return false
        }
        return parts[0].unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
            && parts[1].unicodeScalars.allSatisfy(isSecretCharacter)
    }

    static func isSecretCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            || scalar == "-"
    }
}
