import Foundation
import HelpDeskCore
import Testing

@testable import HelpDeskChannels

/// The renderer and the client checked by independent implementations:
/// Python's standard `email` parser reads what the renderer writes, and
/// Debian's `python3-aiosmtpd` receives what the client sends. Each test is
/// skipped when its Python piece is not installed.
@Suite struct EmailInteroperabilityTests {
    static let python = "/usr/bin/python3"

    /// Python running these arguments (a mail server), its output discarded.
    static func runPython(_ arguments: [String]) throws -> Process {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = arguments
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }

    /// Stops a mail server and waits for it: aiosmtpd outlives SIGTERM (`Process.terminate`), so
    /// without SIGKILL every run would leave one behind.
    static func stop(_ server: Process) {
        guard server.isRunning else { return }
        Glibc.kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
    }

    static func pythonHas(_ module: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? run([python, "-c", "import \(module)"]).status) == 0
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// What Python's `email` package (policy `default`, which decodes encoded
    /// words and transfer encodings) reads from a stored mail.
    struct Parsed: Decodable {
        var subject: String
        var from: String
        var to: String
        var messageID: String
        var inReplyTo: String?
        var references: String?
        var autoSubmitted: String?
        var rcptTo: String?
        var plain: String
        var html: String
        var defects: [String]
    }

    static let parser = """
        import sys, json, email
        from email import policy
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
        defects = [str(d) for part in m.walk() for d in part.defects]
        defects += [str(d) for _, value in m.items() for d in getattr(value, 'defects', ())]
        print(json.dumps({
            'subject': str(m['subject']), 'from': str(m['from']), 'to': str(m['to']),
            'messageID': str(m['message-id']), 'inReplyTo': m['in-reply-to'], 'references': m['references'],
            'autoSubmitted': m['auto-submitted'], 'rcptTo': m['x-rcptto'],
            'plain': m.get_body(('plain',)).get_content(), 'html': m.get_body(('html',)).get_content(),
            'defects': defects,
        }))
        """

    static func parse(file: URL) throws -> Parsed {
        let result = try run([python, "-c", parser, file.path])
        #expect(result.status == 0)
        return try JSONDecoder().decode(Parsed.self, from: Data(result.output.utf8))
    }

    static let text = """
        Здравствуйте, Zoë!

        Your order shipped. Track it at https://example.com/track?id=1&x=2.
        .a line that starts with a dot
        \(String(repeating: "A long line of text that has to be wrapped by quoted-printable. ", count: 3))
        """

    static func mail() -> OutboundMail {
        OutboundMail(
            from: MailAddress("support@helpdesk.test", name: "Служба поддержки"),
            to: [MailAddress("zoe@example.com", name: "Zoë Ça"), MailAddress("john@example.com", name: "Doe, John")],
            subject: "Re: Ваш заказ 10001 – Grüße 🎉 " + String(repeating: "mehr Text ", count: 6),
            text: text, inReplyTo: "parent@example.com", references: ["root@helpdesk.test", "parent@example.com"],
            extraHeaders: [.autoReplied])
    }

