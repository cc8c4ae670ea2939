import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A scripted SMTP server on 127.0.0.1 (an ephemeral port) for the client's
/// tests: it answers like Postfix by default, can be told to answer any step
/// with another reply or not at all, to offer or withhold STARTTLS, AUTH and
/// SIZE, and to speak TLS (STARTTLS or from the first byte). It records the
/// dialogue, the client's raw bytes and the mails it took.
final class FakeSMTPServer: Sendable {
    enum Step: Hashable, Sendable {
        case greeting, ehlo, helo, startTLS, auth, mail, rcpt, data, message, rset, quit
    }

    struct Script: Sendable {
        var greeting = "220 fake.test ESMTP"
        /// The EHLO reply's lines after the first (STARTTLS is dropped from it once TLS is on).
        var extensions = ["PIPELINING", "8BITMIME"]
        var rejectsEHLO = false
        /// The TLS the server can speak: for STARTTLS, and from the first byte when `implicitTLS`.
        var tls: NIOSSLContext?
        var implicitTLS = false
        /// What AUTH accepts.
        var username = "user"
        var password = "secret"
        /// A reply (CRLF between lines, none at the end) instead of the usual one.
        var replies: [Step: String] = [:]
        /// Steps the server never answers.
        var stalls: Set<Step> = []
        /// Bytes the server sends right after its `220` to STARTTLS, in clear.
        var afterStartTLS: String?
        /// Replies to RCPT TO for particular addresses.
        var recipientReplies: [String: String] = [:]
    }

    struct Mail: Sendable, Equatable {
        var from: String
        var recipients: [String]
        /// The message as the server keeps it: dot-stuffing undone, CRLF line ends.
        var data: String
    }

    struct Record: Sendable {
        var transcript: [String] = []
        var clientBytes: [UInt8] = []
        var mails: [Mail] = []
        var connections = 0
        var children: [any Channel] = []
    }

    let port: Int
    private let channel: any Channel
    private let recorder: Recorder

    private init(port: Int, channel: any Channel, recorder: Recorder) {
        self.port = port
        self.channel = channel
        self.recorder = recorder
    }

