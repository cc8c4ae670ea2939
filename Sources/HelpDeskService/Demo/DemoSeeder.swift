import Foundation
import HelpDeskCore
import HelpDeskStore

/// Seeds a demo team: plan pro, an owner, a manager, two operators, an agent
/// with Support Handover, a web channel, a Telegram bot and a WhatsApp number
/// (the last two pointed at nothing), three canned replies, and about fifty
/// tickets across statuses, priorities and channels, each with a conversation
/// and a timeline.
public struct DemoSeeder: Sendable {
    public struct SignInDetails: Sendable, Codable {
        public var teamID: String
        public var email: String
        public var password: String
        public var others: [String]
        public var widgetChannelID: String?
    }

    let helpDesk: HelpDesk

    public init(helpDesk: HelpDesk) { self.helpDesk = helpDesk }

    private static let customers: [(String, String?, String?, Channel)] = [
        ("Alice Martin", "alice@example.com", nil, .web), ("Bruno Costa", nil, "+5511999990000", .whatsapp),
        ("Chloé Dubois", "chloe.dubois@example.fr", nil, .email), ("Daniel Weber", nil, nil, .telegram),
        ("Emma Johnson", "emma.j@example.org", nil, .web), ("Farid Haddad", "farid@example.net", nil, .email),
        ("Greta Nilsson", nil, "+46701234567", .whatsapp), ("Hiro Tanaka", "hiro@example.jp", nil, .web),
        ("Isabel Ruiz", "isabel.ruiz@example.es", nil, .email), ("Jonas Becker", nil, nil, .telegram),
        ("Kate O'Brien", "kate@example.ie", nil, .web), ("Luca Rossi", nil, "+393331234567", .whatsapp),
    ]

    private static let requests: [(subject: String, message: String, reply: String)] = [
        (
            "Order 4821 has not arrived",
            "My order 4821 was due on Monday and still hasn't arrived. Can someone check?",
            "I'm sorry about the delay. Orders usually arrive within 5 working days; let me get a colleague to check the carrier."
        ),
        (
            "Refund for a double charge",
            "I was charged twice for my subscription this month. I want a refund for one of them.",
            "I can see why that's worrying. Refunds for duplicate charges are handled by our billing team."
        ),
        (
            "Cannot reset my password", "The password reset email never arrives. I've tried three times.",
            "Please check your spam folder; reset emails come from no-reply@acme.example."
        ),
        (
            "Invoice needs our VAT number", "Can you reissue invoice INV-2291 with our VAT number DE123456789?",
            "Invoices can be reissued with a VAT number by our billing team."
        ),
        (
            "App crashes on start",
            "Since the last update the app crashes right after the splash screen on Android 14.",
            "Thanks for reporting this. Could you tell me your app version from Settings → About?"
        ),
        (
            "Change delivery address", "I need to change the delivery address for order 5102 before it ships.",
            "Address changes are possible until the order is packed; let me hand this to the team."
        ),
        (
            "Cancel my subscription", "Please cancel my subscription at the end of this billing period.",
            "You can cancel any time under Account → Plan. Would you like a person to do it for you?"
        ),
        (
            "Damaged item received", "The lamp I received is cracked. I attached a photo in my email.",
            "I'm sorry it arrived damaged. Our team will arrange a replacement or refund."
        ),
        (
            "Question about bulk pricing", "Do you offer discounts for 200+ units for a school?",
            "We do offer volume pricing; a colleague from sales will follow up."
        ),
        (
            "Two-factor code not accepted", "My 2FA code is always rejected even though the time on my phone is right.",
            "Codes are valid for 30 seconds. If it keeps failing, a person can reset 2FA after verifying you."
        ),
        (
            "Talk to a human please", "This bot is not helping, I want to talk to a person.",
            "Of course, I'm connecting you with our team. You can keep writing here meanwhile."
        ),
        (
            "Wrong size shipped", "I ordered a medium and got a large. How do I exchange it?",
            "Exchanges are free within 30 days. I'll ask the team to send a return label."
        ),
    ]

    private static let faq: [FAQEntry] = [
        FAQEntry(
            question: "How do I reset my password?",
            answer:
                "Use \"Forgot password\" on the sign-in page; the email arrives within a few minutes from no-reply@acme.example."
        ),
        FAQEntry(
            question: "How long does delivery take?",
            answer: "Orders arrive within 5 working days; you get a tracking link by email once the parcel ships."),
        FAQEntry(
            question: "How do I return an item?",
            answer: "Returns are free within 30 days: open your order, choose Return, and print the label."),
        FAQEntry(
            question: "How do I cancel my subscription?",
            answer: "Go to Account → Plan → Cancel. You keep access until the end of the billing period."),
        FAQEntry(
            question: "What are your opening hours?",
            answer: "Our team answers Monday to Friday, 9:00 to 17:00 CET. The assistant is here around the clock."),
        FAQEntry(
            question: "Can I change my delivery address?",
            answer: "Yes, until the order is packed: open the order and choose Change address."),
        FAQEntry(
            question: "Do you offer invoices with a VAT number?",
            answer: "Yes: add your VAT number under Account → Billing and download the invoice from the order page."),
        FAQEntry(
            question: "Which payment methods do you accept?",
            answer: "Cards (Visa, Mastercard, Amex), PayPal and bank transfer for business accounts."),
    ]

    private static let cannedReplies: [(title: String, body: String)] = [
        (
            "Greeting",
            "Hi {{customer.name}},\n\nthanks for your patience — I'm {{operator.name}} from the Acme team and I've "
                + "picked up ticket #{{ticket.number}}."
        ),
        (
            "Refund on the way",
            "Hi {{customer.name}}, I've issued the refund. It reaches your account within 5 working days; "
                + "quote ticket #{{ticket.number}} if you need to ask about it."
        ),
        (
            "Closing",
            "I'll close ticket #{{ticket.number}} now. If anything else comes up, just write here again: "
                + "{{agent.name}} answers at any hour and hands over to us when needed.\n\n{{operator.name}}"
        ),
    ]

