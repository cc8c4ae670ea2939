/// One SMTP conversation as the receiving side holds it (RFC 5321): bytes in,
/// steps out — a reply to send, a question for the delegate, the end.
///
/// No I/O and no clock, so every rule of the dialogue is tested on plain
/// bytes; `SMTPListenerConnection` carries the steps out. Input is taken as it
/// comes, several commands at once when the client pipelines (RFC 2920), and
/// is read one step at a time: while a question is out (`checkRecipient`,
/// `deliver`) nothing more is read, so the answers keep the commands' order.
struct SMTPListenerSession {
    /// What to do next.
    enum Step: Equatable {
        case reply(SMTPReply)
        /// Ask `SMTPListenerDelegate.checkRecipient`, then pass the answer to
        /// `recipientChecked`.
        case checkRecipient(String)
        /// Hand the message to `SMTPListenerDelegate.receive`, then pass the
        /// answer to `delivered`.
        case deliver(SMTPReceivedMessage)
        /// Close the connection (after sending the replies before this step).
        case close
    }

    /// Longer command lines are refused (`500`) without being held: RFC 5321
    /// allows 512 bytes, and room is left for clients that add parameters.
    static let maxCommandLineBytes = 4_096
    /// After this many refused commands the client is not an MTA that will
    /// come right; it is closed rather than served garbage for ever.
    static let maxErrors = 20

    let configuration: SMTPListenerConfiguration
    let peer: String?

    private var input: [UInt8] = []
    private var inputIndex = 0
    private var line: [UInt8] = []
    private var lineTooLong = false
    /// Set between `354` and the end of the message.
    private var data: SMTPListenerDataReader?
    /// Steps decided together, handed out one by one.
    private var queued: [Step] = []
    private var question: Question?
    private var isClosed = false
    private var errors = 0

    private enum Question {
        case recipient(String)
        case delivery
    }

    /// The name from EHLO or HELO; nil before either.
    private(set) var clientName: String?
    private var isExtended = false
    /// The `MAIL FROM` address of the open transaction; nil when none is open.
    private(set) var sender: String?
    private(set) var recipients: [String] = []
    /// Whether any `RCPT TO` was tried in this transaction, accepted or not.
    private var triedRecipient = false
    private(set) var messagesReceived = 0

    init(configuration: SMTPListenerConfiguration, peer: String? = nil) {
        self.configuration = configuration
        self.peer = peer
    }

    var greeting: SMTPReply { SMTPListenerReply.greeting(configuration.hostname) }

    /// Takes bytes from the client; `next()` reads them.
    mutating func receive(_ bytes: some Sequence<UInt8>) {
        guard !isClosed else { return }
        if inputIndex > 0 {
            input.removeFirst(inputIndex)
            inputIndex = 0
        }
        input.append(contentsOf: bytes)
    }

    /// The next step, or nil when the bytes received so far call for none
    /// (more are needed), a question is waiting for its answer, or the
    /// session is closed.
    mutating func next() -> Step? {
        if !queued.isEmpty { return queued.removeFirst() }
        guard question == nil, !isClosed else { return nil }
        while inputIndex < input.count {
            if let step = readData() ?? readCommand() { return step }
        }
        input.removeAll(keepingCapacity: input.count <= 65_536)
        inputIndex = 0
        return nil
    }

    /// The reply to the `RCPT TO` whose `checkRecipient` step was answered.
    mutating func recipientChecked(_ decision: SMTPRecipientDecision) -> SMTPReply {
        guard case .recipient(let address) = question else {
            preconditionFailure("recipientChecked without a checkRecipient step")
        }
        question = nil
        switch decision {
        case .accept:
            if !recipients.contains(where: { $0.lowercased() == address.lowercased() }) { recipients.append(address) }
            return SMTPListenerReply.recipientOK
        case .unknown:
            return SMTPListenerReply.unknownRecipient(address)
        case .temporaryFailure(let text):
            return SMTPListenerReply.recipientDeferred(address, text)
        }
    }

