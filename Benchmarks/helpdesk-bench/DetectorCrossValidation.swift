import Foundation
import HelpDeskAI

/// `helpdesk-bench train-detector --cross-validate`: how to combine the rules and the model, chosen on
/// the fresh sets already measured. For each `human-requests-blind-*.tsv` and the holdout set, a model
/// is trained on every other corpus (the held-out sets stay out) and each message of the left-out set is
/// read once (`HumanRequestDetector.reading`); the hand-written unit examples are read by a model
/// trained on every corpus. Then every combination is scored from those readings:
/// - `gate`: the reasons not to ask that keep the model out (any subset of `ReasonNotToAsk`);
/// - `veto`: a rule's match stands unless the model scores it below `-veto`;
/// - the model's own threshold;
/// - `override`: a score from which the model speaks even through the gate.
/// `--judge SET` ranks the combinations by their errors on those left-out sets only (the ones the rules
/// were not tuned on); every combination is also checked against the unit examples.
/// The rules were tuned on the misses of most of these sets, so their figures here flatter them; the
/// choice is checked on a fresh set, measured once.
extension DetectorTraining {
    struct Labelled {
        let text: String
        let reading: HumanRequestDetector.Reading
        let asksForHuman: Bool
    }

    struct Combination: Hashable {
        var gate: Set<HumanRequestDetector.ReasonNotToAsk>
        var veto: Float
        var threshold: Float
        var override: Float = .infinity

        func predicts(_ reading: HumanRequestDetector.Reading) -> Bool {
            guard let score = reading.modelScore else { return reading.ruleMatched }
            if reading.ruleMatched { return score >= -veto }
            return score >= threshold && (score >= override || reading.reasonsNotToAsk.isDisjoint(with: gate))
        }

        var name: String {
            let kept = HumanRequestDetector.ReasonNotToAsk.allCases.filter(gate.contains).map(\.rawValue)
            return "gate [\(kept.joined(separator: " "))] veto \(veto) threshold \(threshold) override \(override)"
        }
    }