    /// Seeds the demo team and returns how to sign in.
    public func seed() async throws -> SignInDetails {
        let store = helpDesk.store
        let password = Tokens.random(bytes: 9)
        let team = try await helpDesk.createTeam(name: "Acme Support (demo)", plan: .pro)
        let owner = try await helpDesk.createMember(
            teamID: team.id, email: "owner@demo.helpdesk.test", password: password, role: .owner,
            displayName: "Olivia Owner", signature: "Olivia — Acme Support", availability: .online)
        let manager = try await helpDesk.createMember(
            teamID: team.id, email: "manager@demo.helpdesk.test", password: password, role: .manager,
            displayName: "Max Manager", availability: .away)
        let sam = try await helpDesk.createMember(
            teamID: team.id, email: "sam@demo.helpdesk.test", password: password, role: .operator,
            displayName: "Sam Support", signature: "Sam\nAcme Support", availability: .online)
        let riley = try await helpDesk.createMember(
            teamID: team.id, email: "riley@demo.helpdesk.test", password: password, role: .operator,
            displayName: "Riley Rivera", availability: .online)
        let ownerCaller = Caller(member: owner, team: team)
        let agent = try await helpDesk.createAgent(
            ownerCaller,
            AgentDraft(
                name: "Acme Assistant",
                instructions: "You are Acme's friendly support assistant. Answer briefly and kindly.",
                brain: .builtin, faq: Self.faq,
                supportHandover: SupportHandover(
                    whenToUse:
                        "The customer asks for a person, or the request needs an account change you cannot make.",
                    defaultPriority: .normal, humanButton: true, messageThreshold: 2))
        ).ref
        let widget = try await helpDesk.createChannel(
            ownerCaller, kind: .web, agentID: agent.id,
            configuration: .web(allowedOrigins: ["http://127.0.0.1:8080", "http://localhost:8080"]))
        // A Telegram bot and a WhatsApp number pointed at nothing (.invalid never resolves), so the
        // agents page shows how they look; their sends fail and say so.
        _ = try await helpDesk.createChannel(
            ownerCaller, kind: .telegram, agentID: agent.id,
            configuration: .telegram(
                TelegramSettings(
                    botToken: "123456789:demo-token-pointed-at-nothing", secretToken: Tokens.random(bytes: 24),
                    apiBaseURL: "https://telegram.demo.invalid")))
        _ = try await helpDesk.createChannel(
            ownerCaller, kind: .whatsapp, agentID: agent.id,
            configuration: .whatsapp(
                WhatsAppSettings(
                    phoneNumberID: "15550001111", accessToken: "demo-access-token", appSecret: Tokens.random(bytes: 24),
                    verifyToken: Tokens.random(bytes: 12), apiBaseURL: "https://graph.demo.invalid/v21.0")))
        for (title, body) in Self.cannedReplies {
            _ = try await helpDesk.createCannedReply(ownerCaller, title: title, body: body)
        }
        let operators = [owner.ref, sam.ref, riley.ref, manager.ref]
        let priorities: [Priority] = [.normal, .normal, .high, .low, .urgent, .normal, .high]

        var now = helpDesk.clock().adding(seconds: -14 * 24 * 3600)
        for index in 0..<50 {
            now = now.adding(seconds: Double(20 * 60 + (index * 7919) % (6 * 3600)))
            let customer = Self.customers[index % Self.customers.count]
            let request = Self.requests[(index * 5) % Self.requests.count]
            let conversation = try await store.createTicket(
                NewTicket(
                    teamID: team.id, subject: request.subject,
                    requester: Requester(
                        name: customer.0, email: customer.1, phone: customer.2,
                        handle: customer.3 == .telegram ? "@" + customer.0.split(separator: " ")[0].lowercased() : nil),
                    priority: priorities[index % priorities.count], channel: customer.3, agent: agent,
                    body: request.message,
                    detail: "escalated: the customer asked for a person; last asked: \"\(request.message)\""),
                now: now)
            let number = conversation.number
            _ = try await store.addMessage(
                NewMessage(
                    teamID: team.id, conversationID: conversation.conversationID,
                    author: MessageAuthor(kind: .ai, id: agent.id, name: agent.name), channel: customer.3,
                    body: request.reply), now: now.adding(seconds: 5))
            let actor = operators[index % operators.count]
            now = now.adding(seconds: 600)
            switch index % 5 {
            case 0, 1:
                break  // left as routed: open
            case 2:
                _ = try await store.updateTicket(
                    teamID: team.id, number: number,
                    .patch(status: .pending, priority: nil, assigneeID: .some(actor.id), subject: nil, actor: actor),
                    now: now)
                _ = try await store.addNote(
                    teamID: team.id, number: number, author: actor,
                    body: "Asked the customer for the order photo; waiting.", now: now.adding(seconds: 30))
            case 3:
                _ = try await store.updateTicket(
                    teamID: team.id, number: number,
                    .patch(status: .resolved, priority: nil, assigneeID: .some(actor.id), subject: nil, actor: actor),
                    now: now)
            default:
                _ = try await store.updateTicket(
                    teamID: team.id, number: number,
                    .patch(status: nil, priority: nil, assigneeID: .some(nil), subject: nil, actor: actor), now: now)
            }
        }
        return SignInDetails(
            teamID: team.id, email: owner.email, password: password,
            others: [manager.email, sam.email, riley.email], widgetChannelID: widget.id)
    }
}
