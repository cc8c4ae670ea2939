import Testing

@testable import HelpDeskCore

@Suite struct CannedReplyTests {
    static let values = ReplyTemplate.Values(
        customerName: "Ana Cliente", ticketNumber: 10042, operatorName: "Sam Support", agentName: "Shop Assistant")

    /// The field errors of a refused title and body; empty when accepted.
    static func errors(title: String, body: String) -> [FieldError] {
        do {
            _ = try CannedReply.validated(title: title, body: body)
            return []
        } catch {
            if case .invalid(let errors) = error { return errors }
            Issue.record("expected invalid, got \(error)")
            return []
        }
    }

    @Test func everyVariableIsFilled() {
        let text = "Hi {{customer.name}}, {{operator.name}} here about #{{ticket.number}} (from {{agent.name}})."
        #expect(
            ReplyTemplate.render(text, Self.values)
                == "Hi Ana Cliente, Sam Support here about #10042 (from Shop Assistant).")
    }

    @Test func spacesAndTabsInsideTheBracesAreAccepted() throws {
        let text = "Hi {{ customer.name }}, {{\tticket.number\t}} {{  operator.name}}"
        #expect(ReplyTemplate.render(text, Self.values) == "Hi Ana Cliente, 10042 Sam Support")
        #expect(ReplyTemplate.unknownNames(in: text).isEmpty)
        _ = try CannedReply.validated(title: "Spaced", body: text)
    }

    @Test func aMissingValueRendersAsAnEmptyString() {
        let values = ReplyTemplate.Values(
            customerName: "Ana", ticketNumber: 10001, operatorName: "Sam", agentName: nil)
        #expect(ReplyTemplate.render("[{{agent.name}}] for {{customer.name}}", values) == "[] for Ana")
        let nothing = ReplyTemplate.Values(customerName: nil, ticketNumber: nil, operatorName: nil, agentName: nil)
        #expect(ReplyTemplate.render("a{{customer.name}}b{{ticket.number}}c", nothing) == "abc")
    }

    @Test func valuesAreInsertedOnceAndNeverReadAsTemplates() {
        let values = ReplyTemplate.Values(
            customerName: "{{operator.name}}", ticketNumber: 7, operatorName: "Sam", agentName: "{{customer.name}}")
        #expect(
            ReplyTemplate.render("{{customer.name}} / {{agent.name}}", values)
                == "{{operator.name}} / {{customer.name}}")
    }

    @Test func textThatIsNoPlaceholderStaysAsWritten() {
        for text in [
            "plain text", "a { brace } and {single}", "{{ open but never closed", "{{customer.name}",
            "{{customer.\nname}}", "}} {{", "{{", "",
        ] {
            #expect(ReplyTemplate.render(text, Self.values) == text, "\(text)")
            #expect(ReplyTemplate.unknownNames(in: text).isEmpty, "\(text)")
        }
        // Braces around a placeholder stay; the placeholder inside is filled.
        #expect(ReplyTemplate.render("{{{customer.name}}}", Self.values) == "{Ana Cliente}")
        // Combining marks and emoji next to a placeholder are kept whole.
        #expect(ReplyTemplate.render("é{{ticket.number}}\u{301}👋🏽", Self.values) == "é10042\u{301}👋🏽")
    }

    @Test func unknownVariablesAreRefusedNamingEachOnce() {
        let errors = Self.errors(
            title: "Follow-up",
            body: "Hi {{customer.email}}, {{ Customer.Name }}, {{customer.email}} {{}} {{ticket.number | upper}}")
        #expect(errors.count == 1)
        #expect(errors.first?.field == "body")
        let message = errors.first?.message ?? ""
        #expect(
            message.hasPrefix(
                "uses unknown variables {{customer.email}}, {{Customer.Name}}, {{}}, {{ticket.number | upper}};"),
            "\(message)")
        #expect(
            message.hasSuffix(
                "the variables are {{customer.name}}, {{ticket.number}}, {{operator.name}} and {{agent.name}}"),
            "\(message)")
        #expect(ReplyTemplate.unknownNames(in: "{{a}}{{b}}{{a}}") == ["a", "b"])
    }

    @Test func aLongListOfUnknownVariablesIsCutShort() {
        let body =
            (1...9).map { "{{v\($0)}}" }.joined(separator: " ") + " {{" + String(repeating: "x", count: 100) + "}}"
        let message = Self.errors(title: "Many", body: body).first?.message ?? ""
        #expect(
            message.hasPrefix("uses unknown variables {{v1}}, {{v2}}, {{v3}}, {{v4}}, {{v5}} and 5 more;"), "\(message)"
        )
        #expect(
            ReplyTemplate.unknownVariablesProblem(in: "{{" + String(repeating: "y", count: 50) + "}}")?
                .contains("{{" + String(repeating: "y", count: 40) + "…}}") == true)
    }

    @Test func titleAndBodyAreRequiredTrimmedAndBounded() throws {
        let valid = try CannedReply.validated(title: "  Greeting \n", body: "\n Hello {{customer.name}} \n")
        #expect(valid.title == "Greeting")
        #expect(valid.body == "Hello {{customer.name}}")

        let blank = Self.errors(title: " \t\n", body: "\n  ")
        #expect(blank.map(\.field) == ["title", "body"])
        #expect(blank.allSatisfy { $0.message == "must not be empty" })

        // Limits count code points: 200 for the title, 20,000 for the body.
        _ = try CannedReply.validated(
            title: String(repeating: "t", count: 200), body: String(repeating: "b", count: 20_000))
        let long = Self.errors(title: String(repeating: "t", count: 201), body: String(repeating: "b", count: 20_001))
        #expect(long.map(\.field) == ["title", "body"])
        #expect(long.first?.message == "must be at most 200 characters")
        #expect(long.last?.message == "must be at most 20000 characters")
        let marks = "e" + String(repeating: "\u{301}", count: 200)
        #expect(Self.errors(title: marks, body: "ok").map(\.field) == ["title"])

        // Every problem at once: a too long body and an unknown variable in it.
        let both = Self.errors(title: "", body: "{{nope}}" + String(repeating: "b", count: 20_000))
        #expect(both.map(\.field) == ["title", "body", "body"])
    }
}
