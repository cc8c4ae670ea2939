import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// Live sockets are capped per visitor, per client address and per member;
/// over a cap the upgrade is refused as the plain route answers: 429.
@Suite struct LiveSocketLimitTests {
    /// A WebSocket held open until `release()`; `opened()` waits for the first message.
    final class HeldSocket: Sendable {
        let task: Task<Void, any Error>
        let received = Received()
        let (releases, release) = AsyncStream<Void>.makeStream()

        init(_ url: String) {
            let received = self.received
            let releases = self.releases
            task = Task {
                try await WebSocketClient.connect(url: url, logger: Logger(label: "test")) { inbound, outbound, _ in
                    let reader = Task {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            if case .text(let text) = message { received.texts.withLock { $0.append(text) } }
                        }
                    }
                    for await _ in releases { break }
                    reader.cancel()
                    try? await outbound.close(.normalClosure, reason: nil)
                }
            }
        }

        func opened() async throws {
            for _ in 0..<200 where received.texts.withLock({ $0.isEmpty }) {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(!received.texts.withLock { $0.isEmpty }, "the socket opened and received its first message")
        }

        func close() async {
            release.yield()
            release.finish()
            _ = try? await task.value
        }
    }

    static func status(_ port: Int, _ uri: String) async throws -> HTTPResponse.Status {
        try await MethodAndUpgradeTests.upgrade(port: port, uri).status
    }

    @Test func aVisitorAndAnAddressHoldOnlySoManyWidgetSockets() async throws {
        let desk = try TestHelpDesk { configuration in
            configuration.anonymousLimits.liveSocketsPerVisitor = 2
            configuration.anonymousLimits.liveSocketsPerAddress = 3
        }
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // The test client sends `Origin: ws://127.0.0.1`, which only "*" allows.
            let widget = try await WidgetFixture.make(desk, client: client, allowedOrigins: ["*"])
            let vera = try await widget.session(client)
            let olga = try await widget.session(client, name: "Olga")
            let path = { (token: String) in "\(widget.base)/live?visitorToken=\(token)" }
            let url = { (token: String) in "ws://127.0.0.1:\(port)\(path(token))" }

            let first = HeldSocket(url(vera))
            let second = HeldSocket(url(vera))
            try await first.opened()
            try await second.opened()
            // A third tab of the same visitor: refused, and the plain route says the same.
            #expect(try await Self.status(port, path(vera)) == .tooManyRequests)
            let plain = try await client.call(.get, path(vera))
            #expect(plain.status == .tooManyRequests)
            #expect(plain.headers[.retryAfter] != nil)

            // Another visitor from the same address: one more fits, then the address is full.
            let third = HeldSocket(url(olga))
            try await third.opened()
            #expect(try await Self.status(port, path(olga)) == .tooManyRequests)

            // Closing a socket frees its place.
            await first.close()
            try await Task.sleep(for: .milliseconds(100))
            let again = HeldSocket(url(vera))
            try await again.opened()
            for socket in [second, third, again] { await socket.close() }
        }
    }

    @Test func anExemptAddressHasNoAddressCapButVisitorsStillDo() async throws {
        let desk = try TestHelpDesk { configuration in
            configuration.anonymousLimits.liveSocketsPerVisitor = 1
            configuration.anonymousLimits.liveSocketsPerAddress = 1
            configuration.anonymousLimits.exempt = [AddressRange("127.0.0.0/8")!]
        }
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let widget = try await WidgetFixture.make(desk, client: client, allowedOrigins: ["*"])
            var held: [HeldSocket] = []
            for name in ["Ann", "Ben", "Cid"] {
                let token = try await widget.session(client, name: name)
                let socket = HeldSocket("ws://127.0.0.1:\(port)\(widget.base)/live?visitorToken=\(token)")
                try await socket.opened()
                held.append(socket)
                #expect(
                    try await Self.status(port, "\(widget.base)/live?visitorToken=\(token)") == .tooManyRequests)
            }
            for socket in held { await socket.close() }
        }
    }

    @Test func aMemberHoldsOnlySoManyLiveFeeds() async throws {
        let desk = try TestHelpDesk { configuration in configuration.anonymousLimits.liveSocketsPerMember = 2 }
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // With `after=0` a feed first replays the team's entries: the ticket's events open each.
            _ = try await openTicket(client, token: acme.ownerToken)
            let url = "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)&after=0"
            let feeds = [HeldSocket(url), HeldSocket(url)]
            for feed in feeds { try await feed.opened() }
            #expect(try await Self.status(port, "/api/v1/live?token=\(acme.ownerToken)") == .tooManyRequests)
            #expect(try await client.call(.get, "/api/v1/live", token: acme.ownerToken).status == .tooManyRequests)
            await feeds[0].close()
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await client.call(.get, "/api/v1/live", token: acme.ownerToken).status == .upgradeRequired)
            await feeds[1].close()
        }
    }
}