    func runCrossValidation() throws {
        let all = try DetectorCorpus(fixtures: fixtures).files().filter { !Self.heldOut.contains($0) }
        let fresh = all.filter { $0.hasPrefix("human-requests-blind-") || $0 == "human-requests-holdout.tsv" }
        var folds: [String: [Labelled]] = [:]
        for file in fresh {
            let training = try all.filter { $0 != file }.flatMap(load)
            let detector = HumanRequestDetector(model: HumanRequestModel.train(training))
            folds[file] = try load(file).map {
                Labelled(text: $0.text, reading: detector.reading(of: $0.text), asksForHuman: $0.asksForHuman)
            }
            say("read \(file) with a model trained without it")
        }
        let full = HumanRequestDetector(model: HumanRequestModel.train(try all.flatMap(load)))
        let units = try loadUnitExamples().map {
            Labelled(text: $0.text, reading: full.reading(of: $0.text), asksForHuman: $0.asksForHuman)
        }
        say("read \(units.count) unit examples with a model trained on every corpus")

        let judged = Set(judge)
        if !judged.isEmpty { say("judged on \(judge.joined(separator: ", ")) only") }
        let reasons = HumanRequestDetector.ReasonNotToAsk.allCases
        var combinations: [Combination] = []
        for mask in 0..<(1 << reasons.count) {
            let gate = Set(reasons.indices.filter { mask & (1 << $0) != 0 }.map { reasons[$0] })
            for veto: Float in [.infinity, 4, 3, 2, 1] {
                for threshold: Float in [0, 0.5, 1, 2] {
                    for override: Float in [.infinity, 3, 4, 5, 6, 8] {
                        combinations.append(
                            Combination(gate: gate, veto: veto, threshold: threshold, override: override))
                    }
                }
            }
        }
        struct Score {
            var truePositives = 0
            var falsePositives = 0
            var falseNegatives = 0
            var unitErrors = 0
            var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
            var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        }
        func score(_ combination: Combination) -> Score {
            var total = Score()
            for (file, rows) in folds where judged.isEmpty || judged.contains(file) {
                for row in rows {
                    switch (combination.predicts(row.reading), row.asksForHuman) {
                    case (true, true): total.truePositives += 1
                    case (true, false): total.falsePositives += 1
                    case (false, true): total.falseNegatives += 1
                    case (false, false): break
                    }
                }
            }
            total.unitErrors = units.filter { combination.predicts($0.reading) != $0.asksForHuman }.count
            return total
        }
        func line(_ combination: Combination, _ s: Score) -> String {
            String(
                format: "precision %.3f recall %.3f (%d false positives, %d missed), %d unit examples wrong: ",
                s.precision, s.recall, s.falsePositives, s.falseNegatives, s.unitErrors) + combination.name
        }
        let shipped = Combination(
            gate: HumanRequestDetector.defaultGate, veto: -HumanRequestDetector.ruleVeto,
            threshold: HumanRequestModel.shared.threshold)
        say("as shipped: " + line(shipped, score(shipped)))
        let before = Combination(gate: Set(reasons), veto: .infinity, threshold: 0)
        say("before the cross-validation: " + line(before, score(before)))
        let rulesOrModel = Combination(gate: [], veto: .infinity, threshold: 0)
        say("rules or the model: " + line(rulesOrModel, score(rulesOrModel)))
        // The best by errors on the fresh sets, among those that keep every unit example right.
        let scored = combinations.map { ($0, score($0)) }
        for maxUnitErrors in [0, 3] {
            let ranked = scored.filter { $0.1.unitErrors <= maxUnitErrors }
                .sorted {
                    ($0.1.falsePositives + $0.1.falseNegatives, $0.0.gate.count)
                        < ($1.1.falsePositives + $1.1.falseNegatives, $1.0.gate.count)
                }
            say("best with at most \(maxUnitErrors) unit examples wrong:")
            for (combination, s) in ranked.prefix(12) { say("  " + line(combination, s)) }
            // What the best gets wrong, with what the rules read and the model's score.
            guard let best = ranked.first?.0 else { continue }
            let judgedRows = folds.filter { judged.isEmpty || judged.contains($0.key) }.values.joined()
            for row in judgedRows + units where best.predicts(row.reading) != row.asksForHuman {
                let reasons = row.reading.reasonsNotToAsk.map(\.rawValue).sorted().joined(separator: " ")
                say(
                    "    \(row.asksForHuman ? "missed" : "false positive"): "
                        + String(format: "%.2f", row.reading.modelScore ?? 0)
                        + " rule \(row.reading.ruleMatched) [\(reasons)] \(row.text)")
            }
        }
        // Each reason's own effect: the shipped gate less that reason.
        for reason in reasons where shipped.gate.contains(reason) {
            var less = shipped
            less.gate.remove(reason)
            say("gate without \(reason.rawValue): " + line(less, score(less)))
        }
    }

    /// The `[String]` lists between `// BEGIN EXAMPLES` and `// END EXAMPLES` in the unit tests: a list
    /// whose name ends in `NonRequests` holds messages that do not ask, the others messages that do.
    func loadUnitExamples() throws -> [HumanRequestModel.Example] {
        let text = try String(contentsOfFile: unitExamples, encoding: .utf8)
        guard let start = text.range(of: "// BEGIN EXAMPLES"), let end = text.range(of: "// END EXAMPLES") else {
            throw BenchError.usage("no examples in \(unitExamples)")
        }
        var examples: [HumanRequestModel.Example] = []
        var asks: Bool?
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("static let ") {
                let name = trimmed.dropFirst("static let ".count).prefix { $0 != ":" }
                asks = trimmed.contains(": [String]") ? !name.hasSuffix("NonRequests") : nil
            } else if let asks, trimmed.hasPrefix("\""), trimmed.hasSuffix("\",") {
                let literal = trimmed.dropFirst().dropLast(2)
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
                examples.append(HumanRequestModel.Example(text: literal, asksForHuman: asks))
            }
        }
        return examples
    }
}
