import Foundation
import Testing

@testable import HelpDeskAI

/// The detector against labeled corpora (label, language, utterance):
/// `human-requests.tsv` is the development set its rules were improved on;
/// `human-requests-holdout.tsv` was written blind, by someone who saw neither
/// the detector nor the development set; `human-requests-blind-2.tsv` (365
/// utterances) was written the same way after the rules for support-team
/// targets, comparison frames and opening-hours questions, and measured once
/// before it was committed. In round 2 (passive, callback and look-at frames)
/// the misses of both were used as development data, so neither is blind any
/// more. `human-requests-blind-3.tsv` (395 utterances) was written after round
/// 2 by someone who had seen neither the rules nor any earlier set, and
/// measured once before it was committed: precision 0.989, recall 0.939. In
/// round 3 its misses were used as development data too (the rules were
/// generalised from them, with new examples of each kind in every language
/// added to `human-requests.tsv`), so blind-3 is not blind any more either:
/// the next honest figure is a fresh set's. `human-requests-blind-4.tsv` (420
/// utterances, regional variants and indirect requests among them) was written
/// after round 3 the same way and measured once before it was committed:
/// precision 0.988, recall 0.805; in round 4 its misses were development data.
/// `human-requests-blind-5.tsv` (350 utterances) was written after round 4 by
/// someone who had seen neither the rules nor any earlier set, and measured
/// once before it was committed: precision 1.000, recall 0.909; in round 5 its
/// misses were development data. `human-requests-blind-6.tsv` (350, written the
/// same way after round 5) measured once by the rules: precision 0.993, recall
/// 0.800; it was then used to choose the trained model that backs the rules
/// (`HumanRequestModel`, trained on every set here but blind-7) and is training
/// data now. `human-requests-blind-7.tsv` (350, written the same way) was
/// measured once with the rules and that model before it was committed:
/// precision 0.946, recall 0.897; in round 6 its misses were development data and
/// it became training data (with `human-requests-plain.tsv`, everyday messages).
/// `human-requests-blind-8.tsv` (350, written the same way) was measured once
/// with the round-6 rules and model before it was committed: precision 0.976,
/// recall 0.914; in round 7 it was development and training data.
/// `human-requests-blind-9.tsv` (350, written the same way) was measured once
/// with the round-7 rules and model before it was committed: precision 0.994,
/// recall 0.874; it was then read, and is training data since. With a narrower
/// gate for the model (a negation or comparison aimed at the bot is no reason not
/// to ask), `human-requests-blind-10.tsv` (350, written the same way) was measured
/// with a model trained on every other set before it was committed: precision
/// 0.976, recall 0.920. The combination of rules and model was then chosen by
/// cross-validation over the measured sets (`helpdesk-bench train-detector
/// --cross-validate`: the model is kept out only by a reason not to ask that names
/// a person, a rule's match stands unless the model scores it below -4, the model
/// speaks from 0.5), blind-10 became training data, and two more sets written the
/// same way, by two writers, were each measured once with that detector before they
/// were committed: `human-requests-blind-11.tsv` precision 0.989, recall 0.989;
/// `human-requests-blind-12.tsv` precision 1.000, recall 0.949. Neither has been
/// development or training data yet (`DetectorTraining.heldOut`).
@Suite struct HumanRequestCorpusTests {
    struct Row {
        var label: Bool
        var language: String
        var text: String
    }

    static func corpus(_ name: String) throws -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return Row(label: fields[0] == "1", language: String(fields[1]), text: String(fields[2]))
        }
    }

    /// The acceptance bar (0.95 on both) applies to the development set. The
    /// once-blind sets, all development data now, are reported too, each with a
    /// regression floor below its figure (after round 3: holdout 1.000 / 1.000,
    /// blind-2 precision 0.995, recall 1.000; blind-3 1.000 / 1.000, against
    /// 0.989 / 0.939 when it was measured blind; blind-4 1.000 / 1.000 after round
    /// 4, against 0.988 / 0.805 blind; blind-5 1.000 / 1.000 after round 5,
    /// against 1.000 / 0.909 blind; blind-6, training data, 0.994 / 0.954).
    /// Blind-7 1.000 / 1.000 after round 6 (training data), against 0.946 / 0.897
    /// blind; blind-8 1.000 / 1.000 after round 7, against 0.976 / 0.914 blind.
    /// Blind-9 keeps a floor below its blind measurement (0.994 / 0.874) while it is
    /// training data. Blind-10's floor sits just below its blind measurement (0.976 /
    /// 0.920); blind-11's and blind-12's just below theirs.
    @Test(arguments: [
        ("human-requests.tsv", 0.95, 0.95), ("human-requests-holdout.tsv", 0.97, 0.97),
        ("human-requests-blind-2.tsv", 0.97, 0.97), ("human-requests-blind-3.tsv", 0.97, 0.97),
        ("human-requests-blind-4.tsv", 0.97, 0.97), ("human-requests-blind-5.tsv", 0.97, 0.97),
        ("human-requests-blind-6.tsv", 0.97, 0.95),
        ("human-requests-blind-7.tsv", 0.97, 0.97),
        ("human-requests-blind-8.tsv", 0.97, 0.97),
        ("human-requests-blind-9.tsv", 0.97, 0.87),
        ("human-requests-blind-10.tsv", 0.97, 0.91),
        ("human-requests-blind-11.tsv", 0.98, 0.98),
        ("human-requests-blind-12.tsv", 0.99, 0.94),
    ])
    func precisionAndRecall(file: String, minimumPrecision: Double, minimumRecall: Double) throws {
        let rows = try Self.corpus(file)
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
            "human-request detector on \(file), \(rows.count) utterances: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))"
        )
        for mistake in mistakes { print("  \(mistake)") }
        #expect(precision >= minimumPrecision)
        #expect(recall >= minimumRecall)
    }
}
