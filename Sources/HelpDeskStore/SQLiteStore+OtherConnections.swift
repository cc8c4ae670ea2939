import GRDB
import HelpDeskCore

// MARK: - For tools with a connection of their own to the file

/// The benchmarks open their own GRDB connection on `path` to bulk-load tickets
/// and to trace the inbox's statements, so that no benchmark code lives in the
/// store. These are the two things such a tool cannot rebuild on its own without
/// drifting from what the store does.
extension SQLiteStore {
    /// What a ticket's requester is found by in the `ticket_search` index: name,
    /// email, phone and handle. Public so that a tool writing tickets through its
    /// own connection writes the same search rows as `createTicket`.
    public static func requesterSearchText(of requester: Requester) -> String {
        requesterSearchText(requester)
    }

    /// One inbox page read through `db`, a connection the caller opened on
    /// `path`: the same statements `inbox(teamID:callerID:query:)` runs, so a tool
    /// can trace them and show their query plans.
    public static func inbox(reading db: Database, teamID: String, callerID: String, query: InboxQuery) throws
        -> InboxPage
    {
        try inbox(db, teamID: teamID, callerID: callerID, query: query)
    }
}
