import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

@testable import HelpDeskServer

/// Typing indicators across the live chat, over the two real WebSockets: the
/// customer sees an operator typing a reply on a chat that operator holds
/// (never a note, never someone who does not hold it), and operators on the
/// ticket see the customer typing.
@Suite struct TypingTests {
    /// Opens a socket, sends each text after its delay (in order), and collects
    /// what arrives until `until` says enough or `seconds` pass.
    static func script(
        url: String, steps: [(milliseconds: Int, text: String)], seconds: Double = 20,
        until: @escaping @Sendable ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        let received = Received()
        @Sendable func parsed() -> [[String: Any]] {
            received.texts.withLock { $0 }.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        try await WebSocketClient.connect(url: url, logger: Logger(label: "test")) { inbound, outbound, _ in
            let reader = Task {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { received.texts.withLock { $0.append(text) } }
                }
            }
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            var pending = steps[...]
            var next = ContinuousClock.now
            while ContinuousClock.now < deadline {
                if let step = pending.first {
                    next = max(next, ContinuousClock.now)
                    try await Task.sleep(until: next + .milliseconds(step.milliseconds))
                    try await outbound.write(.text(step.text))
                    pending = pending.dropFirst()
                    next = ContinuousClock.now
                }
                if pending.isEmpty, until(parsed()) { break }
                if pending.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            reader.cancel()
            try? await outbound.close(.normalClosure, reason: nil)
        }
        return parsed()
    }

    static func isTyping(_ event: [String: Any], type: String) -> Bool {
        event["type"] as? String == type && event["typing"] as? Bool == true
    }

    @Test func theCustomerSeesOnlyTheHolderTypingAReply() async throws {
        let desk = try TestHelpDesk()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            // The test client sends `Origin: ws://127.0.0.1`, which only "*" allows.
            let widget = try await WidgetFixture.make(desk, client: client, allowedOrigins: ["*"])
            let riley = try await widget.acme.member("Riley", availability: .online)
            let visitor = try await widget.session(client)
            try await widget.say(client, visitor, "I need a human to fix my invoice")
            let owner = widget.acme.ownerToken
            #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: owner).status == .ok)

            let live = "ws://127.0.0.1:\(port)/api/v1/live"
            func typing(reply: Bool, _ on: Bool = true) -> String {
                #"{"type":"presence","ticketNumber":10001,"typing":\#(on),"reply":\#(reply)}"#
            }
            // Once the widget's socket is open: the holder types a note, Riley (who does not hold the
            // chat) types a reply, then the holder types a reply and stops.
            let others = Task {
                try await Task.sleep(for: .milliseconds(600))
                _ = try await Self.script(
                    url: "\(live)?token=\(owner)", steps: [(0, typing(reply: false))], seconds: 0.6
                ) { _ in false }
                _ = try await Self.script(
                    url: "\(live)?token=\(riley.token)", steps: [(0, typing(reply: true))], seconds: 0.6
                ) { _ in false }
                _ = try await Self.script(
                    url: "\(live)?token=\(owner)",
                    steps: [(0, typing(reply: true)), (300, typing(reply: true, false))],
                    seconds: 1.5
                ) { _ in false }
            }
            let seen = try await Self.script(url: "\(widget.base)/live?visitorToken=\(visitor)".wsURL(port), steps: [])
            { events in
                events.contains { $0["type"] as? String == "typing" && $0["typing"] as? Bool == false }
            }
            try await others.value
            let typing = seen.filter { $0["type"] as? String == "typing" }
            #expect(typing.map { $0["typing"] as? Bool } == [true, false], "\(typing)")
            #expect(typing.allSatisfy { $0["name"] as? String == "Acme Owner" }, "\(typing)")
        }
    }

    @Test func operatorsOnTheTicketSeeTheCustomerTyping() async throws {
        let desk = try TestHelpDesk()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let widget = try await WidgetFixture.make(desk, client: client, allowedOrigins: ["*"])
            let visitor = try await widget.session(client)
            try await widget.say(client, visitor, "I need a human to fix my invoice")
            let other = try await desk.team("Other")
            let widgetSocket = "\(widget.base)/live?visitorToken=\(visitor)".wsURL(port)
            let customer = Task {
                try await Task.sleep(for: .milliseconds(800))
                _ = try await Self.script(
                    url: widgetSocket,
                    steps: [(0, #"{"type":"typing","typing":true}"#), (300, #"{"type":"typing","typing":false}"#)],
                    seconds: 1.5
                ) { _ in false }
            }
            let stranger = Task {
                try await Self.script(
                    url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(other.ownerToken)",
                    steps: [(0, #"{"type":"presence","ticketNumber":10001,"typing":false}"#)], seconds: 3
                ) { _ in false }.contains { $0["type"] as? String == "customerTyping" }
            }
            let seen = try await Self.script(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(widget.acme.ownerToken)",
                steps: [(0, #"{"type":"presence","ticketNumber":10001,"typing":false}"#)]
            ) { events in
                events.contains { $0["type"] as? String == "customerTyping" && $0["typing"] as? Bool == false }
            }
            try await customer.value
            let typing = seen.filter { $0["type"] as? String == "customerTyping" }
            #expect(typing.map { $0["typing"] as? Bool } == [true, false], "\(typing)")
            #expect(typing.allSatisfy { $0["ticketNumber"] as? Int == 10001 })
            #expect(try await stranger.value == false, "another team's ticket 10001 hears nothing")
        }
    }
}

extension String {
    /// A path on the test server as a WebSocket address.
    fileprivate func wsURL(_ port: Int) -> String { "ws://127.0.0.1:\(port)\(self)" }
}
