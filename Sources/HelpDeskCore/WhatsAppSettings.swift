/// A WhatsApp Business number connected to an agent through Meta's Cloud API:
/// the number's id, the token the API knows the business by, the app secret
/// that signs every webhook delivery, the token Meta echoes when the webhook is
/// verified, and where the Graph API is. All but the number's id and the base
/// URL are write-only: no route returns them and no log line holds them.
public struct WhatsAppSettings: Sendable, Equatable {
    /// The real Graph API, versioned; tests and proxies point a channel elsewhere.
    public static let defaultAPIBaseURL = "https://graph.facebook.com/v21.0"

    public var phoneNumberID: String
    public var accessToken: String
    public var appSecret: String
    public var verifyToken: String
    /// Without a trailing slash.
    public var apiBaseURL: String
    /// A pre-approved message template that asks for a rating, sent when the customer last
    /// wrote more than 24 hours before the ask (only templates get through then): its name
    /// in the WhatsApp Manager and its language code. Its body takes one parameter, the
    /// ticket number; the customer answers with a number from 1 to 5 (typed, or a quick-reply
    /// button whose text is the number). Empty: no template, so such an ask is not sent.
    public var ratingTemplate: String
    public var ratingTemplateLanguage: String

    public static let defaultTemplateLanguage = "en_US"

    public init(
        phoneNumberID: String, accessToken: String, appSecret: String, verifyToken: String,
        apiBaseURL: String = WhatsAppSettings.defaultAPIBaseURL, ratingTemplate: String = "",
        ratingTemplateLanguage: String = WhatsAppSettings.defaultTemplateLanguage
    ) {
        self.phoneNumberID = phoneNumberID
        self.accessToken = accessToken
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.apiBaseURL = apiBaseURL.trimmingWhitespace().trimmingTrailingSlash()
        // Not trimmed: a name with spaces is refused, as the document's pattern says.
        self.ratingTemplate = ratingTemplate
        self.ratingTemplateLanguage = ratingTemplateLanguage
    }

    /// Where Meta posts a channel's notifications (and verifies the subscription), below the server's public URL.
    public static func webhookPath(channelID: String) -> String { "/hooks/whatsapp/\(channelID)" }

    /// Every problem, each naming its field (`config.phoneNumberId`, ...).
    public func validationErrors(outbound: OutboundPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        if !(1...32).contains(phoneNumberID.count) || !phoneNumberID.unicodeScalars.allSatisfy(Self.isDigit) {
            errors.append(
                FieldError(
                    field: "config.phoneNumberId",
                    message: "must be the phone number's id from the WhatsApp Manager (digits), such as 1122334455667"))
        }
        for (field, value, range) in [
            ("config.accessToken", accessToken, 8...2_048), ("config.appSecret", appSecret, 8...256),
            ("config.verifyToken", verifyToken, 1...256),
        ] where !range.contains(value.utf8.count) || !value.unicodeScalars.allSatisfy(Self.isTokenCharacter) {
            errors.append(
                FieldError(
                    field: field,
                    message: "must be \(range.lowerBound) to \(range.upperBound) printable characters without spaces"))
        }
        // Meta's template names: lower-case letters, digits and underscores.
        if ratingTemplate.count > 512
            || !ratingTemplate.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || Self.isDigit($0) || $0 == "_" })
        {
            errors.append(
                FieldError(
                    field: "config.ratingTemplate",
                    message:
                        "must be a message template's name from the WhatsApp Manager (lower-case letters, digits and _, at most 512), or empty for none"
                ))
        }
        if !Self.isLanguageCode(ratingTemplateLanguage) {
            errors.append(
                FieldError(
                    field: "config.ratingTemplateLanguage",
                    message: "must be a template language code such as en_US, de or pt_BR"))
        }
        if let problem = outbound.problem(withBaseURL: apiBaseURL) {
            let message =
                problem.hasPrefix("must be an http(s) URL")
                ? "must be an http(s) URL such as \(Self.defaultAPIBaseURL)" : problem
            errors.append(FieldError(field: "config.apiBaseURL", message: message))
        }
        return errors
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// "en", "en_US", "pt_BR", "zh_HK": two or three lower-case letters, maybe "_" and two or three
    /// upper-case letters.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "_", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
            parts[0].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.count == 1
            || ((2...3).contains(parts[1].count) && parts[1].unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }))
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool { ("!"..."~").contains(scalar) }
}

/// WhatsApp's customer-service window: a business may send free text to a
/// customer only within 24 hours of the customer's last message; after that
/// only a pre-approved template gets through (this help desk sends one only to
/// ask for a rating, when the channel names it), and Meta fails a free-text
/// message with error 131047. The help desk
/// refuses such a reply up front, with a margin so a message queued just before
/// the window closes still arrives inside it.
public enum CustomerServiceWindow {
    public static let length: Double = 24 * 3600
    /// Sends are refused this long before the window really closes.
    public static let margin: Double = 5 * 60

    /// When the window closes for a customer whose last message came at `lastCustomerMessage`.
    public static func closes(after lastCustomerMessage: Timestamp) -> Timestamp {
        lastCustomerMessage.adding(seconds: length)
    }

    /// Whether free text may still be sent now.
    public static func isOpen(lastCustomerMessage: Timestamp?, now: Timestamp) -> Bool {
        guard let lastCustomerMessage else { return false }
        return now < closes(after: lastCustomerMessage).adding(seconds: -margin)
    }

    /// Meta's error code for a free-text message sent outside the window.
    public static let closedErrorCode = 131_047

    /// The words an operator reads when the window is closed.
    public static func closedReason(emailOnFile: Bool) -> String {
        "the WhatsApp 24-hour customer-service window is closed (the customer last wrote more than 24 hours ago); "
            + (emailOnFile
                ? "reply by email instead" : "the customer must write again first, and no email address is on file")
    }
}
