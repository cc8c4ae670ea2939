/// One problem with one field of a user's input.
///
/// Validation returns these instead of throwing on the first problem, so a
/// settings form can show every mistake at once; the API puts them in the
/// `errors[]` array of a problem+json document.
public struct FieldError: Sendable, Equatable, Codable {
    /// The dotted path of the offending field, e.g. `businessHours.timeZone`.
    public let field: String
    /// What is wrong and how to fix it, in words a user understands.
    public let message: String

    /// Creates a field error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
