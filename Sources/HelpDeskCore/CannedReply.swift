/// A reply a team keeps ready: owners and managers write it once, every member
/// inserts it into the composer with its variables filled for the ticket at hand.
public struct CannedReply: Sendable, Equatable, Codable {
    public var id: String
    public var teamID: String
    /// What the operator searches for and picks; unique in the team, ignoring case.
    public var title: String
    /// The text, with `{{variables}}` (see `ReplyTemplate`).
    public var body: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: String, teamID: String, title: String, body: String, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.teamID = teamID
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The longest title, in code points.
    public static let titleLimit = TextLimits.name
    /// The longest body, in code points: a canned reply is a message.
    public static let bodyLimit = TextLimits.messageBody

    /// A title and body as a member wrote them, trimmed; throws `invalid` naming
    /// every problem at once: an empty or too long title or body, and a body
    /// that uses a variable `ReplyTemplate` does not know.
    public static func validated(title: String, body: String) throws(HelpDeskError) -> (title: String, body: String) {
        var errors: [FieldError] = []
        var cleanTitle = ""
        var cleanBody = ""
        do {
            cleanTitle = try TextLimits.required(title, field: "title", max: titleLimit)
        } catch { errors += error.fieldErrors }
        do {
            cleanBody = try TextLimits.required(body, field: "body", max: bodyLimit)
        } catch { errors += error.fieldErrors }
        if let problem = ReplyTemplate.unknownVariablesProblem(in: body) {
            errors.append(FieldError(field: "body", message: problem))
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return (cleanTitle, cleanBody)
    }
}

extension HelpDeskError {
    /// The field errors of `invalid`; any other error as one error on the body.
    var fieldErrors: [FieldError] {
        if case .invalid(let errors) = self { errors } else { [FieldError(field: "body", message: description)] }
    }
}

/// The template language of canned replies, and nothing more: `{{name}}`
/// with one of four variable names, spaces or tabs allowed inside the braces
/// (`{{ customer.name }}`). There are no filters, conditions or escapes.
///
/// A placeholder is `{{`, then anything but braces and line breaks, then
/// `}}`; a `{{` without its `}}` on the same line is plain text.
public enum ReplyTemplate {
    /// The variables a canned reply may use.
    public enum Variable: String, Sendable, CaseIterable {
        /// The ticket's requester.
        case customerName = "customer.name"
        /// The ticket's number, digits only (`10042`): write `#{{ticket.number}}` for `#10042`.
        case ticketNumber = "ticket.number"
        /// The member inserting the reply (their display name).
        case operatorName = "operator.name"
        /// The AI agent the ticket came from.
        case agentName = "agent.name"
    }

    /// What the variables stand for on one ticket, for one member. A missing
    /// value (a ticket opened by hand has no agent) renders as an empty string:
    /// the operator sees the filled text in the composer before sending it.
    public struct Values: Sendable, Equatable {
        public var customerName: String?
        public var ticketNumber: Int?
        public var operatorName: String?
        public var agentName: String?

        public init(customerName: String?, ticketNumber: Int?, operatorName: String?, agentName: String?) {
            self.customerName = customerName
            self.ticketNumber = ticketNumber
            self.operatorName = operatorName
            self.agentName = agentName
        }

        /// The text for a variable; empty when the value is missing.
        public func text(for variable: Variable) -> String {
            switch variable {
            case .customerName: customerName ?? ""
            case .ticketNumber: ticketNumber.map(String.init) ?? ""
            case .operatorName: operatorName ?? ""
            case .agentName: agentName ?? ""
            }
        }
    }

    /// One `{{…}}` in a text: where it is (scalar offsets) and its name, trimmed.
    struct Placeholder: Equatable {
        var range: Range<Int>
        var name: String
        var variable: Variable? { Variable(rawValue: name) }
    }

    /// Every placeholder of `text`, in order.
    static func placeholders(in scalars: [Unicode.Scalar]) -> [Placeholder] {
        var found: [Placeholder] = []
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            var end = index + 2
            while end < scalars.count, !["{", "}", "\n", "\r"].contains(scalars[end]) { end += 1 }
            if end + 1 < scalars.count, scalars[end] == "}", scalars[end + 1] == "}" {
                var inside = String.UnicodeScalarView(scalars[(index + 2)..<end])
                while let first = inside.first, first == " " || first == "\t" { inside.removeFirst() }
                while let last = inside.last, last == " " || last == "\t" { inside.removeLast() }
                found.append(Placeholder(range: index..<(end + 2), name: String(inside)))
                index = end + 2
            } else {
                index += 1
            }
        }
        return found
    }

    /// The names of the placeholders in `text` that are no variable, each once, in order.
    public static func unknownNames(in text: String) -> [String] {
        var seen: Set<String> = []
        return placeholders(in: Array(text.unicodeScalars)).filter { $0.variable == nil }.map(\.name)
            .filter { seen.insert($0).inserted }
    }

    /// A message naming the unknown variables of `text` and the known ones; nil when there are none.
    public static func unknownVariablesProblem(in text: String) -> String? {
        let unknown = unknownNames(in: text)
        guard !unknown.isEmpty else { return nil }
        let shown = unknown.prefix(5).map { name -> String in
            let scalars = name.unicodeScalars
            let short = scalars.count > 40 ? String(String.UnicodeScalarView(scalars.prefix(40))) + "…" : name
            return "{{\(short)}}"
        }
        let more = unknown.count > shown.count ? " and \(unknown.count - shown.count) more" : ""
        let known = Variable.allCases.map { "{{\($0.rawValue)}}" }
        return
            "uses unknown variable\(unknown.count == 1 ? "" : "s") \(shown.joined(separator: ", "))\(more); "
            + "the variables are \(known.dropLast().joined(separator: ", ")) and \(known.last ?? "")"
    }

    /// `text` with each variable replaced by its value, in one pass: a value
    /// that itself looks like `{{…}}` (a customer named `{{agent.name}}`) is
    /// inserted as it is. A placeholder that names no variable stays as written.
    public static func render(_ text: String, _ values: Values) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var position = 0
        for placeholder in placeholders(in: scalars) {
            guard let variable = placeholder.variable else { continue }
            output.append(contentsOf: scalars[position..<placeholder.range.lowerBound])
            output.append(contentsOf: values.text(for: variable).unicodeScalars)
            position = placeholder.range.upperBound
        }
        output.append(contentsOf: scalars[position...])
        return String(output)
    }
}
