import Foundation
import HelpDeskCore
import Testing

@testable import HelpDeskServer

/// The streaming encoder must write what Foundation's `JSONEncoder` writes, as
/// JSON values (key order and number spelling aside).
@Suite struct StreamingJSONEncoderTests {
    struct Everything: Encodable {
        var text = "quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0} é 👋🏽 \u{2028}"
        var empty = ""
        var int = -1234567890
        var zero = 0
        var int8: Int8 = -128
        var uint64: UInt64 = .max
        var int64: Int64 = .min
        var double = 3.25
        var wholeDouble = 2.0
        var tiny = 1e-7
        var float: Float = 0.1
        var yes = true
        var no = false
        var missing: String? = nil
        var present: String? = "here"
        var nestedOptional: Int?? = .some(nil)
        var list = [1, 2, 3]
        var emptyList: [String] = []
        var optionals: [Int?] = [1, nil, 3]
        var dictionary = ["b": 2, "a": 1]
        var intKeys = [7: "seven"]
        var data = Data([0, 1, 2, 250, 255])
        var url = URL(string: "https://example.com/a?b=c")!
        var decimal = Decimal(string: "12.5")!
        var date = Date(timeIntervalSinceReferenceDate: 123.5)
        var timestamp = Timestamp(microseconds: 1_735_689_600_123_456)
        var nothing = Nothing()
        var merged = Merged()
        var nested = Nested()
        var matrix = [[1, 2], [], [3]]
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// Two keyed containers on one encoder make one object.
    struct Merged: Encodable {
        enum A: String, CodingKey { case first }
        enum B: String, CodingKey { case second }
        func encode(to encoder: any Encoder) throws {
            var a = encoder.container(keyedBy: A.self)
            try a.encode(1, forKey: .first)
            var b = encoder.container(keyedBy: B.self)
            try b.encode("two", forKey: .second)
        }
    }