    static func check(_ parsed: Parsed, against mail: OutboundMail) {
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.subject == mail.subject.trimmingCharacters(in: .whitespaces))
        #expect(parsed.from == "Служба поддержки <support@helpdesk.test>")
        #expect(parsed.to == "Zoë Ça <zoe@example.com>, \"Doe, John\" <john@example.com>")
        #expect(parsed.messageID == "<\(mail.messageID)>")
        #expect(parsed.inReplyTo == "<parent@example.com>")
        #expect(parsed.references == "<root@helpdesk.test> <parent@example.com>")
        #expect(parsed.autoSubmitted == "auto-replied")
        #expect(parsed.plain.trimmingCharacters(in: .newlines) == text)
        #expect(parsed.html.contains("<p>Здравствуйте, Zoë!</p>"))
        #expect(parsed.html.contains("<a href=\"https://example.com/track?id=1&amp;x=2\">"))
        #expect(parsed.html.contains("<br>\n.a line that starts with a dot"))
    }

    @Test(.enabled(if: pythonHas("email"))) func pythonsMailParserReadsWhatTheRendererWrites() throws {
        let mail = Self.mail()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-\(UUID().uuidString).eml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(try mail.rendered()).write(to: file)
        Self.check(try Self.parse(file: file), against: mail)
    }

    @Test(.enabled(if: pythonHas("aiosmtpd"))) func aiosmtpdStoresWhatTheClientSends() async throws {
        let placeholder = try await FakeSMTPServer.start()
        let port = placeholder.port
        await placeholder.stop()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let maildir = directory.appendingPathComponent("Maildir")

        let server = try Self.runPython([
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path,
        ])
        defer { Self.stop(server) }

        let client = SMTPClient(
            clientName: "client.test", timeouts: SMTPTimeouts(connect: .seconds(1), greeting: .seconds(5)),
            outbound: OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!]))
        let settings = SMTPServerSettings(host: "127.0.0.1", port: port, tls: .none)
        var session: SMTPSession?
        for _ in 0..<100 where session == nil {
            session = try? await client.openSession(settings)
            if session == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let open = try #require(session, "aiosmtpd did not start")
        let mail = Self.mail()
        let receipt = try await open.send(mail)
        await open.close()
        #expect(receipt.reply.code == 250)

        let stored = try FileManager.default.contentsOfDirectory(
            at: maildir.appendingPathComponent("new"), includingPropertiesForKeys: nil)
        let file = try #require(stored.first)
        let parsed = try Self.parse(file: file)
        Self.check(parsed, against: mail)
        #expect(parsed.rcptTo == "zoe@example.com, john@example.com")
    }

    /// aiosmtpd with STARTTLS required and a self-signed certificate: the client upgrades,
    /// trusts exactly that certificate, and the mail arrives intact.
    @Test(.enabled(if: pythonHas("aiosmtpd"))) func aiosmtpdWithSTARTTLSStoresWhatTheClientSends() async throws {
        let placeholder = try await FakeSMTPServer.start()
        let port = placeholder.port
        await placeholder.stop()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, key) = (
            directory.appendingPathComponent("cert.pem"), directory.appendingPathComponent("key.pem")
        )
        try Data(TestCertificate.certificatePEM.utf8).write(to: certificate)
        try Data(TestCertificate.privateKeyPEM.utf8).write(to: key)
        let maildir = directory.appendingPathComponent("Maildir")
        let script = """
            import ssl, sys, time
            from aiosmtpd.controller import Controller
            from aiosmtpd.handlers import Mailbox
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            controller = Controller(Mailbox(sys.argv[3]), hostname='127.0.0.1', port=int(sys.argv[4]),
                                    tls_context=context, require_starttls=True)
            controller.start()
            time.sleep(120)
            """
        let server = try Self.runPython(["-c", script, certificate.path, key.path, maildir.path, String(port)])
        defer { Self.stop(server) }

        let client = SMTPClient(
            clientName: "client.test", timeouts: SMTPTimeouts(connect: .seconds(1), greeting: .seconds(5)),
            trust: .customRoots(pem: TestCertificate.certificatePEM),
            outbound: OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!]))
        let settings = SMTPServerSettings(host: "127.0.0.1", port: port, tls: .starttls)
        var session: SMTPSession?
        for _ in 0..<100 where session == nil {
            session = try? await client.openSession(settings)
            if session == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let open = try #require(session, "aiosmtpd with STARTTLS did not start")
        let mail = Self.mail()
        let receipt = try await open.send(mail)
        await open.close()
        #expect(receipt.reply.code == 250)
        let stored = try FileManager.default.contentsOfDirectory(
            at: maildir.appendingPathComponent("new"), includingPropertiesForKeys: nil)
        Self.check(try Self.parse(file: try #require(stored.first)), against: mail)

        // Plain text to the same server is refused before any mail: it requires STARTTLS.
        let plain = await SMTPClientTests.smtpError {
            _ = try await client.send(mail, via: SMTPServerSettings(host: "127.0.0.1", port: port, tls: .none))
        }
        #expect(plain?.isRetryable == false || plain?.code == 530, "\(String(describing: plain))")
    }
}