    static func start(_ script: Script = Script()) async throws -> FakeSMTPServer {
        let recorder = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    recorder.update { $0.children.append(channel) }
                    if script.implicitTLS, let tls = script.tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandler(FakeSMTPHandler(script: script, recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeSMTPServer(port: channel.localAddress!.port!, channel: channel, recorder: recorder)
    }

    func stop() async {
        try? await channel.close()
        for child in recorder.read(\.children) { try? await child.close() }
    }

    var transcript: [String] { recorder.read(\.transcript) }
    var clientBytes: [UInt8] { recorder.read(\.clientBytes) }
    var mails: [Mail] { recorder.read(\.mails) }
    var connections: Int { recorder.read(\.connections) }
}

/// What the server's connections saw, shared by their event loops and the test.
final class Recorder: Sendable {
    private let record = Mutex(FakeSMTPServer.Record())

    func update(_ change: (inout FakeSMTPServer.Record) -> Void) {
        record.withLock { change(&$0) }
    }

    func read<Value: Sendable>(_ field: KeyPath<FakeSMTPServer.Record, Value>) -> Value {
        record.withLock { $0[keyPath: field] }
    }
}

/// One client's dialogue with the fake server.
final class FakeSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode {
        case command
        case data
        case authPlain
        case authLoginName
        case authLoginPassword(String)
    }

    private let script: FakeSMTPServer.Script
    private let recorder: Recorder
    private var mode = Mode.command
    private var line: [UInt8] = []
    private var isEncrypted: Bool
    private var from = ""
    private var recipients: [String] = []
    private var data = ""

    init(script: FakeSMTPServer.Script, recorder: Recorder) {
        self.script = script
        self.recorder = recorder
        self.isEncrypted = script.implicitTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        recorder.update { $0.connections += 1 }
        reply(.greeting, script.greeting, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        recorder.update { $0.clientBytes += bytes }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                let text = String(decoding: line, as: UTF8.self)
                line = []
                handle(text, context: context)
            } else {
                line.append(byte)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func handle(_ text: String, context: ChannelHandlerContext) {
        switch mode {
        case .data:
            if text == "." {
                mode = .command
                recorder.update { $0.mails.append(.init(from: from, recipients: recipients, data: data)) }
                let queued = "250 2.0.0 Ok: queued as FAKE\(recipients.count)"
                reply(.message, queued, context: context)
            } else {
                data += (text.hasPrefix(".") ? String(text.dropFirst()) : text) + "\r\n"
            }
            return
        case .authPlain:
            mode = .command
            recorder.update { $0.transcript.append("C: \(text)") }
            authenticated(plain: text, context: context)
            return
        case .authLoginName:
            recorder.update { $0.transcript.append("C: \(text)") }
            mode = .authLoginPassword(text)
            send("334 UGFzc3dvcmQ6", context: context)
            return
        case .authLoginPassword(let name):
            mode = .command
            recorder.update { $0.transcript.append("C: \(text)") }
            let ok = decoded(name) == script.username && decoded(text) == script.password
            reply(
                .auth, ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed", context: context)
            return
        case .command:
            break
        }
        recorder.update { $0.transcript.append("C: \(text)") }
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        let verb = words.first?.uppercased() ?? ""
        let argument = words.count > 1 ? words[1] : ""
        switch verb {
        case "EHLO":
            if script.rejectsEHLO {
                reply(.ehlo, "502 5.5.2 Error: command not recognized", context: context)
            } else {
                let lines = ["fake.test"] + script.extensions.filter { !(isEncrypted && $0 == "STARTTLS") }
                let text = lines.enumerated().map { index, line in
                    "250" + (index == lines.count - 1 ? " " : "-") + line
                }
                reply(.ehlo, text.joined(separator: "\r\n"), context: context)
            }
        case "HELO":
            reply(.helo, "250 fake.test", context: context)
        case "STARTTLS":
            guard script.replies[.startTLS] == nil, !script.stalls.contains(.startTLS), let tls = script.tls else {
                reply(.startTLS, "454 4.7.0 TLS not available", context: context)
                return
            }
            send("220 2.0.0 Ready to start TLS" + (script.afterStartTLS.map { "\r\n" + $0 } ?? ""), context: context)
            isEncrypted = true
            try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        case "AUTH":
            let parts = argument.split(separator: " ").map(String.init)
            switch parts.first?.uppercased() {
            case "PLAIN" where parts.count > 1:
                authenticated(plain: parts[1], context: context)
            case "PLAIN":
                mode = .authPlain
                send("334 ", context: context)
            case "LOGIN":
                mode = .authLoginName
                send("334 VXNlcm5hbWU6", context: context)
            default:
                reply(.auth, "504 5.5.4 Unrecognized authentication type", context: context)
            }
        case "MAIL":
            from = Self.path(argument)
            recipients = []
            reply(.mail, "250 2.1.0 Ok", context: context)
        case "RCPT":
            let recipient = Self.path(argument)
            if let refusal = script.recipientReplies[recipient] {
                send(refusal, context: context)
            } else if reply(.rcpt, "250 2.1.5 Ok", context: context) == 250 {
                recipients.append(recipient)
            }
        case "DATA":
            if reply(.data, "354 End data with <CR><LF>.<CR><LF>", context: context) == 354 {
                data = ""
                mode = .data
            }
        case "RSET":
            from = ""
            recipients = []
            reply(.rset, "250 2.0.0 Ok", context: context)
        case "QUIT":
            reply(.quit, "221 2.0.0 Bye", context: context)
            context.close(promise: nil)
        case "NOOP":
            send("250 2.0.0 Ok", context: context)
        default:
            send("502 5.5.2 Error: command not recognized", context: context)
        }
    }

    private func authenticated(plain token: String, context: ChannelHandlerContext) {
        let expected = "\0\(script.username)\0\(script.password)"
        let ok = decoded(token) == expected
        reply(.auth, ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed", context: context)
    }

    private func decoded(_ base64: String) -> String? {
        Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The address inside `FROM:<…>` or `TO:<…>`.
    private static func path(_ argument: String) -> String {
        guard let open = argument.firstIndex(of: "<"), let close = argument.firstIndex(of: ">") else { return argument }
        return String(argument[argument.index(after: open)..<close])
    }

    /// Answers `step` with the script's reply or `usual`, or not at all when
    /// the script stalls there; returns the code sent.
    @discardableResult
    private func reply(_ step: FakeSMTPServer.Step, _ usual: String, context: ChannelHandlerContext) -> Int? {
        guard !script.stalls.contains(step) else { return nil }
        let text = script.replies[step] ?? usual
        send(text, context: context)
        return Int(text.prefix(3))
    }

    private func send(_ text: String, context: ChannelHandlerContext) {
        recorder.update { record in
            for line in text.components(separatedBy: "\r\n") { record.transcript.append("S: \(line)") }
        }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }
}
