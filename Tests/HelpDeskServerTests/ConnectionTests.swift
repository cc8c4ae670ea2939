import Foundation
import HTTPTypes
import HelpDeskCore
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import HelpDeskServer

#if canImport(Glibc)
    import Glibc
#endif

/// Raw requests the tests send.
enum Raw {
    static let health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    /// The request a browser sends to open the live feed.
    static func liveUpgrade(token: String) -> String {
        "GET /api/v1/live?token=\(token) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    }

    /// Opens connections until one is admitted (answered with something other than
    /// the cap's 503) and returns it with that answer; nil when none is within `seconds`.
    /// Retrying is how a test waits for the server to notice a closed connection.
    static func admitted(
        port: Int, sending request: String = health, within seconds: Double = 10
    ) async -> (RawConnection, RawResponse)? {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            guard let connection = RawConnection(port: port), let response = await connection.exchange(request) else {
                return nil
            }
            if response.status != 503 { return (connection, response) }
            connection.close()
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// The status of the answer to `request` on a new connection.
    static func status(port: Int, sending request: String = health) async -> Int? {
        guard let connection = RawConnection(port: port) else { return nil }
        return await connection.exchange(request)?.status
    }
}

/// At most `maxConnectionsPerAddress` connections per client address; the count
/// goes down again however a connection ends.
@Suite struct ConnectionLimitTests {
    @Test func connectionsOverTheCapAre503AndClientsHangingUpReleaseTheirPlaces() async throws {
        let desk = try TestHelpDesk { $0.maxConnectionsPerAddress = 3 }
        try await desk.serve { port in
            // Three connections, each answered, so each is counted.
            let held = (0..<3).compactMap { _ in RawConnection(port: port) }
            for connection in held {
                #expect(await connection.exchange(Raw.health)?.status == 200)
            }
            // The fourth is refused at once with a problem, and closed.
            let over = try #require(RawConnection(port: port))
            let refusal = try #require(await over.response(), "no answer over the cap")
            #expect(refusal.status == 503)
            #expect(refusal.headers["connection"] == "close")
            #expect(refusal.headers["retry-after"] == "5")
            #expect(refusal.headers["content-type"] == "application/problem+json")
            #expect(refusal.problemType == "urn:helpdesk:problem:too-many-connections")
            #expect(await over.closes(within: 10))
            over.close()

            // Two clients hang up: two new connections get in, and the next is refused again.
            held[0].close()
            held[1].close()
            let first = try #require(await Raw.admitted(port: port), "the hung-up connections were not released")
            let second = try #require(await Raw.admitted(port: port), "a hung-up connection was not released")
            #expect(first.1.status == 200 && second.1.status == 200)
            #expect(await Raw.status(port: port) == 503)
            // The connection that stayed open still works.
            #expect(await held[2].exchange(Raw.health)?.status == 200)
            let metrics = await held[2].exchange("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            let refused = metrics?.body.split(separator: "\n").first {
                $0.hasPrefix("helpdesk_connections_refused_total ")
            }
            #expect((refused?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 2, "\(refused ?? "none")")
        }
    }

    @Test func theCountIsReleasedHoweverAConnectionEnds() async throws {
        let desk = try TestHelpDesk {
            $0.maxConnectionsPerAddress = 1
            $0.idleTimeoutSeconds = 1
        }
        let acme = try await desk.team()
        try await desk.serve { port in
            // With one place, each connection below is admitted only once the one before it
            // has been released.
            let idle = try #require(await Raw.admitted(port: port))
            #expect(idle.1.status == 200)
            #expect(await idle.0.closes(within: 10), "the server's idle timeout")

            let webSocket = try #require(
                await Raw.admitted(port: port, sending: Raw.liveUpgrade(token: acme.ownerToken)),
                "not released after the server's idle timeout")
            #expect(webSocket.1.status == 101)
            webSocket.0.close()

            let malformed = try #require(
                await Raw.admitted(
                    port: port, sending: "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
                "not released after a WebSocket closed")
            #expect(malformed.1.status == 400)
            #expect(await malformed.0.closes(within: 10), "the server closes after a malformed request")
            malformed.0.close()

            let tooLarge = try #require(
                await Raw.admitted(
                    port: port,
                    sending: "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2000000\r\n\r\n{"),
                "not released after a malformed request")
            #expect(tooLarge.1.status == 413)
            #expect(await tooLarge.0.closes(within: 10), "the server closes after refusing a body")
            tooLarge.0.close()

            let closing = try #require(
                await Raw.admitted(port: port, sending: "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                "not released after a refused body")
            #expect(closing.1.status == 200)
            #expect(await closing.0.closes(within: 10))
            closing.0.close()

            let last = try #require(await Raw.admitted(port: port), "not released after Connection: close")
            #expect(last.1.status == 200)
            // The place is taken again, and the cap still holds.
            #expect(await Raw.status(port: port) == 503)
        }
    }

    @Test func connectionsFromATrustedProxyAreNotCounted() async throws {
        let desk = try TestHelpDesk {
            $0.maxConnectionsPerAddress = 1
            $0.trustedProxies = [AddressRange("127.0.0.0/8")!]
        }
        try await desk.serve { port in
            let connections = (0..<3).compactMap { _ in RawConnection(port: port) }
            var statuses: [Int?] = []
            for connection in connections { statuses.append(await connection.exchange(Raw.health)?.status) }
            #expect(statuses == [200, 200, 200])
        }
    }

    @Test func addressesAreCountedByHostAndIPv6ByItsSlash64() {
        #expect(ConnectionsPerAddress.key(for: "127.0.0.1") == "127.0.0.1")
        #expect(ConnectionsPerAddress.key(for: "::ffff:127.0.0.1") == "127.0.0.1")
        let one = ConnectionsPerAddress.key(for: "2001:db8:1:2:3:4:5:6")
        #expect(one == ConnectionsPerAddress.key(for: "2001:db8:1:2:ffff::1"))
        #expect(one == "2001:db8:1:2::/64")
        #expect(one != ConnectionsPerAddress.key(for: "2001:db8:1:3::1"))
    }

    @Test func serveTakesTheCapFromAFlagOrTheEnvironment() async throws {
        let settings: [([String], [String: String])] = [
            (["--max-connections-per-address", "1"], [:]), ([], ["HELPDESK_MAX_CONNECTIONS_PER_ADDRESS": "1"]),
        ]
        for (arguments, environment) in settings {
            let directory = NSTemporaryDirectory() + "helpdesk-cap-" + UUID().uuidString
            let server = try ServerProcess.start(
                dataDirectory: directory, arguments: arguments, environment: environment)
            defer { server.kill() }
            let held = try #require(RawConnection(port: server.port))
            #expect(await held.exchange(Raw.health)?.status == 200)
            #expect(await Raw.status(port: server.port) == 503, "\(arguments) \(environment)")
        }
        let refused = try await ServerProcess.run(
            ["serve", "--data-dir", NSTemporaryDirectory() + "helpdesk-cap-bad", "--max-connections-per-address", "0"],
            expectingStatus: 1)
        #expect(refused.error.contains("--max-connections-per-address must be a whole number of at least 1"))
    }
}

/// A request the HTTP parser refuses is answered (400, 431, 501 or 505, as a
/// problem) and its connection closed, instead of left without an answer.
@Suite struct MalformedRequestTests {
    @Test func requestsTheParserRefusesAreAnsweredThenClosed() async throws {
        let desk = try TestHelpDesk()
        try await desk.serve { port in
            let big = String(repeating: "a", count: 17 * 1024)
            let cases: [(String, Int, String)] = [
                (
                    "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "malformed-request"
                ),
                (
                    "POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400,
                    "malformed-request"
                ),
                ("GET /health HTTX/1.1\r\nHost: x\r\n\r\n", 400, "malformed-request"),
                ("GET /health HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n", 400, "malformed-request"),
                ("GET /health HTTP/1.1\r\nHost: x\r\nX-Value: a\u{01}b\r\n\r\n", 400, "malformed-request"),
                ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n", 431, "header-fields-too-large"),
                (
                    "GET /health HTTP/1.1\r\n" + (0..<101).map { "X-\($0): y\r\n" }.joined() + "\r\n", 431,
                    "header-fields-too-large"
                ),
                ("GET /\(big) HTTP/1.1\r\nHost: x\r\n\r\n", 431, "header-fields-too-large"),
                ("FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method-not-implemented"),
                ("BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method-not-implemented"),
                ("GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505, "http-version-not-supported"),
                ("POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: two\r\n\r\n", 400, "malformed-request"),
            ]
            for (request, status, problem) in cases {
                let label = String(request.prefix(60)).debugDescription
                let connection = try #require(RawConnection(port: port))
                let response = try #require(await connection.exchange(request), "no answer to \(label)")
                #expect(response.status == status, "\(label)")
                #expect(response.problemType == "urn:helpdesk:problem:\(problem)", "\(label) \(response.body)")
                #expect(response.headers["content-type"] == "application/problem+json", "\(label)")
                #expect(response.headers["connection"] == "close", "\(label)")
                #expect(await connection.closes(within: 10), "\(label) left the connection open")
            }
        }
    }

    @Test func aMalformedRequestAfterAGoodOneIsAnsweredInTurn() async throws {
        let desk = try TestHelpDesk()
        try await desk.serve { port in
            // Keep-alive: the second request on the connection is the bad one.
            let connection = try #require(RawConnection(port: port))
            #expect(await connection.exchange(Raw.health)?.status == 200)
            let bad = await connection.exchange("GET /health HTTP/1.1\r\nBad Name: y\r\n\r\n")
            #expect(bad?.status == 400)
            #expect(bad?.problemType == "urn:helpdesk:problem:malformed-request")
            #expect(await connection.closes(within: 10))

            // Pipelined: both arrive at once; the good one is answered first, then the bad one.
            let pipelined = try #require(RawConnection(port: port))
            await pipelined.send(Raw.health + "GET /health HTTP/1.1\r\nBad Name: y\r\n\r\n")
            #expect(await pipelined.closes(within: 10))
            let text = String(decoding: pipelined.received, as: UTF8.self)
            let statuses = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
            #expect(statuses == ["200", "400"], "\(text)")
            #expect(text.hasSuffix(#""type":"urn:helpdesk:problem:malformed-request"}"#), "\(text)")
        }
    }

    @Test func aMethodOutsideHTTPsOwnIs501WhateverThePath() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            // The parser knows these, so they reach the router; no route serves them anywhere.
            for (method, path) in [("PROPFIND", "/health"), ("MKCOL", "/api/v1/nothing-here"), ("PURGE", "/app")] {
                let response = try await client.call(HTTPRequest.Method(method)!, path, token: acme.ownerToken)
                #expect(response.status == .notImplemented, "\(method) \(path)")
                #expect(response.problemType == "urn:helpdesk:problem:method-not-implemented")
                #expect(response.headers[.allow] == nil)
            }
            // HTTP's own methods keep their answers: 405 on a known path, 404 elsewhere.
            #expect(try await client.call(HTTPRequest.Method("TRACE")!, "/health").status == .methodNotAllowed)
            #expect(try await client.call(.put, "/api/v1/nothing-here").status == .notFound)
        }
    }
}

