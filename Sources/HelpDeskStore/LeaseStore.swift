import HelpDeskCore

/// Work that one instance at a time may do, when several share a database: a
/// Telegram channel's long polling (two pollers of one bot make Telegram refuse
/// both), and answering a conversation the AI owes an answer (two instances
/// would each answer). A lease names the work and its holder, and ends at a
/// time: a holder renews it while it works and gives it up when done, and one
/// that dies leaves it to lapse, after which another instance takes it.
public protocol LeaseStore: Sendable {
    /// Takes the lease `name` for `holder` until `until`, or renews it when
    /// `holder` holds it already. True when `holder` holds it now: it was free,
    /// its holder's lease had ended by `now`, or it was `holder`'s. False while
    /// another holder's lease runs; nothing changes then.
    func takeLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Bool

    /// Gives up the lease `name` when `holder` holds it, so another instance
    /// may take it at once; nothing happens when someone else holds it.
    func releaseLease(_ name: String, holder: String) async throws
}

/// The names of leases, in one place so that every instance uses the same.
public enum LeaseName {
    /// Long polling one Telegram channel.
    public static func telegramPolling(channelID: String) -> String { "telegram.polling:" + channelID }
    /// Answering what one conversation is owed.
    public static func owedAnswer(conversationID: String) -> String { "answer:" + conversationID }
}
