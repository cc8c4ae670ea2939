import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The help desk's own inbound mail server: receives mail over SMTP (RFC 5321)
/// as a receiving MTA, asks its delegate about each recipient, and hands each
/// finished message over raw, with its envelope.
///
/// It is meant to listen on loopback or a private network, behind the
/// domain's MX or a relay (Postfix, a provider's forwarding) that delivers to
/// it. That is why it speaks neither STARTTLS nor AUTH: the hop it serves
/// does not cross an untrusted network, and an MX receiving mail for its own
/// domains asks no one to log in. It must not be exposed to the internet as
/// the MX itself: it does no spam filtering, no SPF or DKIM checks, and no
/// TLS.
///
/// What it offers: `SIZE` (refused up front when declared too large, and
/// never buffered past the limit when not), `8BITMIME`, `SMTPUTF8`,
/// `PIPELINING`, `ENHANCEDSTATUSCODES`. Every client is held to the limits of
/// its `SMTPListenerConfiguration`. Logs carry envelopes (at debug level),
/// never message content.
///
/// A plain type, not a service of a lifecycle library: `run` listens until
/// its task is cancelled, so the server runs it as one child of its task
/// group and stops it by cancelling.
public final class SMTPListener: Sendable {
    public let configuration: SMTPListenerConfiguration
    private let delegate: any SMTPListenerDelegate
    private let logger: Logger
    private let openConnections = Mutex(0)

    public init(
        configuration: SMTPListenerConfiguration, delegate: any SMTPListenerDelegate,
        logger: Logger = Logger(label: "helpdesk.smtp.listener")
    ) {
        self.configuration = configuration
        self.delegate = delegate
        self.logger = logger
    }

    /// Listens and serves clients until the task is cancelled, then stops
    /// accepting, tells every connected client `421` (service shutting down)
    /// and returns once every conversation has ended. A message being handed
    /// to the delegate then is finished first, and its client told the
    /// outcome.
    ///
    /// - Parameter onListening: called once the port is bound, with the port
    ///   (the one the system chose when the configuration says 0), before any
    ///   client is served.
    /// - Throws: `SMTPListenerError` when the configuration cannot work or the
    ///   address cannot be bound; never for a client's failure.
    public func run(onListening: @Sendable (_ port: Int) async -> Void = { _ in }) async throws(SMTPListenerError) {
        if let problem = configuration.problem { throw problem }
        let server = try await bind()
        let port = server.channel.localAddress?.port ?? configuration.port
        logger.info("SMTP listener listening", metadata: ["smtp.address": "\(configuration.host):\(port)"])
        await onListening(port)

        var failure: (any Error)?
        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { clients in
                    for try await client in clients {
                        if admit() {
                            group.addTask {
                                await self.serve(client)
                                self.openConnections.withLock { $0 -= 1 }
                            }
                        } else {
                            group.addTask { await self.turnAway(client) }
                        }
                    }
                }
            } catch is CancellationError {
                // Stopping, as asked.
            } catch {
                failure = error
                group.cancelAll()
            }
        }
        if let failure {
            logger.error("SMTP listener stopped", metadata: ["error": "\(SMTPFailureWords.describe(failure))"])
            throw .stopped(reason: SMTPFailureWords.describe(failure))
        }
        logger.info("SMTP listener stopped")
    }

    private func bind() async throws(SMTPListenerError)
        -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, Never>, Never>
    {
        let configuration = self.configuration
        let logger = self.logger
        do {
            return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let timer = SMTPListenerIdleTimer(
                            timeout: .nanoseconds(configuration.commandTimeout.nanoseconds),
                            reply: SMTPListenerReply.timedOut(configuration.hostname),
                            onTimeout: {
                                let peer = channel.remoteAddress.map(SMTPListenerConnection.describe) ?? "unknown"
                                logger.debug("SMTP client idle; closed", metadata: ["smtp.peer": "\(peer)"])
                            })
                        try channel.pipeline.syncOperations.addHandler(timer)
                        return try NIOAsyncChannel<ByteBuffer, Never>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .cannotListen(
                host: configuration.host, port: configuration.port, reason: SMTPFailureWords.describe(error))
        }
    }

    /// Takes a connection slot when one is free.
    private func admit() -> Bool {
        openConnections.withLock { open in
            guard open < configuration.maxConnections else { return false }
            open += 1
            return true
        }
    }

    private func serve(_ client: NIOAsyncChannel<ByteBuffer, Never>) async {
        await SMTPListenerConnection(channel: client, configuration: configuration, delegate: delegate, logger: logger)
            .run()
    }

    /// Says `421` to a client over the connection limit and closes: a client
    /// that hears 421 tries again later, one that finds no listener may not.
    private func turnAway(_ client: NIOAsyncChannel<ByteBuffer, Never>) async {
        logger.notice(
            "SMTP client turned away: connection limit reached",
            metadata: ["smtp.maxConnections": "\(configuration.maxConnections)"])
        let reply = SMTPListenerReply.wire(SMTPListenerReply.tooManyConnections(configuration.hostname))
        try? await client.executeThenClose { _ in
            let buffer = client.channel.allocator.buffer(string: reply)
            try await client.channel.writeAndFlush(SMTPListenerOutput.replies(buffer)).get()
        }
    }
}
