/// Why a message was refused. Only limits refuse a message: damage of any
/// other kind is read around and reported as an `InboundMailDefect`, because
/// a customer's mail should reach a person even when their mailer is broken.
public enum InboundMailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The raw message is larger than `InboundMail.Limits.maximumBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// Multiparts nest deeper than `InboundMail.Limits.maximumDepth`; no mail
    /// client produces this, a message built to exhaust the parser does.
    case nestedTooDeeply(limit: Int)
    /// The message has more MIME parts than `InboundMail.Limits.maximumParts`.
    case tooManyParts(limit: Int)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "the message is \(bytes) bytes, over the limit of \(limit) bytes (InboundMail.Limits.maximumBytes)"
        case .nestedTooDeeply(let limit):
            "the message nests multipart parts more than \(limit) levels deep (InboundMail.Limits.maximumDepth)"
        case .tooManyParts(let limit):
            "the message has more than \(limit) MIME parts (InboundMail.Limits.maximumParts)"
        }
    }
}