/// Chunked request bodies: over the limit is 413, a broken chunk is 400, and
/// neither is a 500 or a hang.
@Suite struct ChunkedBodyTests {
    static func chunked(_ body: String, chunk: Int = 64 * 1024) -> String {
        let bytes = Array(body.utf8)
        return stride(from: 0, to: bytes.count, by: chunk).map { start in
            let piece = bytes[start..<min(start + chunk, bytes.count)]
            return String(piece.count, radix: 16) + "\r\n" + String(decoding: piece, as: UTF8.self) + "\r\n"
        }.joined() + "0\r\n\r\n"
    }

    static let head =
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func aChunkedBodyOverTheLimitIs413() async throws {
        let desk = try TestHelpDesk()
        try await desk.serve { port in
            let connection = try #require(RawConnection(port: port))
            let response = try #require(
                await connection.exchange(Self.head + Self.chunked(String(repeating: "a", count: (1 << 20) + 1))),
                "no answer to a chunked body over 1 MiB")
            #expect(response.status == 413)
            #expect(response.problemType == "urn:helpdesk:problem:payload-too-large")
            #expect(response.headers["connection"] == "close")
            #expect(await connection.closes(within: 10))

            // Under the limit, chunked is read like any body.
            let wrong = #"{"email":"nobody@example.com","password":"not the password"}"#
            #expect(await Raw.status(port: port, sending: Self.head + Self.chunked(wrong, chunk: 7)) == 401)
        }
    }

    @Test func aMalformedChunkIs400AndTheConnectionCloses() async throws {
        let desk = try TestHelpDesk()
        try await desk.serve { port in
            for body in ["zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n-1\r\n\r\n", "2 x\r\n{}"] {
                let connection = try #require(RawConnection(port: port))
                let response = try #require(
                    await connection.exchange(Self.head + body), "no answer to the chunks \(body.debugDescription)")
                #expect(response.status == 400, "\(body.debugDescription) \(response.body)")
                #expect(response.problemType == "urn:helpdesk:problem:malformed-request")
                #expect(await connection.closes(within: 10), "\(body.debugDescription)")
                // One answer, nothing after it.
                let text = String(decoding: connection.received, as: UTF8.self)
                #expect(text.components(separatedBy: "HTTP/1.1 ").count == 2, "\(text)")
            }
        }
    }
}

