import Testing

@testable import HelpDeskCore

@Suite struct PreviewLineTests {
    /// The definition the streaming cut must agree with: every run of line
    /// breaks one space, none at the ends, then cut at the preview length.
    static func reference(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > Triage.previewLength ? String(line.prefix(Triage.previewLength)) + "…" : line
    }

    @Test(arguments: [
        "", "\n", "\n\n\r\n", "Hello", "Hello\nworld", "\n\nHello\r\n\r\nworld\n\n", "Grüße 👋🏽 aus Köln\u{2028}zweite",
        String(repeating: "a", count: 140), String(repeating: "a", count: 141),
        String(repeating: "a", count: 139) + "\nb",
        String(repeating: "a", count: 140) + "\nb", String(repeating: "a", count: 140) + "\n\n",
        String(repeating: "é", count: 300), String(repeating: "line\n", count: 100),
        String(repeating: "🇩🇪", count: 150), "tab\tvertical\u{0B}feed\u{0C}end\r", "\r\rcr only\r",
        String(repeating: "ascii ", count: 30) + "then ü", "ü first" + String(repeating: "\n", count: 3) + "x",
        String(repeating: "b", count: 139) + "\u{85}next", "a\u{2028}b\u{2029}c",
    ])
    func agreesWithTheDefinition(_ text: String) {
        #expect(Triage.previewLine(text) == Self.reference(text))
    }

    @Test func randomTextsAgree() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", " ", "\n", "\r\n", "\n\n", "\r", "\u{0B}", "word ", "word ", "word "]
        let rare = ["ü", "👍", "\u{85}", "\u{2028}"]
        for _ in 0..<500 {
            let length = Int.random(in: 0..<200, using: &generator)
            var text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if Bool.random(using: &generator) {
                let at = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &generator))
                text.insert(contentsOf: rare.randomElement(using: &generator)!, at: at)
            }
            #expect(Triage.previewLine(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func aLongMessageIsCutWithAnEllipsis() {
        let preview = Triage(preview: String(repeating: "x", count: 10_000), waitingSince: nil).preview
        #expect(preview == String(repeating: "x", count: 140) + "…")
    }
}
