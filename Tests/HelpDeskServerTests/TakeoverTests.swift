import Foundation
import HTTPTypes
import HelpDeskAI
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Synchronization
import Testing

@Suite struct TakeoverTests {
    /// Assigning a chat someone holds hands it to the new assignee, who can answer at once.
    @Test func aReassignedLiveChatGoesWithTheAssignment() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let sam = try await widget.acme.member("Sam", availability: .online)
            let riley = try await widget.acme.member("Riley", availability: .online)
            let token = try await widget.session(client)
            try await widget.say(client, token, "I need a human to fix my invoice")
            #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
            let assigned = try await client.call(
                .patch, "/api/v1/tickets/10001", token: sam.token, json: json(["assigneeId": riley.member.id]))
            #expect(assigned.status == .ok)

            let reply = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: riley.token,
                json: json(["body": "Riley here, I have your invoice.", "channel": "web"]))
            #expect(reply.status == .created, "\(reply.text)")
            // Riley holds it now: taking over is a no-op for Riley, a conflict for Sam.
            #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: riley.token).status == .ok)
            let sams = try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token)
            #expect(sams.status == .conflict)
            #expect(sams.text.contains("Riley"))
            let events = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: riley.token).items
                .filter { $0["kind"] as? String == "event" }
            let handed = try #require(events.last { $0["event"] as? String == "takenOver" })
            #expect((handed["actor"] as? [String: Any])?["id"] as? String == riley.member.id)
            #expect(handed["from"] as? String == "Sam")
            let config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect(config["state"] as? String == "connected")
        }
    }

    /// Resolving ends the live chat: the customer is told, and the AI answers what they write next.
    @Test func resolvingEndsTheLiveChatAndTheAIAnswersAgain() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let sam = try await widget.acme.member("Sam", availability: .online)
            let token = try await widget.session(client)
            try await widget.say(client, token, "I need a human to fix my invoice")
            #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/10001", token: sam.token, json: json(["status": "resolved"]))
            #expect(resolved.status == .ok)

            let config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect(config["state"] as? String == "ai")
            let transcript = try await widget.messages(client, token)
            let told = try #require(transcript.last)
            #expect((told["body"] as? String)?.contains("resolved") == true, "\(told)")
            #expect((told["author"] as? [String: Any])?["kind"] as? String == "system")

            let answered = try await widget.say(client, token, "how long does delivery take?")
            #expect(answered.replyBody == "Orders arrive within 5 working days.")
            let events = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token).items
                .compactMap { $0["event"] as? String }
            #expect(events.contains("released"))
        }
    }

    @Test func afterTakeoverTheAIIsSilentTheConnectedLabelIsDeliveredAndTheOperatorReplyArrives() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let sam = try await widget.acme.member("Sam", availability: .online)
            let token = try await widget.session(client)
            try await widget.say(client, token, "I need a human to fix my invoice")

            // Before takeover the composer defaults to email (the visitor gave an address); web needs takeover.
            var channels = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token).object
            #expect(channels["default"] as? String == "email")
            let liveBefore = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: sam.token, json: json(["body": "hi", "channel": "web"]))
            #expect(liveBefore.status == .unprocessableContent)

            let takeover = try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token)
            #expect(takeover.status == .ok)
            channels = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token).object
            #expect(channels["default"] as? String == "web")
            var config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect(config["state"] as? String == "connected")
            #expect((config["humanButton"] as? [String: Any])?["reason"] as? String == "alreadyConnected")

            // The AI stays silent.
            let silent = try await widget.say(client, token, "how long does delivery take?")
            #expect(silent["reply"] == nil || silent["reply"] is NSNull)
            // The operator replies live.
            let reply = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: sam.token,
                json: json(["body": "Hi Vera, Sam here. Fixing it now."]))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.object["channel"] as? String == "web")
            #expect((reply.object["delivery"] as? [String: Any])?["state"] as? String == "sent")

            let transcript = try await widget.messages(client, token)
            let kinds = transcript.map { ($0["author"] as? [String: Any])?["kind"] as? String ?? "?" }
            let bodies = transcript.map { $0["body"] as? String ?? "" }
            #expect(bodies.contains("You are now talking to our team."))
            #expect(bodies.last == "Hi Vera, Sam here. Fixing it now.")
            #expect(kinds.last == "operator")
            // No AI message after the takeover.
            let connectedIndex = try #require(bodies.firstIndex(of: "You are now talking to our team."))
            #expect(!kinds[connectedIndex...].contains("ai"))

            // Another operator cannot take the held chat.
            let riley = try await widget.acme.member("Riley", availability: .online)
            let second = try await client.call(.post, "/api/v1/tickets/10001/takeover", token: riley.token)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Sam"))

            // After release the AI answers again.
            let release = try await client.call(.post, "/api/v1/tickets/10001/release", token: sam.token)
            #expect(release.status == .ok)
            config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect(config["state"] as? String == "waiting")
            let answered = try await widget.say(client, token, "how long does delivery take?")
            #expect(answered.replyBody == "Orders arrive within 5 working days.")

            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token).items
            let events = timeline.compactMap { $0["event"] as? String }
            #expect(events.contains("takenOver") && events.contains("released"))

            // View tickets shows the status, open and then resolved.
            var tickets = try await client.call(.get, "\(widget.base)/tickets", token: token).items
            #expect(tickets.map { $0["number"] as? Int } == [10001])
            #expect(tickets.first?["status"] as? String == "open")
            _ = try await client.call(
                .patch, "/api/v1/tickets/10001", token: sam.token, json: json(["status": "resolved"]))
            tickets = try await client.call(.get, "\(widget.base)/tickets", token: token).items
            #expect(tickets.first?["status"] as? String == "resolved")
        }
    }

    @Test func anEmailReplyIsQueuedAndNoReachableChannelIs422WithNothingStored() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let withEmail = try await widget.session(client)
            try await widget.say(client, withEmail, "talk to a person please")
            let queued = try await client.call(
                .post, "/api/v1/tickets/10001/replies", token: widget.acme.ownerToken,
                json: json(["body": "We'll email you."]))
            #expect(queued.status == .created)
            #expect(queued.object["channel"] as? String == "email")
            #expect((queued.object["delivery"] as? [String: Any])?["state"] as? String == "queued")

            let anonymous = try await widget.session(client, name: "Anon", email: nil)
            try await widget.say(client, anonymous, "talk to a person please")
            let before = try await client.call(.get, "/api/v1/tickets/10002/timeline", token: widget.acme.ownerToken)
                .items.count
            let refused = try await client.call(
                .post, "/api/v1/tickets/10002/replies", token: widget.acme.ownerToken, json: json(["body": "Hello?"]))
            #expect(refused.status == .unprocessableContent)
            #expect((refused.object["detail"] as? String)?.contains("nothing was sent") == true)
            let after = try await client.call(.get, "/api/v1/tickets/10002/timeline", token: widget.acme.ownerToken)
                .items.count
            #expect(after == before)
            let wrongChannel = try await client.call(
                .post, "/api/v1/tickets/10002/replies", token: widget.acme.ownerToken,
                json: json(["body": "x", "channel": "telegram"]))
            #expect(wrongChannel.status == .unprocessableContent)
        }
    }

    /// A brain that waits until told to answer, to race a takeover against it.
    final class SlowBrain: Brain {
        let started = AsyncStream<Void>.makeStream()
        let proceed = AsyncStream<Void>.makeStream()
        func respond(to request: BrainRequest) async -> BrainResponse {
            started.continuation.yield()
            for await _ in proceed.stream { break }
            return BrainResponse(reply: "AI answer that must never be sent", answered: true)
        }
    }

    @Test func theAINeverSpeaksOnceAnOperatorTookOverWhileItWasThinking() async throws {
        let slow = SlowBrain()
        let desk = try TestHelpDesk(brains: Brains(builtin: slow, llm: slow))
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            // Escalate by button (no brain involved), so there is a ticket to take over.
            let human = try await client.call(.post, "\(widget.base)/human", token: token)
            #expect(human.status == .ok)
            async let pending = widget.say(client, token, "are you still there?")
            for await _ in slow.started.stream { break }
            let takeover = try await client.call(.post, "/api/v1/tickets/10001/takeover", token: widget.acme.ownerToken)
            #expect(takeover.status == .ok)
            slow.proceed.continuation.yield()
            let answer = try await pending
            #expect(answer["reply"] == nil || answer["reply"] is NSNull)
            let bodies = try await widget.messages(client, token).map { $0["body"] as? String ?? "" }
            #expect(!bodies.contains("AI answer that must never be sent"))
        }
    }
}
