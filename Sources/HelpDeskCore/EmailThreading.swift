/// Which ticket an inbound mail continues. Three rules, in order: the reply
/// address (`support+t-…@`) the help desk gave the ticket's mails; the
/// In-Reply-To and References headers naming one of the ticket's mails; and a
/// `[#10042]` in the subject. Whatever the rule, a mail lands on a ticket only
/// when it comes from the ticket's requester: mail from anyone else opens a
/// new ticket rather than land silently on someone else's.
public enum EmailThreading {
    public enum Rule: String, Sendable, Equatable {
        case replyAddress, headers, subjectNumber

        /// How the timeline says a mail was threaded.
        public var words: String {
            switch self {
            case .replyAddress: "threaded by the ticket's reply address"
            case .headers: "threaded by its In-Reply-To/References headers"
            case .subjectNumber: "threaded by the ticket number in its subject, from the ticket's requester"
            }
        }
    }

    /// A ticket a rule points at.
    public struct Candidate: Sendable, Equatable {
        public var rule: Rule
        public var ticket: Ticket
        public init(rule: Rule, ticket: Ticket) {
            self.rule = rule
            self.ticket = ticket
        }
    }

    public enum Decision: Sendable, Equatable {
        /// The mail continues this ticket.
        case thread(Ticket, Rule)
        /// The mail opens a new ticket; `refused` names a ticket a rule pointed at whose requester is someone else.
        case open(refused: Candidate?)
    }

    /// The first candidate (in rule order) whose requester's address is the sender's.
    public static func decide(_ candidates: [Candidate], sender: String) -> Decision {
        for candidate in candidates where EmailAddress.same(candidate.ticket.requester.email, sender) {
            return .thread(candidate.ticket, candidate.rule)
        }
        return .open(refused: candidates.first)
    }

    /// `[#10042]` (or `[#10042 …]`) in a subject: the number, if it has 1 to 9 digits.
    public static func subjectTicketNumber(_ subject: String) -> Int? {
        guard let start = subject.range(of: "[#") else { return nil }
        let digits = subject[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        return Int(digits)
    }
}
