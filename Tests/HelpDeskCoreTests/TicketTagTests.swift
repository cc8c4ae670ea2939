import Testing

@testable import HelpDeskCore

@Suite struct TicketTagTests {
    /// The field errors of a refused name and colour; empty when accepted.
    static func errors(name: String, color: String?) -> [FieldError] {
        do {
            _ = try TicketTag.validated(name: name, color: color)
            return []
        } catch {
            if case .invalid(let errors) = error { return errors }
            Issue.record("expected invalid, got \(error)")
            return []
        }
    }

    @Test func namesAreStoredTrimmedInLowerCaseAndComposed() throws {
        #expect(try TicketTag.validName("  Billing ") == "billing")
        #expect(try TicketTag.validName("VIP") == TicketTag.validName("vip"))
        // "É" written as E and a combining accent is the same tag as the precomposed one.
        #expect(try TicketTag.validName("E\u{301}lan") == "\u{E9}lan")
        #expect(TicketTag.key(" Late Payment ") == "late payment")
    }

    @Test func aBadNameIsRefusedNamingTheField() {
        #expect(Self.errors(name: "", color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: "   ", color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: String(repeating: "a", count: 41), color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: String(repeating: "a", count: 40), color: nil).isEmpty)
        #expect(Self.errors(name: "two\nlines", color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: "tab\there", color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: "bell\u{7}", color: nil).map(\.field) == ["name"])
        #expect(Self.errors(name: "c1\u{85}", color: nil).map(\.field) == ["name"])
    }

    @Test func coloursAreHashAndSixHexDigits() throws {
        #expect(try TicketTag.validated(name: "a", color: nil).color == TicketTag.defaultColor)
        #expect(try TicketTag.validColor("#A1b2C3") == "#a1b2c3")
        for bad in ["", "a1b2c3", "#a1b2c", "#a1b2c3d", "#ggg000", "red", "#１２３４５６", " #a1b2c3"] {
            #expect(Self.errors(name: "ok", color: bad).map(\.field) == ["color"], "\(bad)")
        }
        #expect(Self.errors(name: "", color: "nope").map(\.field) == ["name", "color"], "every problem at once")
    }

    @Test func addingFollowsTheLimitsAndIsIdempotent() throws {
        #expect(
            try Tagging.adding("vip", number: 1, ticketTags: ["vip"], teamHasTag: true, teamTagCount: 1) == .nothing)
        #expect(
            try Tagging.adding("new", number: 1, ticketTags: [], teamHasTag: false, teamTagCount: 3)
                == .add(createsTag: true))
        #expect(
            try Tagging.adding(
                "old", number: 1, ticketTags: [], teamHasTag: true, teamTagCount: TicketTag.teamLimit)
                == .add(createsTag: false))
        let full = (0..<TicketTag.ticketLimit).map { "t\($0)" }
        #expect(throws: HelpDeskError.self) {
            try Tagging.adding("more", number: 1, ticketTags: full, teamHasTag: true, teamTagCount: 30)
        }
        // A tag the full ticket has already is still "nothing", not an error.
        #expect(try Tagging.adding("t3", number: 1, ticketTags: full, teamHasTag: true, teamTagCount: 30) == .nothing)
        #expect(throws: HelpDeskError.self) {
            try Tagging.adding("new", number: 1, ticketTags: [], teamHasTag: false, teamTagCount: TicketTag.teamLimit)
        }
    }

    @Test func namesSortByTheirBytesAsBothStoresDo() {
        #expect(TicketTag.sorted(["vip", "élan", "Zed", "billing"]) == ["Zed", "billing", "vip", "élan"])
    }
}