    /// The reply to the message whose `deliver` step was answered; the
    /// transaction is over either way.
    mutating func delivered(_ decision: SMTPDeliveryDecision) -> SMTPReply {
        guard case .delivery = question else { preconditionFailure("delivered without a deliver step") }
        question = nil
        switch decision {
        case .accepted(let id): return SMTPListenerReply.queued(id)
        case .temporaryFailure(let text): return SMTPListenerReply.deliveryDeferred(text)
        case .rejected(let text): return SMTPListenerReply.deliveryRejected(text)
        }
    }

    // MARK: Reading

    /// In the DATA phase: reads message bytes up to the end of the message.
    private mutating func readData() -> Step? {
        guard var reader = data else { return nil }
        // Taken out while it reads, so the message buffer is not copied.
        data = nil
        guard let end = reader.read(input, from: inputIndex) else {
            inputIndex = input.count
            data = reader
            return nil
        }
        inputIndex = end
        messagesReceived += 1
        if reader.overflowed {
            resetTransaction()
            return .reply(SMTPListenerReply.sizeExceeded(configuration.maxMessageBytes))
        }
        let message = SMTPReceivedMessage(
            sender: sender ?? "", recipients: recipients, data: reader.message, clientName: clientName ?? "",
            peer: peer)
        resetTransaction()
        question = .delivery
        return .deliver(message)
    }

