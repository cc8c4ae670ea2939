import NIOSSL

/// How to reach a channel's outgoing mail server: the `smtp` object of an email
/// channel's settings (`{host, port, username?, password?, tls}`).
public struct SMTPServerSettings: Sendable, Equatable, Codable {
    public var host: String
    public var port: Int
    /// With a username the client authenticates (AUTH PLAIN or LOGIN); without
    /// one it sends unauthenticated, as to a relay that trusts the network.
    public var username: String?
    public var password: String?
    public var tls: SMTPTLSMode

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, tls: SMTPTLSMode) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.tls = tls
    }
}

extension SMTPServerSettings: CustomStringConvertible {
    /// Everything but the password, for logs and error messages.
    public var description: String {
        "\(host):\(port) tls=\(tls.rawValue)" + (username.map { " user=\($0)" } ?? "")
    }
}

/// How the connection is encrypted; the raw values are the API's.
public enum SMTPTLSMode: String, Sendable, Equatable, Codable, CaseIterable {
    /// Plain text throughout (a relay on the same host or network); a password
    /// set with it travels in clear, as the member chose.
    case none
    /// Plain text until `STARTTLS`, then TLS (submission, port 587). A server
    /// that does not offer STARTTLS is refused, never silently used in clear.
    case starttls
    /// TLS from the first byte (port 465).
    case tls
}

/// Which certificates the client accepts from the mail server.
public enum SMTPCertificateTrust: Sendable, Equatable {
    /// The system's trusted roots and a matching host name: the default.
    case systemRoots
    /// Certificates issued by these CAs (PEM), with a matching host name: for
    /// a server whose certificate comes from a private CA.
    case customRoots(pem: String)
    /// Any certificate, unchecked. For tests against a throwaway server only:
    /// it gives up the protection TLS exists for.
    case noVerification

    func tlsConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .systemRoots:
            configuration.certificateVerification = .fullVerification
        case .customRoots(let pem):
            configuration.certificateVerification = .fullVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
        case .noVerification:
            configuration.certificateVerification = .none
        }
        return configuration
    }
}

/// How long each step of the dialogue may take before the attempt is given up
/// (and reported as retryable): a server that accepts the connection and then
/// says nothing must not hold an outbox worker past its lease.
public struct SMTPTimeouts: Sendable, Equatable {
    public var connect: Duration
    /// From the connection (or the TLS handshake) to the `220` greeting.
    public var greeting: Duration
    /// From a command to its reply, the TLS upgrade included.
    public var command: Duration
    /// From the end of the message to the server's verdict on it; servers scan
    /// the message then, so this is the longest.
    public var data: Duration

    public init(
        connect: Duration = .seconds(10), greeting: Duration = .seconds(30), command: Duration = .seconds(30),
        data: Duration = .seconds(120)
    ) {
        self.connect = connect
        self.greeting = greeting
        self.command = command
        self.data = data
    }
}
