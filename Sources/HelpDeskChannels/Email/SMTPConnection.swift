import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to a mail server, possibly upgraded to TLS, that writes
/// command lines and reads replies within a time limit.
///
/// The replies are read by a `SMTPReplyHandler` that only the channel's event
/// loop touches; this type reaches it through `NIOLoopBound`, so it can be
/// shared by the session's tasks.
final class SMTPConnection: Sendable {
    let channel: any Channel
    private let replies: NIOLoopBound<SMTPReplyHandler>

    private init(channel: any Channel, replies: NIOLoopBound<SMTPReplyHandler>) {
        self.channel = channel
        self.replies = replies
    }

    /// Connects to the first of `addresses` that answers within what is left
    /// of `timeout`, with TLS from the first byte when `tls` is given.
    ///
    /// The addresses are the ones the outbound policy was checked against, so
    /// no second name lookup can lead elsewhere; `serverHostname` is the name
    /// the certificate must carry.
    static func connect(
        to addresses: [SocketAddress], tls: NIOSSLContext?, serverHostname: String?, timeout: Duration
    ) async throws -> SMTPConnection {
        let deadline = ContinuousClock.now + timeout
        var lastError: any Error = ChannelError.connectTimeout(.nanoseconds(timeout.nanoseconds))
        for address in addresses {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            do {
                return try await connect(to: address, tls: tls, serverHostname: serverHostname, timeout: remaining)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connect(
        to address: SocketAddress, tls: NIOSSLContext?, serverHostname: String?, timeout: Duration
    ) async throws -> SMTPConnection {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        // The handler is handed over from the initializer, not looked up after
        // connecting: by then a failed TLS handshake may have torn the pipeline
        // down, and its error is what the caller needs to see.
        let handed = eventLoop.makePromise(of: NIOLoopBound<SMTPReplyHandler>.self)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(timeout.nanoseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    let replies = SMTPReplyHandler()
                    try channel.pipeline.syncOperations.addHandler(replies)
                    handed.succeed(NIOLoopBound(replies, eventLoop: channel.eventLoop))
                }
            }
        do {
            let channel = try await bootstrap.connect(to: address).get()
            return SMTPConnection(channel: channel, replies: try await handed.futureResult.get())
        } catch {
            handed.fail(error)  // does nothing when the initializer ran
            throw error
        }
    }

    /// Writes bytes; a failure to write shows as a failed `reply`.
    func write(_ bytes: [UInt8]) {
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
    }

    /// The server's next reply, within `timeout`; a cancelled task closes the
    /// connection, which ends the wait.
    func reply(within timeout: Duration) async throws -> SMTPReply {
        let replies = self.replies
        let eventLoop = channel.eventLoop
        let future = eventLoop.flatSubmit {
            replies.value.nextReply(within: .nanoseconds(Int64(timeout.nanoseconds)), on: eventLoop)
        }
        let channel = self.channel
        return try await withTaskCancellationHandler {
            try await future.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Puts TLS under the dialogue (after the server's `220` to STARTTLS). The
    /// handshake runs before the next command's bytes leave; its failure shows
    /// as that command's failed reply. Refuses when the server has already sent
    /// more, which only a man in the middle would.
    func startTLS(_ tls: NIOSSLContext, serverHostname: String?) async throws -> Bool {
        let replies = self.replies
        let channel = self.channel
        return try await channel.eventLoop.submit {
            guard !replies.value.hasUnreadInput else { return false }
            let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            return true
        }.get()
    }

    func close() async {
        try? await channel.close()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
