import Foundation
import HTTPTypes
import HelpDeskAI
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct WidgetEscalationTests {
    @Test func aWidgetChatGetsAnFAQAnswer() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let answer = try await widget.say(client, token, "hi, I forgot my password, how can I reset it?")
            #expect(answer["escalated"] as? Bool == false)
            #expect(answer.replyAuthorKind == "ai")
            #expect(answer.replyBody == "Use Forgot password on the sign-in page.")
            let transcript = try await widget.messages(client, token)
            #expect(transcript.map { ($0["author"] as? [String: Any])?["kind"] as? String } == ["customer", "ai"])
        }
    }

    @Test func askingForAPersonCreatesOneTicketAndTheCustomerSeesTheWaitingLabel() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let sam = try await widget.acme.member("Sam", availability: .online)
            let token = try await widget.session(client)
            try await widget.say(client, token, "My order 4821 never arrived and the tracking link is dead")
            let escalated = try await widget.say(client, token, "I want to talk to a person")
            #expect(escalated["escalated"] as? Bool == true)
            #expect(escalated["ticketNumber"] as? Int == 10001)
            #expect(escalated.replyBody == "Hang on, a person is coming.")

            let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: widget.acme.ownerToken).object
            #expect(ticket["priority"] as? String == "high")
            #expect(ticket["channel"] as? String == "web")
            #expect((ticket["agent"] as? [String: Any])?["id"] as? String == widget.agentID)
            #expect((ticket["requester"] as? [String: Any])?["name"] as? String == "Vera Visitor")
            #expect((ticket["requester"] as? [String: Any])?["email"] as? String == "vera@example.com")
            #expect(ticket["subject"] as? String == "My order 4821 never arrived and the tracking link is dead")
            #expect((ticket["assignee"] as? [String: Any])?["id"] as? String == sam.member.id)

            // The handoff summary is the first timeline entry: why, and what the customer last asked.
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: widget.acme.ownerToken)
                .items
            let first = try #require(timeline.first)
            #expect(first["event"] as? String == "created")
            let detail = try #require(first["detail"] as? String)
            #expect(detail.contains("asked for a person"))
            // What the customer needs, not the request for a person itself.
            #expect(detail.contains("The customer last asked: \"My order 4821 never arrived"), "\(detail)")
            #expect(!detail.contains("last asked: \"I want to talk to a person"))
            // The whole conversation is on the timeline with its channel.
            #expect(
                timeline.contains {
                    $0["body"] as? String == "My order 4821 never arrived and the tracking link is dead"
                        && $0["channel"] as? String == "web"
                })

            // Asking again: no duplicate, the repeat is recorded on the same ticket.
            let again = try await widget.say(client, token, "hello?? a human please")
            #expect(again["escalated"] as? Bool == true)
            #expect(again["ticketNumber"] as? Int == 10001)
            let all = try await client.call(.get, "/api/v1/tickets?view=all", token: widget.acme.ownerToken)
            #expect(all.items.count == 1)
            let after = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: widget.acme.ownerToken)
                .items
            #expect(after.contains { $0["event"] as? String == "escalationRepeated" })

            // The AI keeps answering while the ticket waits.
            let faq = try await widget.say(client, token, "meanwhile: how long does delivery take?")
            #expect(faq.replyBody == "Orders arrive within 5 working days.")
        }
    }

    @Test func withNobodyOnlineTheCustomerGetsTheAutoReply() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            _ = try await widget.acme.member("Away", availability: .away)
            let token = try await widget.session(client)
            let escalated = try await widget.say(client, token, "Can I speak to someone please?")
            #expect(escalated["escalated"] as? Bool == true)
            #expect(escalated.replyBody == "Nobody is here right now; leave a message and we will write back.")
            let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: widget.acme.ownerToken).object
            #expect(ticket["assignee"] is NSNull)
        }
    }

    @Test func theHumanButtonFollowsThePolicyAndEscalates() async throws {
        // A Saturday: outside Monday–Friday business hours.
        let saturday = try #require(Timestamp(rfc3339: "2026-11-28T12:00:00Z"))
        let clock = TestClock(saturday)
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let handover: [String: Any] = [
                "defaultPriority": "urgent", "humanButton": true, "messageThreshold": 2,
                "waitingLabel": "Waiting…", "connectedLabel": "Connected.", "autoReplyMessage": "Leave a message.",
            ]
            let widget = try await WidgetFixture.make(desk, client: client, handover: handover)
            _ = try await widget.acme.member("Sam", availability: .online)
            let token = try await widget.session(client)
            var config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect((config["humanButton"] as? [String: Any])?["visible"] as? Bool == false)
            #expect((config["humanButton"] as? [String: Any])?["reason"] as? String == "belowMessageThreshold")
            #expect((config["labels"] as? [String: Any])?["waiting"] as? String == "Waiting…")
            let early = try await client.call(.post, "\(widget.base)/human", token: token)
            #expect(early.status == .forbidden)

            try await widget.say(client, token, "how do I return an item?")  // customer + ai = 2 messages
            config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect((config["humanButton"] as? [String: Any])?["visible"] as? Bool == true)

            // Business hours on: Saturday is outside them, so the button hides.
            let settings = json([
                "businessHours": ["enabled": true, "start": "09:00", "end": "17:00", "timeZone": "Europe/Berlin"],
                "emailNotifications": false, "assignment": "balanced",
                "supportInbox": ["enabled": false, "address": nil],
            ])
            #expect(
                try await client.call(.put, "/api/v1/settings", token: widget.acme.ownerToken, json: settings).status
                    == .ok)
            config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect((config["humanButton"] as? [String: Any])?["visible"] as? Bool == false)
            #expect((config["humanButton"] as? [String: Any])?["reason"] as? String == "outsideBusinessHours")

            // Monday 10:00 in Berlin: open again, and the button escalates with the agent's priority.
            clock.advance(seconds: 2 * 24 * 3600 - 3 * 3600)
            config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect((config["humanButton"] as? [String: Any])?["visible"] as? Bool == true)
            let pressed = try await client.call(.post, "\(widget.base)/human", token: token)
            #expect(pressed.status == .ok)
            #expect(pressed.object["ticketNumber"] as? Int == 10001)
            #expect(pressed.object.replyBody == "Waiting…")
            let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: widget.acme.ownerToken).object
            #expect(ticket["priority"] as? String == "urgent")
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: widget.acme.ownerToken)
                .items
            #expect((timeline.first?["detail"] as? String)?.contains("human button") == true)
            // Waiting for a person now: the button hides instead of offering the same again.
            config = try await client.call(.get, "\(widget.base)/config", token: token).object
            #expect(config["state"] as? String == "waiting")
            #expect((config["humanButton"] as? [String: Any])?["visible"] as? Bool == false)
            #expect((config["humanButton"] as? [String: Any])?["reason"] as? String == "alreadyWaiting")
        }
    }

    /// A customer who asks for a person straight away gives the ticket no
    /// subject of their words: it falls back to the requester, not "I want to talk to a person".
    @Test func aBareRequestForAPersonIsNotTheSubject() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let escalated = try await widget.say(client, token, "I want to talk to a person")
            #expect(escalated["escalated"] as? Bool == true)
            let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: widget.acme.ownerToken).object
            #expect(ticket["subject"] as? String == "Conversation with Vera Visitor")
        }
    }

    @Test func twoUnansweredQuestionsInARowEscalate() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let first = try await widget.say(client, token, "Does the blue kettle fit under a low cupboard shelf?")
            #expect(first["escalated"] as? Bool == false)
            #expect(first.replyAuthorKind == "ai")
            let second = try await widget.say(client, token, "What wattage is the induction base of that kettle?")
            #expect(second["escalated"] as? Bool == true)
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: widget.acme.ownerToken)
                .items
            #expect((timeline.first?["detail"] as? String)?.contains("could not resolve") == true)
        }
    }

    @Test func ownersAreNotifiedThroughTheOutboxWhenTheSettingIsOn() async throws {
        let desk = try TestHelpDesk()
        let teamID = try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let settings = json([
                "businessHours": ["enabled": false, "start": "09:00", "end": "17:00", "timeZone": "UTC"],
                "emailNotifications": true, "assignment": "balanced",
                "supportInbox": ["enabled": false, "address": nil],
            ])
            _ = try await client.call(.put, "/api/v1/settings", token: widget.acme.ownerToken, json: settings)
            let token = try await widget.session(client)
            try await widget.say(client, token, "let me talk to a human")
            return widget.acme.team.id
        }
        let outbox = try await desk.store.outbox(teamID: teamID)
        let notification = try #require(outbox.first { $0.kind == .notificationEmail })
        #expect(notification.payload.contains("owner@"))
        #expect(notification.payload.contains("Ticket 10001"))
    }

    @Test func aCustomerMessageReopensAResolvedTicket() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            try await widget.say(client, token, "I want to talk to a person")
            _ = try await client.call(
                .patch, "/api/v1/tickets/10001", token: widget.acme.ownerToken, json: json(["status": "resolved"]))
            var tickets = try await client.call(.get, "\(widget.base)/tickets", token: token).items
            #expect(tickets.first?["status"] as? String == "resolved")
            try await widget.say(client, token, "actually the problem is back")
            tickets = try await client.call(.get, "\(widget.base)/tickets", token: token).items
            #expect(tickets.count == 1)
            #expect(tickets.first?["status"] as? String == "open")
            let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: widget.acme.ownerToken)
                .items
            #expect(
                timeline.contains {
                    $0["event"] as? String == "reopened" && ($0["detail"] as? String)?.contains("customer") == true
                })
        }
    }
}
