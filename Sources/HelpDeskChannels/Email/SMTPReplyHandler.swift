import NIOCore

/// The end of the client's pipeline: cuts the server's bytes into lines, the
/// lines into replies, and hands each reply to the one waiting for it.
///
/// SMTP is a strict dialogue (a command, then its reply), so there is at most
/// one waiter; a reply that arrives early is kept for the next. The first
/// failure sticks: after a timeout, a broken line or a closed connection no
/// later reply can be trusted to match its command, so every wait after it
/// fails the same way. Lives on the channel's event loop only.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    enum Failure: Error {
        case closed
        case timedOut
        case malformed(String)
        case channel(any Error)
    }

    /// Longer lines are not an SMTP server's (its limit is 512); reading stops
    /// rather than buffering without end.
    static let maxLineBytes = 4_096

    private var partialLine: [UInt8] = []
    private var parser = SMTPReplyParser()
    private var replies: [SMTPReply] = []
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var failure: Failure?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard failure == nil else { return }
        for byte in buffer.readableBytesView {
            if byte == UInt8(ascii: "\n") {
                if partialLine.last == UInt8(ascii: "\r") { partialLine.removeLast() }
                let line = String(decoding: partialLine, as: UTF8.self)
                partialLine = []
                do {
                    if let reply = try parser.feed(line) { deliver(reply) }
                } catch {
                    give(up: .malformed("\(error)"))
                    return
                }
            } else {
                partialLine.append(byte)
                guard partialLine.count <= Self.maxLineBytes else {
                    give(up: .malformed("a line of more than \(Self.maxLineBytes) bytes"))
                    return
                }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        give(up: .channel(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    /// The next reply, or a failure when none comes within `timeout`.
    func nextReply(within timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !replies.isEmpty { return eventLoop.makeSucceededFuture(replies.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard waiter == nil else {
            return eventLoop.makeFailedFuture(Failure.malformed("two commands waited for one reply"))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timeoutTask = eventLoop.assumeIsolated().scheduleTask(in: timeout) { self.give(up: .timedOut) }
        waiter = (promise, timeoutTask)
        return promise.futureResult
    }

    /// Whether anything the server sent is still unread: after `220` to
    /// STARTTLS there must be nothing, or a man in the middle could have
    /// slipped replies in before the encryption that would be read as if they
    /// came through it.
    var hasUnreadInput: Bool {
        !partialLine.isEmpty || !replies.isEmpty || parser.isMidReply
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    /// Fails the dialogue and closes the connection: nothing after this point
    /// can be matched to its command.
    private func give(up failure: Failure) {
        fail(failure)
        context?.close(promise: nil)
    }

    private func fail(_ failure: Failure) {
        if self.failure == nil { self.failure = failure }
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(self.failure ?? failure)
        }
    }
}
