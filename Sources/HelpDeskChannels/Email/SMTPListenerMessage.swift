/// A message as the inbound SMTP listener hands it over: the raw bytes and the
/// envelope they came with.
///
/// The bytes are exactly what the client sent between `DATA` and the closing
/// `.` line, with dot-stuffing undone and nothing else changed: line endings
/// are as received (CRLF, and any lone LF kept as a byte of its line), the
/// final CRLF before the `.` is part of the message, and no `Received:` or
/// `Return-Path:` header is added. The envelope and the client's names are
/// here instead, for whoever stores the message to record as they see fit.
public struct SMTPReceivedMessage: Sendable, Equatable {
    /// The `MAIL FROM` address; empty for the null sender `<>` of bounces and
    /// other automatic notices, which must never be answered automatically.
    public var sender: String
    /// The `RCPT TO` addresses that were accepted, in order, without
    /// duplicates. Often the only place a reply token survives (a `Bcc`, a
    /// forwarding alias), so it is worth matching on before the headers.
    public var recipients: [String]
    /// The raw RFC 5322 message.
    public var data: [UInt8]
    /// The name the client gave in EHLO or HELO (unverified).
    public var clientName: String
    /// The client's address, `ip:port`, when known.
    public var peer: String?

    public init(sender: String, recipients: [String], data: [UInt8], clientName: String, peer: String? = nil) {
        self.sender = sender
        self.recipients = recipients
        self.data = data
        self.clientName = clientName
        self.peer = peer
    }
}
