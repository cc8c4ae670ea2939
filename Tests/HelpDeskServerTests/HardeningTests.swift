import AsyncHTTPClient
import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import HelpDeskServer

#if canImport(Glibc)
    import Glibc
#endif

/// Defences against abuse by volume and sharp edges: limits that count what is
/// stored, private files, counters that report.
@Suite struct HardeningTests {
    /// One visible character carrying 300,000 combining marks: 600 KB that a
    /// character count would call one character.
    static let zalgo = "a" + String(repeating: "\u{0301}", count: 300_000)

    @Test func textLimitsCountCodePointsSoFewCharactersCannotCarryMegabytes() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let subject = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": Self.zalgo, "requester": ["name": "Ana"]]))
            #expect(subject.status == .badRequest, "\(subject.text)")
            #expect(BadInputTests.fieldNames(subject) == ["subject"])
            let number = try await openTicket(client, token: acme.ownerToken)
            let note = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": String(repeating: "e\u{0301}", count: 10_001)]))
            #expect(note.status == .badRequest)
            // At the limit in code points is fine, whatever the characters.
            let fits = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: acme.ownerToken,
                json: json(["body": String(repeating: "e\u{0301}", count: 10_000)]))
            #expect(fits.status == .created)
        }
    }

    @Test func theDatabaseFileIsReadableByTheServerAlone() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-perms-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        _ = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let files = FileManager.default
        func mode(_ path: String) throws -> Int {
            try #require(files.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(directory) == 0o700)
        #expect(try mode(directory + "/helpdesk.sqlite") == 0o600)
        #expect(try mode(directory + "/helpdesk.sqlite-wal") == 0o600)
        // A file left readable by an older version is closed on the next start.
        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory + "/helpdesk.sqlite")
        _ = try SQLiteStore(directory: directory)
        #expect(try mode(directory + "/helpdesk.sqlite") == 0o600)
    }

    @Test func theRealServerExportsItsCounters() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-metrics-" + UUID().uuidString
        try await ServerProcess.seedTeam("Counted", in: directory)
        let server = try ServerProcess.start(dataDirectory: directory)
        defer { server.kill() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let wrong = try await server.send(
            client, .POST, "/api/v1/auth/login", json: #"{"email":"o@counted.test","password":"not it at all"}"#)
        #expect(wrong.status == .unauthorized)
        let login = try await server.send(
            client, .POST, "/api/v1/auth/login", json: #"{"email":"o@counted.test","password":"counted password"}"#)
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any])?["token"] as? String)
        let created = try await server.send(
            client, .POST, "/api/v1/tickets", token: token, json: #"{"subject":"Counted","requester":{"name":"Ana"}}"#)
        #expect(created.status == .created)
        let metrics = try await server.send(client, .GET, "/metrics")
        try await client.shutdown()
        let lines = metrics.body.split(separator: "\n")
        #expect(
            lines.contains { $0.hasPrefix("helpdesk_tickets_created_total") && $0.hasSuffix(" 1") }, "\(metrics.body)")
        #expect(
            lines.contains { $0.hasPrefix("helpdesk_login_failures_total") && $0.hasSuffix(" 1") }, "\(metrics.body)")
    }
}

@Suite struct ClientAddressTests {
    static let proxies = [AddressRange("10.0.0.0/8")!]

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() {
        // Straight from a client: its header is ignored, whatever it says.
        #expect(
            ClientAddressMiddleware.client(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: Self.proxies)
                == "203.0.113.9")
        // Through the proxy: the right-most address that is not a proxy.
        #expect(
            ClientAddressMiddleware.client(
                peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.7, 10.0.0.3"], trusted: Self.proxies)
                == "198.51.100.7")
        #expect(
            ClientAddressMiddleware.client(peer: "10.0.0.2", forwardedFor: ["198.51.100.7"], trusted: Self.proxies)
                == "198.51.100.7")
        // Garbage in the chain: fall back to the peer rather than trust it.
        #expect(
            ClientAddressMiddleware.client(peer: "10.0.0.2", forwardedFor: ["evil, 10.0.0.3"], trusted: Self.proxies)
                == "10.0.0.2")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.2", forwardedFor: [], trusted: Self.proxies) == "10.0.0.2")
    }

    @Test func signInLimitsCountTheForwardedClientNotTheProxy() async throws {
        // A clock that only moves when asked: the delay after the free attempts cannot run out mid-test.
        let desk = try TestHelpDesk(
            configure: {
                $0.loginFailuresPerAddress = 2
                $0.trustedProxies = [AddressRange("127.0.0.0/8")!]
            }, clock: TestClock(.now()))
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            func login(from address: String, _ password: String) async throws -> HTTPResponse.Status {
                try await client.call(
                    .post, "/api/v1/auth/login", json: json(["email": acme.owner.email, "password": password]),
                    headers: [.xForwardedFor: address]
                ).status
            }
            var statuses: [HTTPResponse.Status] = []
            statuses.append(try await login(from: "198.51.100.1", "wrong password 1"))
            statuses.append(try await login(from: "198.51.100.1", "wrong password 2"))
            statuses.append(try await login(from: "198.51.100.1", TestHelpDesk.password))
            // Another client behind the same proxy is not blocked by the first one's failures.
            statuses.append(try await login(from: "198.51.100.2", TestHelpDesk.password))
            #expect(statuses == [.unauthorized, .unauthorized, .tooManyRequests, .ok])
        }
    }
}