/// The slow-client acceptance test: connections that send part of a request
/// and stop hold sockets, not the server.
@Suite struct HalfOpenConnectionTests {
    /// Raises this process's soft limit on open files to `needed` if it is lower (the
    /// in-process server's sockets count against it too); false when the hard limit is lower.
    static func allowOpenFiles(_ needed: Int) -> Bool {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return false }
        if limit.rlim_cur >= rlim_t(needed) { return true }
        guard limit.rlim_max >= rlim_t(needed) else { return false }
        limit.rlim_cur = rlim_t(needed)
        return setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0
    }

    /// `count` connections that each sent half a request line or half the headers, and stopped.
    static func halfOpen(_ count: Int, port: Int) -> [RawConnection] {
        (0..<count).compactMap { index in
            let connection = RawConnection(port: port)
            connection?.sendBlocking(
                index.isMultiple(of: 2) ? "GET /hea" : "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ")
            return connection
        }
    }

    /// Waits until the server has taken every connection made so far off the listen queue: it
    /// answers a request on a new connection only after those before it. (A full queue drops
    /// new connections' SYNs, and the client's retry a second later would be measured.)
    static func drainListenQueue(port: Int) -> Int? {
        RawConnection(port: port)?.exchangeBlocking(Raw.health, within: 30)?.status
    }

    @Test func aThousandHalfOpenConnectionsDoNotSlowHealth() async throws {
        try #require(Self.allowOpenFiles(4096), "the test needs 4,096 open files (ulimit -n)")
        let desk = try TestHelpDesk { $0.maxConnectionsPerAddress = 2000 }
        try await desk.serve { port in
            // On a thread of its own: the measurement must not wait for a thread the server needs.
            let run = try await onOwnThread {
                var held: [RawConnection] = []
                var drained: [Int?] = []
                for _ in 0..<10 {
                    held += Self.halfOpen(100, port: port)
                    drained.append(Self.drainListenQueue(port: port))
                }
                // Each /health on a new connection, as a load balancer's health check comes.
                let clock = ContinuousClock()
                var answers: [(status: Int?, took: Duration)] = []
                for _ in 0..<20 {
                    let start = clock.now
                    let status = RawConnection(port: port)?.exchangeBlocking(Raw.health)?.status
                    answers.append((status, clock.now - start))
                }
                // All the while the server held every half-open connection: none was answered or closed.
                return (held: held.count, quiet: held.filter(\.isQuiet).count, drained: drained, answers: answers)
            }
            #expect(run.held == 1000)
            #expect(run.quiet == 1000)
            #expect(run.drained == Array(repeating: 200, count: 10))
            #expect(run.answers.map(\.status) == Array(repeating: 200, count: 20))
            let latencies = run.answers.map(\.took).sorted()
            let median = latencies[latencies.count / 2]
            let slowest = latencies[latencies.count - 1]
            print("/health beside 1,000 half-open connections, 20 requests: median \(median), max \(slowest)")
            // Generous, so that a loaded 2-core machine running the whole suite at once cannot make
            // it flaky (each answer also had to come within the 15 s `exchangeBlocking` waits).
            #expect(median < .seconds(1))
        }
    }

    @Test func aThousandHalfOpenConnectionsFromOneAddressAreCappedThenReleased() async throws {
        try #require(Self.allowOpenFiles(4096), "the test needs 4,096 open files (ulimit -n)")
        let desk = try TestHelpDesk { $0.maxConnectionsPerAddress = 50 }
        try await desk.serve { port in
            let run = try await onOwnThread {
                // In batches, each read until its refusals arrived, so the listen queue never fills.
                var connections: [RawConnection] = []
                for batch in 0..<10 {
                    let opened = Self.halfOpen(100, port: port)
                    RawConnection.awaitAnswers(opened, count: batch == 0 ? 50 : 100, within: 10)
                    connections += opened
                }
                let refused = connections.filter { RawResponse.parse($0.received)?.status == 503 }.count
                let quiet = connections.filter(\.isQuiet).count
                // While the 50 are held, /health from the same address is refused too.
                let health = RawConnection(port: port)?.exchangeBlocking(Raw.health)?.status
                for connection in connections { connection.close() }
                return (opened: connections.count, refused: refused, quiet: quiet, health: health)
            }
            #expect(run.opened == 1000)
            #expect(run.refused == 950)
            #expect(run.quiet == 50)
            #expect(run.health == 503)
            // Once they hang up, the address gets its places back.
            let health = try #require(await Raw.admitted(port: port), "the places were not released")
            #expect(health.1.status == 200)
        }
    }
}

