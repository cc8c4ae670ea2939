import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

extension HTTPServerBuilder {
    /// HTTP/1 with WebSocket upgrades where a refused upgrade reaches the
    /// router as a plain request. The WebSocket library answers a refused
    /// upgrade with a bare 400; routed, it gets the answer any request would:
    /// 401 without credentials, 403 for a foreign origin or plan, 404 for an
    /// unknown widget, each as a problem document.
    ///
    /// Each connection is first counted against its address (`connections`); one
    /// over the limit gets only a 503. A request the HTTP parser refuses is
    /// answered by `ProtocolErrorAnswer`.
    static func http1WebSocketUpgradeRoutingRefusals(
        http1: HTTP1Channel.Configuration,
        connections: ConnectionsPerAddress,
        shouldUpgrade:
            @escaping @Sendable (HTTPRequest, _ peer: SocketAddress?) async -> ShouldUpgradeResult<
                WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
            >
    ) -> HTTPServerBuilder {
        .init { responder in
            RoutedRefusalsChannel(
                firstRequestWithin: http1.idleTimeout,
                connections: connections,
                upgrades: HTTP1WebSocketUpgradeChannel(
                    responder: responder, configuration: .init(http1: http1),
                    shouldUpgrade: { request, channel, _ in await shouldUpgrade(request, channel.remoteAddress) }),
                accepts: { request, peer in
                    if case .upgrade = await shouldUpgrade(request, peer) { return true }
                    return false
                })
        }
    }
}

/// The WebSocket upgrade channel with an `UpgradeGate` in front of its upgrade
/// handler, a `ProtocolErrorAnswer` behind the HTTP decoder, and a connection
/// count per address in front of it all.
struct RoutedRefusalsChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        /// The HTTP side of the connection; nil when it was refused for its address's connection count.
        let http: HTTP1WebSocketUpgradeChannel.Value?
        let channel: any Channel
    }

    /// How long a new connection may take to send its first request's headers.
    let firstRequestWithin: TimeAmount?
    let connections: ConnectionsPerAddress
    let upgrades: HTTP1WebSocketUpgradeChannel
    let accepts: @Sendable (HTTPRequest, SocketAddress?) async -> Bool

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.admit(channel) else {
            // No HTTP at all: the refusal is the whole conversation.
            let answer = connections.refusal
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ConnectionRefusal(answer: answer))
                return Value(http: nil, channel: channel)
            }
        }
        let accepts = self.accepts
        let deadline = firstRequestWithin
        return upgrades.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(ProtocolErrorAnswer(), position: .after(decoder))
            let upgrader = try pipeline.handler(
                type: NIOTypedHTTPServerUpgradeHandler<HTTP1WebSocketUpgradeChannel.UpgradeResult>.self)
            try pipeline.addHandler(UpgradeGate(accepts: accepts), position: .before(upgrader))
            if let deadline {
                try pipeline.addHandler(FirstRequestDeadline(within: deadline), position: .before(upgrader))
            }
            return Value(http: value, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        guard let http = value.http else { return }
        await upgrades.handle(value: http, logger: logger)
    }
}

/// Holds an upgrade request back until `accepts` has decided; a request that
/// will not be upgraded loses its `Upgrade` header, so the upgrade handler
/// behind passes it on as plain HTTP, on a connection that then closes. The
/// gate leaves the pipeline after the first upgrade request: by then the
/// upgrade handler has done its one job.
final class UpgradeGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    let accepts: @Sendable (HTTPRequest, SocketAddress?) async -> Bool
    /// The parts that arrived while a decision was pending.
    private var held: [HTTPServerRequestPart]?

    init(accepts: @escaping @Sendable (HTTPRequest, SocketAddress?) async -> Bool) {
        self.accepts = accepts
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if held != nil {
            held?.append(part)
            return
        }
        guard case .head(let head) = part, head.headers.contains(name: "upgrade") else {
            context.fireChannelRead(data)
            return
        }
        held = []
        let request = try? HTTPRequest(head, secure: false, splitCookie: false)
        let accepts = self.accepts
        let peer = context.channel.remoteAddress
        let decision = context.eventLoop.makePromise(of: Bool.self)
        decision.completeWithTask {
            guard let request else { return false }
            return await accepts(request, peer)
        }
        decision.futureResult.assumeIsolated().whenComplete { result in
            var head = head
            if (try? result.get()) != true {
                head.headers.remove(name: "upgrade")
                // The HTTP decoder has stopped parsing at the upgrade request, so this
                // connection cannot carry another request: answer, then close.
                head.headers.replaceOrAdd(name: "connection", value: "close")
            }
            context.fireChannelRead(self.wrapInboundOut(.head(head)))
            for part in self.held ?? [] { context.fireChannelRead(self.wrapInboundOut(part)) }
            self.held = nil
            context.fireChannelReadComplete()
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // While a decision is pending the parts are held, so there is nothing to complete yet.
        if held == nil { context.fireChannelReadComplete() }
    }
}

/// Closes a connection whose first request's headers have not all arrived in
/// time: an idle connection, or one sending headers a byte at a time, holds a
/// socket for nothing. (After the first request the HTTP handler's own idle
/// timeout takes over; an upgraded WebSocket has neither.)
final class FirstRequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    let within: TimeAmount
    private var timer: Scheduled<Void>?

    init(within: TimeAmount) {
        self.within = within
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: within) {
            loopBound.value.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            timer?.cancel()
            timer = nil
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
            return
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }
}
