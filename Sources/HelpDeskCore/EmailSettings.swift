/// How a connection to an SMTP server is secured: the API's `"none"`,
/// `"starttls"` (upgrade after EHLO; the usual port 587) or `"tls"` (TLS from
/// the first byte; the usual port 465).
public enum SMTPSecurity: String, Sendable, Equatable, Codable, CaseIterable {
    case none, starttls, tls
}

/// The team's outgoing mail server.
public struct SMTPServer: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    /// Write-only: sealed at rest, never returned or logged.
    public var password: String?
    public var security: SMTPSecurity

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, security: SMTPSecurity) {
        self.host = host.trimmingWhitespace().lowercased()
        self.port = port
        self.username = username.flatMap { $0.isEmpty ? nil : $0 }
        self.password = password.flatMap { $0.isEmpty ? nil : $0 }
        self.security = security
    }
}

/// An email channel: the team's support address (where customers write and
/// what replies come from), the SMTP server replies and notifications leave
/// through, and the secret a mail provider's inbound route proves itself with.
public struct EmailSettings: Sendable, Equatable {
    /// The support address, lowercased: `support@example.com`.
    public var address: String
    public var smtp: SMTPServer
    /// The SHA-256 of the inbound secret (hex): the secret itself is shown once, when the channel is created.
    public var inboundSecretHash: String

    public init(address: String, smtp: SMTPServer, inboundSecretHash: String) {
        self.address = address.trimmingWhitespace().lowercased()
        self.smtp = smtp
        self.inboundSecretHash = inboundSecretHash
    }

    /// The domain of the support address: reply addresses and Message-IDs live under it.
    public var domain: String { String(address.split(separator: "@").last ?? "") }

    /// Every problem, each naming its field (`config.address`, `config.smtp.host`, ...).
    public func validationErrors(outbound: OutboundPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        if !EmailAddress.isValid(address) {
            errors.append(
                FieldError(field: "config.address", message: "must be an email address such as support@example.com"))
        }
        let host = smtp.host
        let hostCharacters = host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-"
        }
        if host.isEmpty || host.count > 253 || !hostCharacters {
            errors.append(
                FieldError(field: "config.smtp.host", message: "must be a host name such as smtp.example.com"))
        } else if let problem = outbound.problem(withBaseURL: "https://" + host) {
            errors.append(FieldError(field: "config.smtp.host", message: problem))
        }
        if !(1...65_535).contains(smtp.port) {
            errors.append(FieldError(field: "config.smtp.port", message: "must be a port from 1 to 65535, such as 587"))
        }
        if let username = smtp.username, username.count > 256 || username.contains(where: \.isNewline) {
            errors.append(
                FieldError(field: "config.smtp.username", message: "must be at most 256 characters on one line"))
        }
        if let password = smtp.password, password.count > 256 || password.contains(where: \.isNewline) {
            errors.append(
                FieldError(field: "config.smtp.password", message: "must be at most 256 characters on one line"))
        }
        if smtp.password != nil && smtp.username == nil {
            errors.append(FieldError(field: "config.smtp.username", message: "is required with a password"))
        }
        return errors
    }
}

/// Email addresses as the help desk accepts them: one `@`, a dotted domain, no spaces.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
            && !text.contains(where: { $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "," || $0 == ";" })
    }

    /// Whether two addresses are the same mailbox (ASCII case ignored).
    public static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
    }
}
