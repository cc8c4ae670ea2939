import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// Live-event latency: `--clients` operator WebSockets on `/api/v1/live` of a
/// running server, then `--changes` subject changes of one ticket, one at a
/// time; for each change, the time from just before its PATCH is sent to each
/// client's receipt of the event. Prints p50, p99 and the worst over every
/// client and change.
struct LiveBenchmark {
    var base = "http://127.0.0.1:8080"
    var tokensFile = ""
    var clients = 1000
    var changes = 20
    var ticket = 0
    var changeToken = ""

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError.usage("\(flag) needs a value") }
            switch flag {
            case "--url": base = value
            case "--tokens": tokensFile = value
            case "--clients": clients = Int(value) ?? clients
            case "--changes": changes = Int(value) ?? changes
            case "--ticket": ticket = Int(value) ?? ticket
            case "--change-token": changeToken = value
            default: throw BenchError.usage("unknown option \(flag)")
            }
        }
        guard !tokensFile.isEmpty, ticket > 0, !changeToken.isEmpty else {
            throw BenchError.usage("live needs --tokens FILE, --ticket N and --change-token T")
        }
    }

    /// Arrival instants per change number, from every client.
    final class Arrivals: Sendable {
        let byChange = Mutex<[Int: [ContinuousClock.Instant]]>([:])
        let connected = Mutex(0)
    }

    func run() async throws {
        let tokens = try String(contentsOfFile: tokensFile, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !tokens.isEmpty else { throw BenchError.usage("no tokens in \(tokensFile)") }
        let arrivals = Arrivals()
        let wsBase = base.replacingOccurrences(of: "http://", with: "ws://")
        let marker = "live-bench-change-"
        let logger: Logger = {
            var logger = Logger(label: "live-bench")
            logger.logLevel = .critical
            return logger
        }()
        let sockets = (0..<clients).map { index in
            let url = "\(wsBase)/api/v1/live?token=\(tokens[index % tokens.count])"
            return Task {
                try await WebSocketClient.connect(url: url, logger: logger) { inbound, _, _ in
                    arrivals.connected.withLock { $0 += 1 }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        // The event names the new subject and the one before it: the change is the larger.
                        let change = text.components(separatedBy: marker).dropFirst().compactMap {
                            Int($0.prefix { $0.isNumber })
                        }.max()
                        guard let change else { continue }
                        let now = ContinuousClock.now
                        arrivals.byChange.withLock { $0[change, default: []].append(now) }
                    }
                }
            }
        }
        defer { for socket in sockets { socket.cancel() } }
        let clock = ContinuousClock()
        let connectDeadline = clock.now + .seconds(60)
        while arrivals.connected.withLock({ $0 }) < clients, clock.now < connectDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let connected = arrivals.connected.withLock { $0 }
        say("connected: \(connected) of \(clients) live clients")
        try await Task.sleep(for: .seconds(1))

        var latencies: [Double] = []
        var missing = 0
        for change in 1...changes {
            var request = HTTPClientRequest(url: "\(base)/api/v1/tickets/\(ticket)")
            request.method = .PATCH
            request.headers.add(name: "Authorization", value: "Bearer \(changeToken)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: "{\"subject\":\"\(marker)\(change)\"}"))
            let sent = clock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            guard response.status == .ok else { throw BenchError.usage("PATCH answered \(response.status)") }
            let deadline = sent + .seconds(10)
            while arrivals.byChange.withLock({ $0[change]?.count ?? 0 }) < connected, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            let got = arrivals.byChange.withLock { $0[change] ?? [] }
            missing += connected - got.count
            if got.count < connected { say("change \(change): \(got.count) of \(connected) clients got it in 10 s") }
            latencies += got.map { milliseconds($0 - sent) }
            try await Task.sleep(for: .milliseconds(200))
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        say(
            "live: \(connected) clients, \(changes) changes, \(latencies.count) deliveries, \(missing) missing; "
                + String(
                    format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(0.5), percentile(0.99),
                    latencies.last ?? .nan))
    }
}
