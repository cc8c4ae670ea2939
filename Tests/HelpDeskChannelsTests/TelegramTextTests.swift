import Testing

@testable import HelpDeskChannels

@Suite struct TelegramTextTests {
    @Test func aShortTextIsOnePart() {
        #expect(TelegramText.split("Hello") == ["Hello"])
        #expect(TelegramText.split(String(repeating: "a", count: 4_096)).count == 1)
        #expect(TelegramText.split("") == [""])
    }

    @Test func aLongTextIsCutAtAParagraphThenALineThenASpace() {
        let paragraphs = (1...3).map { String(repeating: "word\($0) ", count: 10) + "end." }.joined(separator: "\n\n")
        let parts = TelegramText.split(paragraphs, limit: 100)
        #expect(parts.count == 3, "\(parts)")
        #expect(parts.allSatisfy { $0.hasSuffix("end.") })

        let lines = (1...4).map { "line \($0) " + String(repeating: "x", count: 30) }.joined(separator: "\n")
        #expect(TelegramText.split(lines, limit: 90).allSatisfy { $0.hasPrefix("line ") })

        let words = Array(repeating: "banana", count: 50).joined(separator: " ")
        let cut = TelegramText.split(words, limit: 64)
        #expect(cut.allSatisfy { $0.utf16.count <= 64 })
        #expect(cut.joined(separator: " ") == words, "only the spaces at the cuts are dropped")
        #expect(cut.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
    }

    @Test func aWordLongerThanAPartIsCutInside() {
        let word = String(repeating: "z", count: 250)
        let parts = TelegramText.split(word, limit: 100)
        #expect(parts.map(\.count) == [100, 100, 50])
    }

    @Test func partsCountUTF16UnitsAndNeverSplitACharacter() {
        // Each emoji is two UTF-16 units; a family emoji is one character of several scalars.
        let emoji = String(repeating: "😀", count: 60)
        let parts = TelegramText.split(emoji, limit: 50)
        #expect(parts.allSatisfy { $0.utf16.count <= 50 })
        #expect(parts.joined() == emoji)
        let family = String(repeating: "👨‍👩‍👧", count: 20)
        let familyParts = TelegramText.split(family, limit: 30)
        #expect(familyParts.joined() == family)
        #expect(familyParts.allSatisfy { $0.utf16.count <= 30 && $0.allSatisfy { $0 == "👨‍👩‍👧" } })
    }

    @Test func aRealReplyFitsTelegramsLimit() {
        let reply = (1...900).map { "Sentence number \($0) of a long answer." }.joined(separator: " ")
        let parts = TelegramText.split(reply)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf16.count <= 4_096 && !$0.isEmpty })
        #expect(parts.joined(separator: " ") == reply)
    }
}
