/// Where the inbound SMTP listener listens and the limits it holds every
/// client to.
///
/// The limits are what keeps one client (a broken relay, a spammer that found
/// the port) from holding the server's memory, sockets or time: a message is
/// never buffered past `maxMessageBytes`, a silent client is dropped after
/// `commandTimeout`, and connections and messages per connection are capped.
public struct SMTPListenerConfiguration: Sendable, Equatable {
    /// The address to listen on; loopback by default, as the listener is meant
    /// to sit behind the MX or a relay on the same host or private network.
    public var host: String
    /// The TCP port; 0 lets the system choose one (see `SMTPListener.run`).
    public var port: Int
    /// The name the listener gives in its greeting and EHLO reply.
    public var hostname: String
    /// The largest message taken, in bytes after dot-unstuffing; advertised as
    /// `SIZE` in the EHLO reply. 25 MiB by default, what large providers take.
    public var maxMessageBytes: Int
    /// How many recipients one message may have; RFC 5321 §4.5.3.1.8 asks a
    /// server to take at least 100.
    public var maxRecipients: Int
    /// How long the listener waits for a client's next command or next bytes
    /// of a message before it says `421` and closes. Time spent on the
    /// listener's own side (checking a recipient, storing a message) does not
    /// count. Five minutes by default, the least RFC 5321 §4.5.3.2.7 allows.
    public var commandTimeout: Duration
    /// How many clients may be connected at once; one more is told `421` and
    /// closed.
    public var maxConnections: Int
    /// How many messages one connection may deliver; the next `MAIL` is told
    /// `421` and the connection closed, so a client cannot hold a connection
    /// slot for ever.
    public var maxMessagesPerConnection: Int

    public init(
        host: String = "127.0.0.1", port: Int, hostname: String = SMTPClient.defaultClientName,
        maxMessageBytes: Int = 25 << 20, maxRecipients: Int = 100, commandTimeout: Duration = .seconds(300),
        maxConnections: Int = 100, maxMessagesPerConnection: Int = 100
    ) {
        self.host = host
        self.port = port
        self.hostname = hostname
        self.maxMessageBytes = maxMessageBytes
        self.maxRecipients = maxRecipients
        self.commandTimeout = commandTimeout
        self.maxConnections = maxConnections
        self.maxMessagesPerConnection = maxMessagesPerConnection
    }

    /// The first setting that cannot work, named with the fix; nil when all can.
    public var problem: SMTPListenerError? {
        func invalid(_ field: String, _ reason: String) -> SMTPListenerError {
            .invalidConfiguration(field: field, reason: reason)
        }
        if host.isEmpty { return invalid("host", "is empty; give an address such as 127.0.0.1") }
        if !(0...65_535).contains(port) { return invalid("port", "\(port) is not 0–65535") }
        if !SMTPClient.isHostName(hostname) {
            return invalid("hostname", "\(hostname.debugDescription) is not a host name (letters, digits, - and .)")
        }
        if maxMessageBytes < 1 { return invalid("maxMessageBytes", "must be at least 1") }
        if maxRecipients < 1 { return invalid("maxRecipients", "must be at least 1") }
        if commandTimeout <= .zero { return invalid("commandTimeout", "must be longer than zero") }
        if maxConnections < 1 { return invalid("maxConnections", "must be at least 1") }
        if maxMessagesPerConnection < 1 { return invalid("maxMessagesPerConnection", "must be at least 1") }
        return nil
    }
}
