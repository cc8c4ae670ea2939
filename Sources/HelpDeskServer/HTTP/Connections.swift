import Foundation
import HTTPTypes
import HelpDeskCore
import Metrics
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The request header limits the HTTP decoder enforces; past them a request is
/// answered 431 (`ProtocolErrorAnswer`).
enum HeaderLimits {
    static let fieldBytes = 16 * 1024
    static let totalBytes = 32 * 1024
    static let fields = 100
}

/// Counts the open TCP connections of each client address, so one address
/// cannot hold every socket the server has. A connection is counted when it is
/// accepted and released when it closes, whatever closed it (the client hanging
/// up, a timeout, the server, a WebSocket ending): the release hangs on the
/// channel's close future, which completes exactly once for every channel,
/// rather than on pipeline events that a handler could swallow or that a
/// channel removed early never sees.
///
/// IPv6 clients are counted per /64 network, as one host usually holds a whole
/// /64. Connections from a trusted reverse proxy are not counted: it carries
/// many clients (their own limits then belong on the proxy).
final class ConnectionsPerAddress: Sendable {
    let limit: Int
    let exempt: [AddressRange]
    /// The whole answer to a connection over the limit: a 503 the client can read
    /// before the connection closes.
    let refusal: ByteBuffer
    private let open = NIOLockedValueBox<[String: Int]>([:])

    init(limit: Int, exempt: [AddressRange] = []) {
        self.limit = limit
        self.exempt = exempt
        let body = Problem(
            slug: "too-many-connections", title: "Too many connections", status: .serviceUnavailable,
            detail: "this address already has \(limit) connections open to the server; close one and retry"
        ).encoded()
        var refusal = ByteBuffer(
            string: "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n"
                + "content-length: \(body.count)\r\nconnection: close\r\nretry-after: \(Self.retryAfterSeconds)\r\n"
                + "x-content-type-options: nosniff\r\n\r\n")
        refusal.writeBytes(body)
        self.refusal = refusal
    }

    /// Counts `channel` against its address and returns true, or returns false
    /// when the address already has `limit` connections open.
    func admit(_ channel: any NIOCore.Channel) -> Bool {
        guard let address = channel.remoteAddress?.ipAddress else { return true }
        if exempt.contains(where: { $0.contains(address) }) { return true }
        let key = Self.key(for: address)
        let admitted = open.withLockedValue { open in
            let count = open[key, default: 0]
            guard count < limit else { return false }
            open[key] = count + 1
            return true
        }
        guard admitted else { return false }
        channel.closeFuture.whenComplete { _ in self.release(key) }
        return true
    }

    private func release(_ key: String) {
        open.withLockedValue { open in
            let count = (open[key] ?? 1) - 1
            open[key] = count > 0 ? count : nil
        }
    }

    /// What connections are counted by: the IPv4 address (also when written as
    /// an IPv4-mapped IPv6 address), or the /64 network of an IPv6 address.
    static func key(for address: String) -> String {
        guard let bytes = AddressRange.parse(address) else { return address }
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }
        return groups.joined(separator: ":") + "::/64"
    }

    /// Counts refused connections for `/metrics`.
    static func countRefusal() {
        Counter(label: "helpdesk_connections_refused_total").increment()
    }

    static let retryAfterSeconds = 5
}

/// Closes a connection after its last answer the way HTTP asks: the output is
/// shut first, so the client reads the whole answer, and the socket closes once
/// the client has closed its side or after `within`. Closing at once while the
/// client is still sending would reset the connection, and a reset can discard
/// the answer before the client reads it. (A class: closing the output can
/// close the channel, whose handlers then cancel the timer, while `start` runs.)
final class LingeringClose {
    private(set) var started = false
    private var timer: Scheduled<Void>?

    func start(_ context: ChannelHandlerContext, within: TimeAmount = .seconds(2)) {
        guard !started else { return }
        started = true
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: within) { bound.value.close(promise: nil) }
        let shut = context.eventLoop.makePromise(of: Void.self)
        shut.futureResult.whenFailure { _ in bound.value.close(promise: nil) }
        context.close(mode: .output, promise: shut)
    }

    /// The client closed its side: nothing more will be read, so close now.
    func inputClosed(_ context: ChannelHandlerContext) {
        if started { context.close(promise: nil) }
    }

    func cancel() {
        timer?.cancel()
        timer = nil
    }
}

/// The only handler of a connection refused for its address's connection
/// count: it writes the 503, drops whatever the client sends, and closes.
final class ConnectionRefusal: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let answer: ByteBuffer
    private var written = false
    private let closing = LingeringClose()

    init(answer: ByteBuffer) {
        self.answer = answer
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
    }

    private func refuse(_ context: ChannelHandlerContext) {
        guard !written else { return }
        written = true
        ConnectionsPerAddress.countRefusal()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in
            let (handler, context) = loopBound.value
            handler.closing.start(context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing.cancel()
    }
}

/// Answers a request the HTTP decoder cannot parse, then closes the connection:
/// 431 for a request line or headers over `HeaderLimits`, 501 for a method the
/// parser does not know, 505 for a version other than HTTP/1.1 and 1.0, 400
/// for anything else (Content-Length twice or beside chunked, a malformed
/// request line, characters HTTP does not allow, a bad chunk size). Without it
/// such a request on a new connection got no answer at all: the WebSocket
/// upgrade handler that reads a connection's first request lets parser errors
/// pass, and nothing behind it answers them.
///
/// It sits right behind the decoder, counting requests in and responses out,
/// so an answer never cuts into a response in progress:
/// - between requests (the usual case), it answers at once;
/// - while earlier requests are still being answered, it answers after them;
/// - in the middle of a request's body, the error goes on to the handler
///   reading that body (whose problem is 400 too), and the connection closes
///   after that response.
///
/// A response that says `Connection: close` (a refused body, say) also closes
/// the connection once written.
///
/// After a WebSocket upgrade the handler stays where it is and passes frames
/// on untouched, which is why its types are `Any` and not the HTTP parts (it
/// cannot leave while the upgrade writes its 101: a handler removed inside
/// `write` loses the flush that follows, and the 101 with it).
final class ProtocolErrorAnswer: ChannelDuplexHandler {
    typealias InboundIn = Any
    typealias InboundOut = Any
    typealias OutboundIn = Any
    typealias OutboundOut = HTTPServerResponsePart