    /// In the command phase: reads up to the end of a line (LF, with or
    /// without CR) and answers it.
    private mutating func readCommand() -> Step? {
        while inputIndex < input.count {
            let byte = input[inputIndex]
            inputIndex += 1
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                let steps = answer(line)
                line.removeAll(keepingCapacity: true)
                queued += steps.dropFirst()
                return steps.first
            }
            guard !lineTooLong else { continue }
            line.append(byte)
            if line.count > Self.maxCommandLineBytes {
                lineTooLong = true
                line = []
            }
        }
        return nil
    }

    private mutating func answer(_ bytes: [UInt8]) -> [Step] {
        if lineTooLong {
            lineTooLong = false
            return refuse(SMTPListenerReply.lineTooLong(Self.maxCommandLineBytes))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else { return refuse(SMTPListenerReply.notUTF8) }
        return answer(SMTPListenerCommand(line: text))
    }

    // MARK: Commands

    private mutating func answer(_ command: SMTPListenerCommand) -> [Step] {
        switch command.verb {
        case "EHLO", "HELO":
            guard !command.argument.isEmpty else { return refuse(SMTPListenerReply.syntax("\(command.verb) hostname")) }
            // A greeting starts afresh (RFC 5321 §4.1.4).
            resetTransaction()
            clientName = command.argument
            isExtended = command.verb == "EHLO"
            let hostname = configuration.hostname
            return [
                .reply(
                    isExtended
                        ? SMTPListenerReply.extensions(hostname, maxMessageBytes: configuration.maxMessageBytes)
                        : SMTPListenerReply.helo(hostname))
            ]
        case "MAIL": return mail(command)
        case "RCPT": return recipient(command)
        case "DATA": return startData(command)
        case "RSET":
            resetTransaction()
            return [.reply(SMTPListenerReply.ok)]
        case "NOOP": return [.reply(SMTPListenerReply.ok)]
        case "QUIT":
            isClosed = true
            return [.reply(SMTPListenerReply.bye), .close]
        case "VRFY": return [.reply(SMTPListenerReply.cannotVerify)]
        case "HELP": return [.reply(SMTPListenerReply.help)]
        // Known verbs this listener does not offer: TLS and AUTH (see
        // `SMTPListener`), chunking, list expansion, queue runs, the obsolete
        // SEND family.
        case "STARTTLS", "AUTH", "BDAT", "EXPN", "ETRN", "ATRN", "TURN", "SEND", "SOML", "SAML":
            return refuse(SMTPListenerReply.notImplemented(command.verb))
        default:
            return refuse(SMTPListenerReply.notRecognized)
        }
    }

    private mutating func mail(_ command: SMTPListenerCommand) -> [Step] {
        guard clientName != nil else { return refuse(SMTPListenerReply.helloFirst) }
        guard sender == nil else { return refuse(SMTPListenerReply.nestedMail) }
        guard messagesReceived < configuration.maxMessagesPerConnection else {
            return close(with: SMTPListenerReply.tooManyMessages(configuration.hostname))
        }
        let path: SMTPListenerCommand.Path
        do {
            path = try command.path(after: "FROM:")
        } catch .missingPrefix {
            return refuse(SMTPListenerReply.syntax("MAIL FROM:<address>"))
        } catch {
            return refuse(SMTPListenerReply.badSender)
        }
        for (key, value) in path.parameters {
            // Parameters belong to extensions, and a HELO client was offered none.
            guard isExtended else { return refuse(SMTPListenerReply.unsupportedParameter(key)) }
            switch key {
            case "SIZE":
                // RFC 1870: refuse up front what would be refused after DATA.
                guard let value, !value.isEmpty, value.utf8.allSatisfy({ (48...57).contains($0) }) else {
                    return refuse(SMTPListenerReply.badParameter("SIZE"))
                }
                // Digits beyond what an Int holds are more than any limit.
                if (Int(value) ?? .max) > configuration.maxMessageBytes {
                    return [.reply(SMTPListenerReply.sizeExceeded(configuration.maxMessageBytes))]
                }
            case "BODY":
                guard let value, ["7BIT", "8BITMIME"].contains(value.uppercased()) else {
                    return refuse(SMTPListenerReply.badParameter("BODY"))
                }
            case "SMTPUTF8":
                guard value == nil else { return refuse(SMTPListenerReply.badParameter("SMTPUTF8")) }
            default:
                return refuse(SMTPListenerReply.unsupportedParameter(key))
            }
        }
        sender = path.address
        return [.reply(SMTPListenerReply.senderOK)]
    }

    private mutating func recipient(_ command: SMTPListenerCommand) -> [Step] {
        guard sender != nil else { return refuse(SMTPListenerReply.needMail) }
        let path: SMTPListenerCommand.Path
        do {
            path = try command.path(after: "TO:")
        } catch .missingPrefix {
            return refuse(SMTPListenerReply.syntax("RCPT TO:<address>"))
        } catch {
            return refuse(SMTPListenerReply.badRecipient)
        }
        guard !path.address.isEmpty else { return refuse(SMTPListenerReply.badRecipient) }
        // No DSN (RFC 3461) is offered, so no RCPT parameter is known.
        if let parameter = path.parameters.first {
            return refuse(SMTPListenerReply.unsupportedParameter(parameter.key))
        }
        triedRecipient = true
        guard recipients.count < configuration.maxRecipients else {
            return [.reply(SMTPListenerReply.tooManyRecipients)]
        }
        question = .recipient(path.address)
        return [.checkRecipient(path.address)]
    }

    private mutating func startData(_ command: SMTPListenerCommand) -> [Step] {
        guard sender != nil else { return refuse(SMTPListenerReply.needMail) }
        guard command.argument.isEmpty else { return refuse(SMTPListenerReply.syntax("DATA")) }
        guard triedRecipient else { return refuse(SMTPListenerReply.needRecipient) }
        guard !recipients.isEmpty else { return [.reply(SMTPListenerReply.noValidRecipients)] }
        data = SMTPListenerDataReader(limit: configuration.maxMessageBytes)
        return [.reply(SMTPListenerReply.startData)]
    }

    // MARK: State

    private mutating func resetTransaction() {
        sender = nil
        recipients = []
        triedRecipient = false
    }

    /// A refused command: its reply, and the end once the client has made too
    /// many mistakes.
    private mutating func refuse(_ reply: SMTPReply) -> [Step] {
        errors += 1
        guard errors >= Self.maxErrors else { return [.reply(reply)] }
        return [.reply(reply)] + close(with: SMTPListenerReply.tooManyErrors(configuration.hostname))
    }

    private mutating func close(with reply: SMTPReply) -> [Step] {
        isClosed = true
        return [.reply(reply), .close]
    }
}
