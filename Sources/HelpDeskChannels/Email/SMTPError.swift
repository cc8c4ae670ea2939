import HelpDeskCore

/// Why sending through an SMTP server failed: the step of the dialogue, what
/// went wrong there (with the server's code and words when it answered), and
/// whether trying again later can help.
///
/// Retryable: a 4xx reply, a timeout, a lost or refused connection, a garbled
/// reply. Permanent: a 5xx reply, and settings or mail that cannot work as they
/// are (no STARTTLS offered, no usable AUTH mechanism, too large, a refused
/// address). The outbox acts on `deliveryOutcome`.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the dialogue it happened.
    public enum Step: Sendable, Equatable, CustomStringConvertible {
        case connect
        case greeting
        case hello
        case startTLS
        case authentication
        case mailFrom
        case recipient(String)
        case data
        /// The message itself, after `DATA` was accepted.
        case message
        case reset
        case quit

        public var description: String {
            switch self {
            case .connect: "connecting"
            case .greeting: "waiting for the greeting"
            case .hello: "EHLO"
            case .startTLS: "STARTTLS"
            case .authentication: "AUTH"
            case .mailFrom: "MAIL FROM"
            case .recipient(let address): "RCPT TO <\(address)>"
            case .data: "DATA"
            case .message: "sending the message"
            case .reset: "RSET"
            case .quit: "QUIT"
            }
        }
    }

    public enum Reason: Sendable, Equatable {
        /// The server answered with a code other than the one that lets the
        /// dialogue go on.
        case rejected(SMTPReply)
        case timedOut(Duration)
        /// The connection could not be made, broke, or its TLS handshake failed.
        case connectionFailed(String)
        /// The server's bytes are not SMTP, or arrived when they must not.
        case protocolViolation(String)
        /// The settings ask for something the server does not offer.
        case notOffered(String)
        case messageTooLarge(size: Int, limit: Int)
        /// The host resolves to an address the outbound policy refuses.
        case refusedAddress(String)
        /// The mail or its envelope is malformed.
        case invalidMail(MailProblem)
        /// The server settings cannot work (no host, a port out of range, an
        /// unreadable CA certificate).
        case invalidSettings(String)
    }

    public var step: Step
    public var reason: Reason

    public init(step: Step, reason: Reason) {
        self.step = step
        self.reason = reason
    }

    /// The server's reply code, when it answered.
    public var code: Int? {
        if case .rejected(let reply) = reason { return reply.code }
        return nil
    }

    /// The server's words, when it answered.
    public var serverText: String? {
        if case .rejected(let reply) = reason { return reply.text }
        return nil
    }

    public var isRetryable: Bool {
        switch reason {
        case .rejected(let reply): reply.code < 500
        case .timedOut, .connectionFailed, .protocolViolation: true
        case .notOffered, .messageTooLarge, .refusedAddress, .invalidMail, .invalidSettings: false
        }
    }

    public var description: String {
        switch reason {
        case .rejected(let reply):
            "the SMTP server answered \(reply) to \(step)"
        case .timedOut(let limit):
            "no answer from the SMTP server within \(limit) (\(step))"
        case .connectionFailed(let detail):
            "the connection to the SMTP server failed (\(step)): \(detail)"
        case .protocolViolation(let detail):
            "the SMTP server's answer to \(step) is not SMTP: \(detail)"
        case .notOffered(let detail):
            detail
        case .messageTooLarge(let size, let limit):
            "the message is \(size) bytes; the SMTP server takes at most \(limit)"
        case .refusedAddress(let detail):
            "the SMTP host is refused: \(detail)"
        case .invalidMail(let problem):
            "the mail cannot be sent: \(problem)"
        case .invalidSettings(let detail):
            "the SMTP settings cannot work: \(detail)"
        }
    }

    /// The outbox's verdict on this failure.
    public var deliveryOutcome: DeliveryOutcome {
        isRetryable ? .retryable(reason: description, retryAfter: nil) : .permanent(reason: description)
    }
}
