import HelpDeskCore
import Testing

@Suite struct WhatsAppRulesTests {
    @Test func receiptsNeverMoveAMessageBack() {
        #expect(DeliveryState.sent.advanced(to: .delivered) == .delivered)
        #expect(DeliveryState.delivered.advanced(to: .read) == .read)
        #expect(DeliveryState.read.advanced(to: .delivered) == .read)
        #expect(DeliveryState.read.advanced(to: .sent) == .read)
        #expect(DeliveryState.delivered.advanced(to: .sent) == .delivered)
        #expect(DeliveryState.sent.advanced(to: .failed) == .failed)
        #expect(DeliveryState.delivered.advanced(to: .failed) == .failed)
        #expect(DeliveryState.read.advanced(to: .failed) == .read, "a read message reached the customer")
        #expect(DeliveryState.failed.advanced(to: .delivered) == .delivered, "a late success after a failure")
        #expect(DeliveryState.queued.advanced(to: .sent) == .sent)
    }

    @Test func theWindowIsOpenForTwentyFourHoursLessTheMargin() {
        let wrote = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!
        #expect(CustomerServiceWindow.isOpen(lastCustomerMessage: wrote, now: wrote.adding(seconds: 60)))
        #expect(
            CustomerServiceWindow.isOpen(lastCustomerMessage: wrote, now: wrote.adding(seconds: 23 * 3600 + 54 * 60)))
        #expect(
            !CustomerServiceWindow.isOpen(lastCustomerMessage: wrote, now: wrote.adding(seconds: 23 * 3600 + 55 * 60)))
        #expect(!CustomerServiceWindow.isOpen(lastCustomerMessage: wrote, now: wrote.adding(seconds: 25 * 3600)))
        #expect(!CustomerServiceWindow.isOpen(lastCustomerMessage: nil, now: wrote), "the customer never wrote")
    }

    @Test func theComposerOffersWhatsAppOnlyInsideTheWindow() {
        let sam = MemberRef(id: "mb_sam", displayName: "Sam")
        let wrote = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!
        var conversation = Conversation(
            id: "cv_1", teamID: "tm_1", agentID: "ag_1", channelID: "ch_1", channel: .whatsapp,
            requester: Requester(name: "Ana", phone: "+5511999990000"), speaker: .operator(sam), aiMisses: 0,
            createdAt: wrote, lastMessageAt: wrote, lastCustomerMessageAt: wrote)
        #expect(ReplyChannels.defaultChannel(conversation: conversation, caller: sam, now: wrote) == .whatsapp)
        let late = wrote.adding(seconds: 24 * 3600)
        #expect(ReplyChannels.defaultChannel(conversation: conversation, caller: sam, now: late) == nil)
        #expect(throws: HelpDeskError.self) {
            try ReplyChannels.resolve(.whatsapp, conversation: conversation, caller: sam, now: late)
        }
        conversation.requester.email = "ana@example.com"
        #expect(ReplyChannels.defaultChannel(conversation: conversation, caller: sam, now: late) == .email)
        let reason = ReplyChannels.options(conversation: conversation, caller: sam, now: late).first?.reason
        #expect(reason?.contains("reply by email instead") == true)
    }

    @Test func settingsNameEachBadField() {
        let good = WhatsAppSettings(
            phoneNumberID: "1122334455667", accessToken: "EAAGtoken", appSecret: "0123456789abcdef",
            verifyToken: "verify")
        #expect(good.validationErrors(outbound: OutboundPolicy()).isEmpty)
        #expect(good.apiBaseURL == WhatsAppSettings.defaultAPIBaseURL)
        let bad = WhatsAppSettings(
            phoneNumberID: "+1 555", accessToken: "tok en long", appSecret: "short", verifyToken: "",
            apiBaseURL: "ftp://example.com")
        #expect(
            bad.validationErrors(outbound: OutboundPolicy()).map(\.field) == [
                "config.phoneNumberId", "config.accessToken", "config.appSecret", "config.verifyToken",
                "config.apiBaseURL",
            ])
    }

    @Test func aRatingTemplateIsATemplateNameWithALanguageCode() {
        func fields(_ template: String, _ language: String) -> [String] {
            WhatsAppSettings(
                phoneNumberID: "1122334455667", accessToken: "EAAGtoken", appSecret: "0123456789abcdef",
                verifyToken: "verify", ratingTemplate: template, ratingTemplateLanguage: language
            ).validationErrors(outbound: OutboundPolicy()).map(\.field)
        }
        #expect(fields("", "en_US").isEmpty, "no template is allowed")
        #expect(fields("ticket_rating_2", "pt_BR").isEmpty)
        #expect(fields("de", "de").isEmpty)
        #expect(fields("Ticket Rating", "en_US") == ["config.ratingTemplate"])
        #expect(fields(" ticket_rating", "en_US") == ["config.ratingTemplate"], "no trimming")
        #expect(fields("ticket_rating", "en_US ") == ["config.ratingTemplateLanguage"], "no trimming")
        #expect(fields(String(repeating: "a", count: 513), "en_US") == ["config.ratingTemplate"])
        for language in ["", "english", "EN", "en-US", "en_us", "e"] {
            #expect(fields("ticket_rating", language) == ["config.ratingTemplateLanguage"], "\(language)")
        }
    }
}