/// A log handler that keeps what is logged, for tests about the log itself.
struct RecordingLogHandler: LogHandler {
    final class Records: Sendable {
        let entries = Mutex<[(level: Logger.Level, message: String)]>([])
    }

    let records: Records
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.entries.withLock { $0.append((event.level, "\(event.message)")) }
    }
}

@Suite struct ConnectionLogTests {
    @Test func connectionsThatEndBeforeARequestLogNoError() async throws {
        let records = RecordingLogHandler.Records()
        let logger = Logger(label: "helpdesk") { _ in RecordingLogHandler(records: records) }
        let desk = try TestHelpDesk { $0.idleTimeoutSeconds = 1 }
        try await desk.serve(logger: logger) { port in
            // Closed by the first-request deadline, answered as malformed, hung up on, reset.
            let silent = try #require(RawConnection(port: port))
            let malformed = try #require(RawConnection(port: port))
            #expect(await malformed.exchange("FOO / HTTP/1.1\r\n\r\n")?.status == 501)
            malformed.close()
            RawConnection(port: port)?.close()
            let reset = try #require(RawConnection(port: port))
            await reset.send("GET /hea")
            reset.resetOnClose()
            reset.close()
            #expect(await silent.closes(within: 10))
            try await Task.sleep(for: .milliseconds(200))
        }
        let errors = records.entries.withLock { $0.filter { $0.level >= .error }.map(\.message) }
        #expect(errors.isEmpty, "\(errors)")
    }
}
