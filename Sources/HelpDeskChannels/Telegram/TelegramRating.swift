import HelpDeskCore

/// The rating keyboard under the question on Telegram: five buttons, 1 to 5, each
/// carrying `csat:<ticket number>:<rating>` back in its callback query.
public enum TelegramRating {
    public static func keyboard(ticketNumber: Int) -> TelegramBotAPI.InlineKeyboard {
        TelegramBotAPI.InlineKeyboard([
            CSAT.ratings.map {
                TelegramBotAPI.InlineKeyboard.Button(text: "\($0)", callbackData: data(ticketNumber, $0))
            }
        ])
    }

    public static func data(_ ticketNumber: Int, _ rating: Int) -> String { "csat:\(ticketNumber):\(rating)" }

    /// The ticket and rating a button's data names; nil for any other data.
    public static func parse(_ data: String?) -> (ticketNumber: Int, rating: Int)? {
        guard let parts = data?.split(separator: ":", omittingEmptySubsequences: false), parts.count == 3,
            parts[0] == "csat", let number = Int(parts[1]), number > 0, let rating = Int(parts[2]),
            CSAT.ratings.contains(rating)
        else { return nil }
        return (number, rating)
    }
}
