/// The errors a caller can cause or meet, each mapping to one HTTP status and a
/// problem document. The message is written for the person reading the response.
public enum HelpDeskError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400: one or more fields are wrong; each names the field and the fix.
    case invalid([FieldError])
    /// 400: the request as a whole is malformed.
    case badRequest(String)
    /// 401: no credentials, or bad ones.
    case unauthorized(String)
    /// 403: the caller's role forbids this.
    case forbidden(String)
    /// 403: the team's plan does not include the Help Desk.
    case planRequired(Plan)
    /// 404: no such object, or not visible to the caller.
    case notFound(String)
    /// 409: the state changed under the caller (e.g. a lost pick-up race).
    case conflict(String)
    /// 413: what was sent is larger than allowed (a file over the size limit).
    case tooLarge(String)
    /// 415: a type of content that is not accepted (a file type off the allow-list).
    case unsupportedMediaType(String)
    /// 422: well-formed but cannot be carried out.
    case unprocessable(String)
    /// 429: too many attempts; retry after the given number of seconds.
    case rateLimited(retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .invalid(let errors): errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .badRequest(let detail), .unauthorized(let detail), .forbidden(let detail),
            .notFound(let detail), .conflict(let detail), .tooLarge(let detail), .unsupportedMediaType(let detail),
            .unprocessable(let detail):
            detail
        case .planRequired(let plan):
            "the Help Desk is available on the pro and scale plans; this team is on \(plan.rawValue)"
        case .rateLimited(let seconds): "too many attempts; retry in \(seconds) seconds"
        }
    }

    /// Shorthand for a single invalid field.
    public static func invalid(_ field: String, _ message: String) -> HelpDeskError {
        .invalid([FieldError(field: field, message: message)])
    }
}
