/// Why the inbound SMTP listener could not start. Once it listens, a client's
/// failures are answered on the wire and end only that client's session.
public enum SMTPListenerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting that cannot work, and what to change.
    case invalidConfiguration(field: String, reason: String)
    /// The address could not be bound: in use, not this machine's, or a
    /// privileged port without the right to it.
    case cannotListen(host: String, port: Int, reason: String)
    /// Accepting clients failed after the listener started.
    case stopped(reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let reason):
            "The SMTP listener's \(field) \(reason)."
        case .cannotListen(let host, let port, let reason):
            "The SMTP listener cannot listen on \(host):\(port) (\(reason)); choose another port or stop what "
                + "uses it."
        case .stopped(let reason):
            "The SMTP listener stopped accepting clients (\(reason))."
        }
    }
}
