/// How a team's tag suggestions (made at handoff, see `TagSuggester`) fared: how many were made,
/// and how many of them operators accepted and rejected; the rest are still open.
public struct TagSuggestionStats: Sendable, Equatable {
    public var suggested: Int
    public var accepted: Int
    public var rejected: Int

    public init(suggested: Int, accepted: Int, rejected: Int) {
        self.suggested = suggested
        self.accepted = accepted
        self.rejected = rejected
    }
}
