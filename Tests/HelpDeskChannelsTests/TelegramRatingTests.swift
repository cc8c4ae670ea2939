import HelpDeskChannels
import Testing

/// The rating keyboard's button data: written and read back, anything else refused.
@Suite struct TelegramRatingTests {
    @Test func buttonDataNamesTheTicketAndTheRating() throws {
        let keyboard = TelegramRating.keyboard(ticketNumber: 10001)
        let buttons = try #require(keyboard.inlineKeyboard.first)
        #expect(buttons.map(\.text) == ["1", "2", "3", "4", "5"])
        #expect(buttons.map(\.callbackData).allSatisfy { $0.utf8.count <= 64 })
        let parsed = try #require(TelegramRating.parse(buttons[3].callbackData))
        #expect(parsed.ticketNumber == 10001 && parsed.rating == 4)
        for data in [nil, "", "csat:10001", "csat:10001:6", "csat:x:4", "resolve:42:1", "csat:10001:4:1", "csat:-1:3"] {
            #expect(TelegramRating.parse(data) == nil, "\(data ?? "nil")")
        }
    }
}
