import Foundation

/// What the server said when it took a message.
public struct SMTPReceipt: Sendable, Equatable {
    /// The mail's Message-ID (without brackets), to store with the message.
    public var messageID: String
    /// The envelope recipients the server accepted.
    public var recipients: [String]
    /// The server's final `250`, often with its queue id.
    public var reply: SMTPReply

    public init(messageID: String, recipients: [String], reply: SMTPReply) {
        self.messageID = messageID
        self.recipients = recipients
        self.reply = reply
    }
}

/// One logged-in conversation with a mail server, for sending several mails
/// in a row without connecting, negotiating TLS and authenticating for each.
///
/// Opened by `SMTPClient.openSession` (or `withSession`, which also closes it).
/// Mails go one at a time, in the order `send` is called, even from several
/// tasks. A rejected mail (a 4xx or 5xx reply) leaves the session usable: the
/// next `send` starts with RSET. A timeout or a broken connection ends it, and
/// every later `send` fails as retryable.
public actor SMTPSession {
    /// The server's `220` greeting.
    public nonisolated let greeting: SMTPReply
    /// What the server offered after EHLO (after the TLS upgrade, with STARTTLS).
    public nonisolated let extensions: SMTPExtensions

    private let dialogue: SMTPDialogue
    private var transactions = 0
    private var ending: SMTPError?
    private var isClosed = false
    private var isBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(dialogue: SMTPDialogue, greeting: SMTPReply, extensions: SMTPExtensions) {
        self.dialogue = dialogue
        self.greeting = greeting
        self.extensions = extensions
    }

    /// Sends one mail: RSET (after the first), MAIL FROM, RCPT TO for each
    /// recipient, DATA, the message.
    ///
    /// Any recipient's refusal fails the whole mail before DATA, so nothing is
    /// sent to the others: retrying it later (4xx) cannot deliver twice, and a
    /// permanent refusal (5xx) is never hidden behind a partial success. A mail
    /// larger than the server's advertised SIZE is refused before any command.
    ///
    /// - Parameters:
    ///   - envelopeFrom: where bounces go (`MAIL FROM`); the From address when
    ///     nil, `""` for the null sender of automatic answers.
    ///   - recipients: the envelope recipients; `mail.envelopeRecipients` (To
    ///     and Cc) when nil.
    public func send(_ mail: OutboundMail, envelopeFrom: String? = nil, recipients: [String]? = nil)
        async throws(SMTPError) -> SMTPReceipt
    {
        await acquire()
        defer { release() }
        if isClosed {
            let cause = ending.map { ": \($0)" } ?? ""
            throw SMTPError(step: .mailFrom, reason: .connectionFailed("the session has ended" + cause))
        }
        let message: [UInt8]
        do {
            message = try mail.rendered()
        } catch {
            throw SMTPError(step: .message, reason: .invalidMail(error))
        }
        let sender = envelopeFrom ?? mail.from.address
        let recipients = recipients ?? mail.envelopeRecipients
        try Self.checkEnvelope(sender: sender, recipients: recipients)
        if let limit = extensions.sizeLimit, message.count > limit {
            throw SMTPError(step: .mailFrom, reason: .messageTooLarge(size: message.count, limit: limit))
        }
        let payload = SMTPDataEncoding.encode(message)

        do throws(SMTPError) {
            if transactions > 0 { try await dialogue.command("RSET", step: .reset, expect: [250]) }
            transactions += 1
            let size = extensions.supports("SIZE") ? " SIZE=\(message.count)" : ""
            try await dialogue.command("MAIL FROM:<\(sender)>\(size)", step: .mailFrom, expect: [250])
            for recipient in recipients {
                try await dialogue.command("RCPT TO:<\(recipient)>", step: .recipient(recipient), expect: [250, 251])
            }
            try await dialogue.command("DATA", step: .data, expect: [354])
            let reply = try await dialogue.message(payload)
            return SMTPReceipt(messageID: mail.messageID, recipients: recipients, reply: reply)
        } catch {
            if Self.endsSession(error) {
                ending = error
                isClosed = true
                await dialogue.connection.close()
            }
            throw error
        }
    }

    /// Says QUIT (waiting briefly for the `221`) and closes the connection.
    /// Never fails: the mails are sent or not by then.
    public func close() async {
        await acquire()
        defer { release() }
        guard !isClosed else { return }
        isClosed = true
        _ = try? await dialogue.command("QUIT", step: .quit, expect: [221])
        await dialogue.connection.close()
    }

    /// A failure after which no reply can be trusted to answer its command (a
    /// timeout, a broken or garbled connection), or the server's own `421`
    /// (closing).
    static func endsSession(_ error: SMTPError) -> Bool {
        guard case .rejected(let reply) = error.reason else { return true }
        return reply.code == 421
    }

    /// The envelope goes into command lines, so its addresses are held to the
    /// same rules as headers' (no line break can add a command).
    static func checkEnvelope(sender: String, recipients: [String]) throws(SMTPError) {
        if !sender.isEmpty, let problem = MailAddress.problem(with: sender) {
            let reason = "the address \(sender.debugDescription) \(problem)"
            throw SMTPError(
                step: .mailFrom, reason: .invalidMail(MailProblem(field: "envelope sender", reason: reason)))
        }
        guard !recipients.isEmpty else {
            throw SMTPError(
                step: .mailFrom, reason: .invalidMail(MailProblem(field: "recipients", reason: "names no recipient")))
        }
        for recipient in recipients {
            if let problem = MailAddress.problem(with: recipient) {
                let reason = "the address \(recipient.debugDescription) \(problem)"
                throw SMTPError(
                    step: .recipient(recipient), reason: .invalidMail(MailProblem(field: "recipient", reason: reason)))
            }
        }
    }

    // MARK: One command sequence at a time

    /// Waits until no other `send` or `close` is mid-dialogue: the actor alone
    /// would let a second call interleave its commands at each `await`.
    private func acquire() async {
        guard isBusy else {
            isBusy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            isBusy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