    /// Requests whose head arrived and whose response has not ended.
    private var inFlight = 0
    /// A request's head has arrived but not its end.
    private var readingRequest = false
    private var sawRequest = false
    private var failed = false
    /// A parse error to answer once the responses in flight are written.
    private var pending: HTTPParserError?
    private var closeAfterResponse = false
    private let closing = LingeringClose()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing.started { return }
        if let part = unwrapInboundIn(data) as? HTTPServerRequestPart {
            switch part {
            case .head:
                inFlight += 1
                readingRequest = true
                sawRequest = true
            case .body:
                break
            case .end:
                readingRequest = false
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !closing.started { context.fireChannelReadComplete() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !failed, !closing.started else { return }
        // Input that ended mid-request (`invalidEOFState`) leaves nobody to answer.
        guard let error = error as? HTTPParserError, error != .invalidEOFState else {
            context.fireErrorCaught(error)
            return
        }
        failed = true
        if readingRequest {
            closeAfterResponse = true
            if inFlight > 0 {
                context.fireErrorCaught(error)
            } else {
                closing.start(context)
            }
        } else if inFlight > 0 {
            pending = error
        } else {
            answer(error, context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard let part = unwrapOutboundIn(data) as? HTTPServerResponsePart else {
            context.write(data, promise: promise)
            return
        }
        switch part {
        case .head(var head) where head.status.code >= 200:
            if closeAfterResponse || pending != nil {
                head.headers.replaceOrAdd(name: "connection", value: "close")
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                return
            }
            if head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }) {
                closeAfterResponse = true
            }
            context.write(data, promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            inFlight = max(0, inFlight - 1)
            guard inFlight == 0, closeAfterResponse || pending != nil else {
                context.write(data, promise: promise)
                return
            }
            let written = promise ?? context.eventLoop.makePromise()
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in
                let (handler, context) = loopBound.value
                if let pending = handler.pending {
                    handler.pending = nil
                    handler.answer(pending, context: context)
                } else {
                    handler.closing.start(context)
                }
            }
            context.write(data, promise: written)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        // Passed on first: the upgrade handler, if still waiting for a first request, then
        // ends quietly (rather than logging an error when the channel closes under it).
        if let event = event as? ChannelEvent, event == .inputClosed { closing.inputClosed(context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing.cancel()
        if !sawRequest {
            // The upgrade handler behind is still waiting for a first request. Told that the
            // input ended, it gives up as it does for a client that hangs up, quietly; left to
            // find the channel gone, it reports an error (in the log, for every connection that
            // closed early: timed out, malformed, reset).
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        closing.cancel()
    }

    private func answer(_ error: HTTPParserError, context: ChannelHandlerContext) {
        let problem = Self.problem(for: error)
        let body = problem.encoded()
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/problem+json")
        headers.add(name: "content-length", value: String(body.count))
        headers.add(name: "connection", value: "close")
        headers.add(name: "x-content-type-options", value: "nosniff")
        let status = HTTPResponseStatus(statusCode: problem.status)
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            let (handler, context) = loopBound.value
            handler.closing.start(context)
        }
    }

    /// The problem a request the parser refused with `error` is answered with.
    static func problem(for error: HTTPParserError) -> Problem {
        switch error {
        case .headerOverflow:
            return Problem(
                slug: "header-fields-too-large", title: "Request header fields too large",
                status: .requestHeaderFieldsTooLarge,
                detail:
                    "the request line or headers are over this server's limits: \(HeaderLimits.fieldBytes / 1024) "
                    + "KiB a field (the request target too), \(HeaderLimits.totalBytes / 1024) KiB in all, "
                    + "\(HeaderLimits.fields) fields")
        case .invalidMethod:
            return Problem(
                slug: "method-not-implemented", title: "Method not implemented", status: .notImplemented,
                detail: "the request method is not one this server knows")
        case .invalidVersion:
            return Problem(
                slug: "http-version-not-supported", title: "HTTP version not supported",
                status: .httpVersionNotSupported, detail: "this server speaks HTTP/1.1 and HTTP/1.0 only")
        default:
            return Problem(
                slug: "malformed-request", title: "Malformed request", status: .badRequest,
                detail: malformation(error))
        }
    }

    private static func malformation(_ error: HTTPParserError) -> String {
        switch error {
        case .unexpectedContentLength:
            return "the request has Content-Length twice, or beside Transfer-Encoding; send one of them"
        case .invalidContentLength:
            return "the Content-Length header is not a number"
        case .invalidChunkSize:
            return "a chunk of the chunked body has a malformed size line"
        case .invalidHeaderToken:
            return "a header name or value holds a character HTTP does not allow"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            return "the request target is not a valid URL path"
        case .invalidConstant, .lfExpected, .invalidEOFState:
            return "the request line or a header line is malformed"
        default:
            // Includes `unknown`: llhttp's errors for Transfer-Encoding have no case of their own.
            return "the request is not valid HTTP/1.1: check the request line, the headers and the body's "
                + "framing (Content-Length, or Transfer-Encoding ending in chunked, never both)"
        }
    }
}
