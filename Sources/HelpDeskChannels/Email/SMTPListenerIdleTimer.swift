import NIOCore

/// What a conversation writes down its channel: replies, and when the
/// listener's own work starts and ends, for the idle timer.
enum SMTPListenerOutput: Sendable {
    case replies(ByteBuffer)
    /// The listener is working (asking the delegate): the client is waiting
    /// for us, so its silence is not idleness.
    case pauseIdleTimer
    /// The listener waits for the client again; the time starts afresh.
    case resumeIdleTimer
}

/// Closes a connection whose client says nothing for `timeout`: writes the
/// `421` and closes, which ends the conversation's reading.
///
/// A handler in the pipeline rather than a timer in the conversation's task,
/// because only here are bytes seen the moment they arrive, and the pause
/// and resume words travel in order with the replies. Lives on the channel's
/// event loop only.
final class SMTPListenerIdleTimer: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = SMTPListenerOutput
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let reply: SMTPReply
    private let onTimeout: @Sendable () -> Void
    private var scheduled: Scheduled<Void>?
    private var isPaused = false

    /// - Parameters:
    ///   - reply: what to say before closing.
    ///   - onTimeout: told when a connection is closed for idleness (to log it).
    init(timeout: TimeAmount, reply: SMTPReply, onTimeout: @escaping @Sendable () -> Void = {}) {
        self.timeout = timeout
        self.reply = reply
        self.onTimeout = onTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { restart(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        restart(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !isPaused { restart(context: context) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .replies(let buffer):
            context.write(wrapOutboundOut(buffer), promise: promise)
        case .pauseIdleTimer:
            isPaused = true
            stop()
            promise?.succeed()
        case .resumeIdleTimer:
            isPaused = false
            restart(context: context)
            promise?.succeed()
        }
    }

    private func restart(context: ChannelHandlerContext) {
        stop()
        let loop = context.eventLoop.assumeIsolated()
        scheduled = loop.scheduleTask(in: timeout) { self.expire(context: context) }
    }

    private func stop() {
        scheduled?.cancel()
        scheduled = nil
    }

    private func expire(context: ChannelHandlerContext) {
        scheduled = nil
        guard context.channel.isActive else { return }
        onTimeout()
        let buffer = context.channel.allocator.buffer(string: SMTPListenerReply.wire(reply))
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
