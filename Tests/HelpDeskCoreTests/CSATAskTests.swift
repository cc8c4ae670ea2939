import Foundation
import HelpDeskCore
import Testing

/// The rules of asking for a rating on the customer's channel, on plain values.
@Suite struct CSATAskTests {
    static let start = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!

    static func ticket(_ status: TicketStatus, resolvedAt: Timestamp?, channel: Channel = .telegram) -> Ticket {
        Ticket(
            id: 1, teamID: "tm_1", number: 10001, conversationID: "cv_1", status: status, priority: .normal,
            subject: "Late order", requester: Requester(name: "Ana", email: "ana@example.com"), assignee: nil,
            agent: nil, channel: channel, createdAt: start, lastActivityAt: start, resolvedAt: resolvedAt)
    }

    static func conversation(_ channel: Channel, channelID: String? = "ch_1") -> Conversation {
        Conversation(
            id: "cv_1", teamID: "tm_1", agentID: nil, channelID: channelID, channel: channel,
            requester: Requester(name: "Ana"), speaker: .ai, aiMisses: 0, createdAt: start, lastMessageAt: start)
    }

    @Test func aReplyIsARatingOnlyWhenItIsOneDigitFromOneToFive() {
        for (text, rating) in [("5", 5), (" 4 ", 4), ("5!", 5), ("3.", 3), ("\n1\n", 1), ("4/5", 4), ("(2)", 2)] {
            #expect(CSAT.rating(inReply: text) == rating, "\(text)")
        }
        for text in ["0", "6", "12", "five", "5 stars were not enough", "4 5", "", "!", "5 minutes", "-3"] {
            #expect(CSAT.rating(inReply: text) == nil, "\(text)")
        }
    }

    @Test func resolvingAChatTicketAsksAfterTheDelayOnItsOwnChannel() throws {
        let settings = CSATSettings(enabled: true, delayMinutes: 30)
        let open = Self.ticket(.open, resolvedAt: nil)
        let resolved = Self.ticket(.resolved, resolvedAt: Self.start)
        let ask = try #require(
            CSAT.ask(
                resolving: open, into: resolved, conversation: Self.conversation(.telegram), chatAddress: "4242",
                settings: settings, now: Self.start))
        #expect(ask.message.kind == .csatTelegram)
        #expect(ask.message.address == "4242")
        #expect(ask.notBefore == Self.start.adding(seconds: 1_800))
        let mail = try #require(
            CSAT.ask(
                resolving: open, into: Self.ticket(.resolved, resolvedAt: Self.start, channel: .email),
                conversation: Self.conversation(.email), chatAddress: nil, settings: settings, now: Self.start))
        #expect(mail.message.kind == .csatEmail && mail.message.address == "ana@example.com")
        // Not asked: off, the web widget (asks in the chat), a hand-opened chat, no change of status.
        let none: [(Ticket, Conversation, CSATSettings)] = [
            (open, Self.conversation(.telegram), CSATSettings(enabled: false)),
            (open, Self.conversation(.web), settings),
            (open, Self.conversation(.whatsapp, channelID: nil), settings),
            (resolved, Self.conversation(.telegram), settings),
        ]
        for (before, conversation, settings) in none {
            #expect(
                CSAT.ask(
                    resolving: before, into: resolved, conversation: conversation, chatAddress: "4242",
                    settings: settings, now: Self.start) == nil)
        }
    }

    @Test func aQueuedAskIsSentOnlyWhileTheTicketStillWaitsForIt() {
        let settings = CSATSettings(enabled: true, delayMinutes: 30)
        let resolved = Self.ticket(.resolved, resolvedAt: Self.start)
        let due = Self.start.adding(seconds: 1_800)
        #expect(CSAT.askStillDue(resolved, rated: false, settings: settings, queuedAt: Self.start, now: due) == nil)
        #expect(
            CSAT.askStillDue(
                Self.ticket(.open, resolvedAt: nil), rated: false, settings: settings, queuedAt: Self.start, now: due)?
                .contains("reopened") == true)
        #expect(
            CSAT.askStillDue(resolved, rated: true, settings: settings, queuedAt: Self.start, now: due)?
                .contains("rated") == true)
        #expect(
            CSAT.askStillDue(
                resolved, rated: false, settings: settings, queuedAt: Self.start.adding(seconds: -60), now: due)?
                .contains("resolved again") == true)
        #expect(
            CSAT.askStillDue(resolved, rated: false, settings: CSATSettings(), queuedAt: Self.start, now: due) != nil)
        #expect(
            CSAT.askStillDue(
                resolved, rated: false, settings: settings, queuedAt: Self.start,
                now: Self.start.adding(seconds: 15 * 86_400)) != nil)
    }

    @Test func aRatingIsPendingOnlyWhenAskedUnratedAndInTime() {
        let settings = CSATSettings(enabled: true)
        let resolved = Self.ticket(.resolved, resolvedAt: Self.start)
        let now = Self.start.adding(seconds: 3_600)
        #expect(CSAT.isPending(resolved, asked: true, rated: false, settings: settings, now: now))
        #expect(!CSAT.isPending(resolved, asked: false, rated: false, settings: settings, now: now))
        #expect(!CSAT.isPending(resolved, asked: true, rated: true, settings: settings, now: now))
        #expect(
            !CSAT.isPending(
                Self.ticket(.open, resolvedAt: nil), asked: true, rated: false, settings: settings, now: now))
        #expect(
            !CSAT.isPending(
                resolved, asked: true, rated: false, settings: settings, now: Self.start.adding(seconds: 15 * 86_400)))
    }
}