@Suite struct SecretKeyCommandTests {
    @Test func rotateSecretKeyReplacesTheKeyFile() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-rotate-" + UUID().uuidString
        try await ServerProcess.seedTeam("Rotating", in: directory)
        let before = try String(contentsOfFile: directory + "/secret.key", encoding: .utf8)
        let output = try await ServerProcess.run(["rotate-secret-key", "--data-dir", directory])
        #expect(output.contains("sealed with a new key"))
        let after = try String(contentsOfFile: directory + "/secret.key", encoding: .utf8)
        #expect(before != after)
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory + "/secret.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

@Suite struct EscapingTests {
    @Test func theWidgetDemoEscapesAQuoteEvenWithACombiningMark() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            // `"` + U+0301 is one character to Swift; escaping by character would let it through.
            let page = try await client.call(.get, "/widget/demo?channel=x%22%CC%81%20onload%3Dalert(1)%20x%3D%22")
            #expect(page.status == .ok)
            let injected = "\"" + "\u{301}" + " onload"
            let escaped = "data-channel=\"x&quot;" + "\u{301}" + " onload=alert(1) x=&quot;\""
            let text = page.text
            #expect(!text.contains(injected))
            #expect(text.contains(escaped))
        }
    }
}

@Suite struct MediaTypeTests {
    @Test func aBodyThatIsNotJSONIs415NotRead() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let body = json(["email": acme.owner.email, "password": TestHelpDesk.password])
            // What a cross-site form can send without asking: text/plain, or no type at all.
            for type in ["text/plain", "application/x-www-form-urlencoded", nil] {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                let response = try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .unsupportedMediaType, "\(type ?? "none")")
                #expect(response.problemType == "urn:helpdesk:problem:unsupported-media-type")
                #expect(response.headers[values: .setCookie].isEmpty, "no session from a non-JSON body")
            }
            let headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            let accepted = try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(accepted.status == .ok)
        }
    }
}

@Suite struct SlowClientTests {
    /// Opens a TCP connection to 127.0.0.1:`port`, sends `text`, and returns how long
    /// until the server closed it (nil when it stayed open for `limit` seconds).
    static func secondsUntilClosed(port: Int, sending text: String, limit: Int) -> Double? {
        guard let fd = RawConnection.socket(toPort: port) else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: limit, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return Date().timeIntervalSince(start) }
            if count < 0 { return nil }
        }
    }

    /// The first line of the answer to `text` on a new connection.
    static func firstLine(port: Int, sending text: String) -> String? {
        guard let fd = RawConnection.socket(toPort: port) else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self).components(separatedBy: "\r\n").first
    }

    @Test func halfSentHeadersAndIdleConnectionsAreClosed() async throws {
        let desk = try TestHelpDesk { $0.idleTimeoutSeconds = 1 }
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // Headers that never finish, and a connection that never asks anything.
            let half = Self.secondsUntilClosed(port: port, sending: "GET /health HTTP/1.1\r\nHost: x\r\n", limit: 10)
            let silent = Self.secondsUntilClosed(port: port, sending: "", limit: 10)
            #expect(half != nil && half! < 5, "half-sent headers kept the connection open")
            #expect(silent != nil && silent! < 5, "an idle connection stayed open")
            // A whole request is still answered (on a fresh connection: the test client's own
            // connection sat idle past the deadline meanwhile, as a browser's would).
            #expect(Self.firstLine(port: port, sending: "GET /health HTTP/1.1\r\nHost: x\r\n\r\n") == "HTTP/1.1 200 OK")
        }
    }
}
