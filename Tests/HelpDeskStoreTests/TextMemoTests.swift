import HelpDeskStore
import Synchronization
import Testing

/// A stored document is decoded once per text: the same text again is remembered, a changed one decodes afresh.
@Suite struct TextMemoTests {
    final class Counter: Sendable {
        let calls = Atomic<Int>(0)
        func decode(_ text: String) -> Int {
            calls.add(1, ordering: .relaxed)
            return text.count
        }
    }

    @Test func theSameTextIsDecodedOnceAndAChangedTextAgain() throws {
        let memo = TextMemo<Int>(limit: 2)
        let counter = Counter()
        #expect(try memo.value(for: "abc", decode: counter.decode) == 3)
        #expect(try memo.value(for: "abc", decode: counter.decode) == 3)
        #expect(counter.calls.load(ordering: .relaxed) == 1)
        #expect(try memo.value(for: "abcd", decode: counter.decode) == 4)
        #expect(counter.calls.load(ordering: .relaxed) == 2)
        // Past its limit it starts over, and still answers right.
        #expect(try memo.value(for: "x", decode: counter.decode) == 1)
        #expect(try memo.value(for: "abc", decode: counter.decode) == 3)
        #expect(counter.calls.load(ordering: .relaxed) == 4)
    }

    @Test func aFailedDecodeIsNotRemembered() throws {
        struct Broken: Error {}
        let memo = TextMemo<Int>()
        #expect(throws: Broken.self) { try memo.value(for: "bad") { _ in throw Broken() } }
        #expect(try memo.value(for: "bad") { $0.count } == 3)
    }
}
