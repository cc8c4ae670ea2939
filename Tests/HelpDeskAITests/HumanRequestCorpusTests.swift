import Foundation
import Testing

@testable import HelpDeskAI

/// The detector against a labeled corpus it was not written from
/// (Tests/Fixtures/human-requests.tsv: label, language, utterance).
@Suite struct HumanRequestCorpusTests {
    struct Row {
        var label: Bool
        var language: String
        var text: String
    }

    static func corpus() throws -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/human-requests.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return Row(label: fields[0] == "1", language: String(fields[1]), text: String(fields[2]))
        }
    }

    @Test func precisionAndRecallAreAtLeast95Percent() throws {
        let rows = try Self.corpus()
        #expect(rows.count >= 200)
        #expect(Set(rows.map(\.language)) == ["en", "de", "fr", "es", "pt", "it", "nl"])
        let detector = HumanRequestDetector()
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var mistakes: [String] = []
        for row in rows {
            let predicted = detector.isRequestingHuman(row.text)
            switch (predicted, row.label) {
            case (true, true): truePositives += 1
            case (true, false):
                falsePositives += 1
                mistakes.append("false positive [\(row.language)] \(row.text)")
            case (false, true):
                falseNegatives += 1
                mistakes.append("false negative [\(row.language)] \(row.text)")
            case (false, false): break
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(
            "human-request detector on \(rows.count) utterances: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))"
        )
        for mistake in mistakes { print("  \(mistake)") }
        #expect(precision >= 0.95)
        #expect(recall >= 0.95)
    }
}
