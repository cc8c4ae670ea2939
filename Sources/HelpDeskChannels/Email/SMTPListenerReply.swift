import Foundation

/// Every reply the inbound SMTP listener gives, in one place, with the
/// enhanced status code (RFC 3463) each carries.
///
/// Codes follow RFC 5321 §4.2 and what Postfix says in the same places, so
/// the sending server's logs read as they would for any MX.
enum SMTPListenerReply {
    static func greeting(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 220, lines: ["\(hostname) ESMTP HelpDesk"])
    }

    /// The EHLO reply: the extensions this listener implements. No STARTTLS
    /// and no AUTH: see `SMTPListener`.
    static func extensions(_ hostname: String, maxMessageBytes: Int) -> SMTPReply {
        SMTPReply(
            code: 250,
            lines: [hostname, "SIZE \(maxMessageBytes)", "8BITMIME", "SMTPUTF8", "PIPELINING", "ENHANCEDSTATUSCODES"])
    }

    static func helo(_ hostname: String) -> SMTPReply { SMTPReply(code: 250, lines: [hostname]) }

    static let ok = SMTPReply(code: 250, lines: ["2.0.0 Ok"])
    static let senderOK = SMTPReply(code: 250, lines: ["2.1.0 Ok"])
    static let recipientOK = SMTPReply(code: 250, lines: ["2.1.5 Ok"])
    static let startData = SMTPReply(code: 354, lines: ["End data with <CR><LF>.<CR><LF>"])
    static let bye = SMTPReply(code: 221, lines: ["2.0.0 Bye"])
    static let cannotVerify = SMTPReply(
        code: 252, lines: ["2.0.0 Cannot VRFY user, but will accept message and attempt delivery"])
    static let help = SMTPReply(
        code: 214, lines: ["2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP"])

    static func queued(_ id: String) -> SMTPReply {
        SMTPReply(code: 250, lines: ["2.0.0 Ok: queued as \(clean(id, or: "(no id)"))"])
    }

    // MARK: The client's mistakes

    static let notRecognized = SMTPReply(code: 500, lines: ["5.5.2 Error: command not recognized"])
    static let notUTF8 = SMTPReply(code: 500, lines: ["5.5.2 Error: the command is not valid UTF-8"])
    static func lineTooLong(_ limit: Int) -> SMTPReply {
        SMTPReply(code: 500, lines: ["5.5.2 Error: line too long; commands are limited to \(limit) bytes"])
    }
    static func syntax(_ usage: String) -> SMTPReply { SMTPReply(code: 501, lines: ["5.5.4 Syntax: \(usage)"]) }
    static let badSender = SMTPReply(code: 501, lines: ["5.1.7 Bad sender address syntax"])
    static let badRecipient = SMTPReply(code: 501, lines: ["5.1.3 Bad recipient address syntax"])
    static func badParameter(_ key: String) -> SMTPReply {
        SMTPReply(code: 501, lines: ["5.5.4 Bad \(key) parameter"])
    }
    static func notImplemented(_ verb: String) -> SMTPReply {
        SMTPReply(code: 502, lines: ["5.5.1 Error: \(verb) is not offered here"])
    }
    static let helloFirst = SMTPReply(code: 503, lines: ["5.5.1 Error: send HELO/EHLO first"])
    static let nestedMail = SMTPReply(code: 503, lines: ["5.5.1 Error: nested MAIL command"])
    static let needMail = SMTPReply(code: 503, lines: ["5.5.1 Error: need MAIL command"])
    static let needRecipient = SMTPReply(code: 503, lines: ["5.5.1 Error: need RCPT command"])
    static func unsupportedParameter(_ key: String) -> SMTPReply {
        SMTPReply(code: 555, lines: ["5.5.4 Unsupported option: \(key)"])
    }

    // MARK: Limits and decisions

    static func sizeExceeded(_ limit: Int) -> SMTPReply {
        SMTPReply(code: 552, lines: ["5.3.4 Message size exceeds fixed limit of \(limit) bytes"])
    }
    static let tooManyRecipients = SMTPReply(code: 452, lines: ["4.5.3 Error: too many recipients"])
    static let noValidRecipients = SMTPReply(code: 554, lines: ["5.5.1 Error: no valid recipients"])

    static func unknownRecipient(_ address: String) -> SMTPReply {
        SMTPReply(
            code: 550, lines: ["5.1.1 <\(address)>: Recipient address rejected: no mailbox here has this address"])
    }
    static func recipientDeferred(_ address: String, _ text: String) -> SMTPReply {
        SMTPReply(code: 450, lines: ["4.3.0 <\(address)>: Recipient address rejected: \(clean(text))"])
    }
    static func deliveryDeferred(_ text: String) -> SMTPReply {
        SMTPReply(code: 451, lines: ["4.3.0 Error: \(clean(text))"])
    }
    static func deliveryRejected(_ text: String) -> SMTPReply {
        SMTPReply(code: 554, lines: ["5.7.1 Message rejected: \(clean(text))"])
    }

    // MARK: Closing the connection (421)

    static func tooManyMessages(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 421, lines: ["4.7.0 \(hostname) Error: too many messages in one session; connect again"])
    }
    static func tooManyErrors(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 421, lines: ["4.7.0 \(hostname) Error: too many errors"])
    }
    static func tooManyConnections(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 421, lines: ["4.7.0 \(hostname) Error: too many connections; try again later"])
    }
    static func timedOut(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 421, lines: ["4.4.2 \(hostname) Error: timeout exceeded"])
    }
    static func shuttingDown(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 421, lines: ["4.3.2 \(hostname) Service shutting down; try again later"])
    }

    /// A reply as it goes on the wire: `250-first` … `250 last`, CRLF after each.
    static func wire(_ reply: SMTPReply) -> String {
        guard !reply.lines.isEmpty else { return "\(reply.code)\r\n" }
        let last = reply.lines.count - 1
        return reply.lines.enumerated().map { index, line in
            "\(reply.code)\(index == last ? " " : "-")\(line)\r\n"
        }.joined()
    }

    /// The delegate's words made safe for one reply line: a line break would
    /// end the reply early and let the rest pass as another, and a reply line
    /// must stay within 512 bytes (RFC 5321 §4.5.3.1.5).
    static func clean(_ text: String, or fallback: String = "try again later") -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
        let trimmed = flat.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return fallback }
        var result = ""
        for character in trimmed {
            guard result.utf8.count + character.utf8.count <= 300 else { break }
            result.append(character)
        }
        return result
    }
}
