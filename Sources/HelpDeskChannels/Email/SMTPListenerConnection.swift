import Logging
import NIOCore

/// Carries one client's conversation: feeds its bytes to an
/// `SMTPListenerSession`, sends the replies, asks the delegate its questions.
///
/// Replies are gathered while the client's bytes last and sent together, so a
/// client that pipelines its commands gets its answers in one write. While
/// the delegate is asked nothing more is read, and the idle timer is paused:
/// the client is waiting for us then, not we for it.
struct SMTPListenerConnection {
    let channel: NIOAsyncChannel<ByteBuffer, Never>
    let configuration: SMTPListenerConfiguration
    let delegate: any SMTPListenerDelegate
    let logger: Logger

    /// Runs the conversation until the client quits or goes, the session
    /// closes it, or the task is cancelled (then the client is told `421`).
    func run() async {
        let peer = channel.channel.remoteAddress.map(Self.describe)
        var logger = self.logger
        logger[metadataKey: "smtp.peer"] = "\(peer ?? "unknown")"
        logger.debug("SMTP client connected")
        do {
            try await channel.executeThenClose { inbound in
                var session = SMTPListenerSession(configuration: configuration, peer: peer)
                var replies = [session.greeting]
                var isPaused = false
                var iterator = inbound.makeAsyncIterator()

                // Written through the channel, not an async writer: such a
                // writer refuses writes from a cancelled task, and the last
                // words to a client (the outcome of a message stored during
                // shutdown, the 421 that announces it) must still go out then.
                func send(_ words: [SMTPListenerOutput] = []) async throws {
                    var output: [SMTPListenerOutput] = []
                    if !replies.isEmpty {
                        let text = replies.map(SMTPListenerReply.wire).joined()
                        output.append(.replies(channel.channel.allocator.buffer(string: text)))
                        replies = []
                    }
                    output += words
                    guard let last = output.popLast() else { return }
                    for item in output { channel.channel.write(item, promise: nil) }
                    try await channel.channel.writeAndFlush(last).get()
                }

                while true {
                    while let step = session.next() {
                        switch step {
                        case .reply(let reply):
                            replies.append(reply)
                        case .close:
                            try await send()
                            return
                        case .checkRecipient(let address):
                            try await send(isPaused ? [] : [.pauseIdleTimer])
                            isPaused = true
                            let decision = await delegate.checkRecipient(address)
                            logger.debug(
                                "SMTP recipient checked",
                                metadata: ["smtp.recipient": "\(address)", "smtp.decision": "\(decision)"])
                            replies.append(session.recipientChecked(decision))
                        case .deliver(let message):
                            try await send(isPaused ? [] : [.pauseIdleTimer])
                            isPaused = true
                            replies.append(session.delivered(await hand(message, logger: logger)))
                        }
                    }
                    try await send(isPaused ? [.resumeIdleTimer] : [])
                    isPaused = false
                    let bytes: ByteBuffer?
                    do {
                        try Task.checkCancellation()
                        bytes = try await iterator.next()
                    } catch is CancellationError {
                        replies.append(SMTPListenerReply.shuttingDown(configuration.hostname))
                        try await send()
                        return
                    }
                    // nil: the client closed its side (or the idle timer closed it).
                    guard let bytes else { return }
                    session.receive(bytes.readableBytesView)
                }
            }
        } catch {
            logger.debug("SMTP connection ended", metadata: ["error": "\(SMTPFailureWords.describe(error))"])
            return
        }
        logger.debug("SMTP client disconnected")
    }

    /// Hands a message to the delegate in a task of its own: the delegate may
    /// be storing it when the listener is stopped, and cancelling it midway
    /// could lose a message the client is about to be told was taken (or
    /// refuse one for no reason of its own). Shutdown waits for it instead.
    private func hand(_ message: SMTPReceivedMessage, logger: Logger) async -> SMTPDeliveryDecision {
        let delegate = self.delegate
        let decision = await Task { await delegate.receive(message) }.value
        // The envelope only: a message's content is the customer's, not the log's.
        logger.debug(
            "SMTP message received",
            metadata: [
                "smtp.from": "\(message.sender)", "smtp.to": "\(message.recipients.joined(separator: ", "))",
                "smtp.bytes": "\(message.data.count)", "smtp.decision": "\(decision)",
            ])
        return decision
    }

    /// `192.0.2.1:25` or `[2001:db8::1]:25`.
    static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress else { return "\(address)" }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return address.port.map { "\(host):\($0)" } ?? host
    }
}