    /// Nested containers and a super encoder.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case inner, list, after, parent }
        enum Inner: String, CodingKey { case x }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            var inner = c.nestedContainer(keyedBy: Inner.self, forKey: .inner)
            try inner.encode(1, forKey: .x)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode("a")
            var deeper = list.nestedContainer(keyedBy: Inner.self)
            try deeper.encode(2, forKey: .x)
            try c.encode(true, forKey: .after)
            var parent = c.superEncoder(forKey: .parent).singleValueContainer()
            try parent.encode([1])
        }
    }

    static func parsed(_ data: some Sequence<UInt8>) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed]) as! NSObject
    }

    static func expectSame<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let streamed = try StreamingJSONEncoder().encode(value)
        let foundation = try JSONEncoder().encode(value)
        #expect(
            try parsed(streamed) == parsed(foundation),
            "\(String(decoding: streamed, as: UTF8.self)) vs \(String(decoding: foundation, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        try Self.expectSame(Everything())
        try Self.expectSame([Everything(), Everything()])
        try Self.expectSame("just a string")
        try Self.expectSame(42)
        try Self.expectSame(Optional<Int>.none)
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(Nothing()) }
    }

    @Test func escapesLikeJSONEncoder() throws {
        var all = ""
        for scalar in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let streamed = try StreamingJSONEncoder().encode(all)
        #expect(streamed == Array(try JSONEncoder().encode(all)))
        #expect(try Self.parsed(streamed) as? String == all)
    }

    @Test func randomStringsReadBackTheSame() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let scalars = (0..<Int.random(in: 0..<40, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0..<0x1_0000, using: &generator))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let streamed = try StreamingJSONEncoder().encode(["k": text])
            #expect(try JSONDecoder().decode([String: String].self, from: Data(streamed)) == ["k": text])
        }
    }

    @Test func refusesWhatJSONEncoderRefuses() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(["x": Double.infinity]) }
    }

    @Test func inboxRowsAndTimelinesMatch() throws {
        let ticket = Ticket(
            id: 7, teamID: "tm_1", number: 10042, conversationID: "cv_1", status: .open, priority: .high,
            subject: "Refund </script>", requester: Requester(name: "Ana", email: "ana@example.com"),
            assignee: MemberRef(id: "mb_1", displayName: "Sam"), agent: AgentRef(id: "ag_1", name: "Shop"),
            channel: .whatsapp, createdAt: Timestamp(microseconds: 1), lastActivityAt: Timestamp(microseconds: 2),
            resolvedAt: nil, tags: ["billing", "vip \"gold\""])
        let due = SLADeadline(
            dueAt: Date(timeIntervalSince1970: 1_900_000_000.25), stoppedAt: nil, breached: true, warning: false,
            paused: false)
        let row = InboxRowJSON(
            ticket: ticket, triage: Triage(preview: "Hello\nthere", waitingSince: Timestamp(microseconds: 3)),
            sla: SLAStatus(firstResponse: due, resolution: nil))
        var bare = ticket
        bare.assignee = nil
        bare.agent = nil
        bare.tags = []
        bare.resolvedAt = Timestamp(microseconds: 4)
        bare.requester = Requester(name: "Unicode \u{1} \"quoted\" 👋", phone: "+49", handle: "@x")
        try Self.expectSame(PageJSON(items: [row, InboxRowJSON(ticket: bare, triage: nil)], nextCursor: "abc"))
        try Self.expectSame(TicketJSON(ticket))
        try Self.expectSame(TicketJSON(bare))
        var merged = ticket
        merged.status = .merged
        merged.mergedInto = 10043
        try Self.expectSame(TicketJSON(merged))
        try Self.expectSame(PageJSON(items: [InboxRowJSON(ticket: merged, triage: nil)], nextCursor: nil))
        var mergedJSON = JSONBuffer()
        TicketJSON(merged).writeJSON(to: &mergedJSON)
        #expect(try Self.parsed(mergedJSON.bytes) == Self.parsed(try JSONEncoder().encode(TicketJSON(merged))))
        // The direct writers are what runs: a row written field by field, not through `encode(to:)`.
        var json = JSONBuffer()
        row.writeJSON(to: &json)
        #expect(try Self.parsed(json.bytes) == Self.parsed(try JSONEncoder().encode(row)))
        try Self.expectSame(PageJSON<InboxRowJSON>(items: [], nextCursor: nil))
    }

    @Test func timelineEntriesMatch() throws {
        let at = Timestamp(microseconds: 1_735_689_600_123_456)
        let sam = MemberRef(id: "mb_1", displayName: "Sam \"S\"")
        let entries: [TimelineEntry] = [
            TimelineEntry(
                id: 1, at: at,
                content: .message(
                    author: MessageAuthor(kind: .customer, name: "Ana"), channel: .web, body: "Hi\nthere </b>",
                    delivery: nil)),
            TimelineEntry(
                id: 2, at: at,
                content: .message(
                    author: MessageAuthor(kind: .operator, id: "mb_1", name: "Sam"), channel: .telegram,
                    body: "On it", delivery: Delivery(state: .failed, error: "blocked"))),
            TimelineEntry(
                id: 3, at: at, content: .note(author: sam, body: "@Jo look", mentions: ["mb_2", "mb_3"])),
            TimelineEntry(id: 4, at: at, content: .note(author: sam, body: "plain")),
            TimelineEntry(
                id: 5, at: at,
                content: .message(
                    author: MessageAuthor(kind: .ai, name: "Bot"), channel: .whatsapp, body: "File", delivery: nil),
                attachments: [Attachment(id: "at_1", name: "a.pdf", contentType: "application/pdf", size: 10)]),
            TimelineEntry(id: 6, at: at, content: .event(TicketEvent(kind: .created))),
            TimelineEntry(
                id: 7, at: at,
                content: .event(TicketEvent(kind: .priorityChanged, actor: sam, from: "normal", to: "urgent"))),
            TimelineEntry(
                id: 8, at: at,
                content: .event(TicketEvent(kind: .escalationRepeated, actor: nil, detail: "asked again"))),
            TimelineEntry(
                id: 9, at: at, content: .event(TicketEvent(kind: .merged, actor: sam, from: "10041"))),
            TimelineEntry(
                id: 10, at: at,
                content: .message(
                    author: MessageAuthor(kind: .customer, name: "Ana"), channel: .web, body: "Merged in",
                    delivery: nil), mergedFrom: 10041),
        ]
        for entry in entries { try Self.expectSame(TimelineEntryJSON(entry)) }
        try Self.expectSame(ItemsJSON(items: entries.map(TimelineEntryJSON.init)))
        // The common shapes are written directly.
        #expect(
            entries.map { TimelineEntryJSON($0).writesItself } == [
                true, false, true, true, false, true, true, true, true, false,
            ])
    }
}
