import Foundation
import HelpDeskAI

/// `helpdesk-bench train-detector`: fits the human-request detector's model
/// (`HumanRequestModel`) to the labelled corpora in `Tests/Fixtures` and writes
/// `Sources/HelpDeskAI/HumanRequestDetector/human-request-model.bin` (both read
/// from the repository root). Every `human-requests*.tsv` is training data except
/// the sets named in `heldOut`: a fresh blind set stays out until it has been
/// measured once, and after that for as long as the shipped model should stay the
/// one it measured (blind-11 and blind-12 measured the shipped detector; a new
/// round adds them to training and needs a fresh set to be judged).
struct DetectorTraining {
    static let heldOut: Set<String> = ["human-requests-blind-11.tsv", "human-requests-blind-12.tsv"]

    var fixtures = "Tests/Fixtures"
    var output = "Sources/HelpDeskAI/HumanRequestDetector/human-request-model.bin"
    /// More sets to leave out of training, and sets to measure the new model on (alone, the rules alone,
    /// and both, as the detector runs them).
    var leaveOut: Set<String> = []
    var evaluate: [String] = []
    /// Instead of writing a model: for each fresh set, a model trained without it, and every way of
    /// combining it with the rules measured on that set (`--cross-validate`).
    var crossValidate = false
    /// The left-out sets whose errors rank the combinations (all of them when empty): sets the rules were
    /// not tuned on say more about fresh messages.
    var judge: [String] = []
    /// The detector's hand-written unit examples, measured beside the sets when cross-validating.
    var unitExamples = "Tests/HelpDeskAITests/HumanRequestDetectorTests.swift"

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            if name == "--cross-validate" {
                crossValidate = true
                continue
            }
            guard let text = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            switch name {
            case "--fixtures": fixtures = text
            case "--output": output = text
            case "--leave-out": leaveOut.insert(text)
            case "--evaluate": evaluate.append(text)
            case "--judge": judge.append(text)
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
    }

    func run() throws {
        if crossValidate { return try runCrossValidation() }
        let files = try DetectorCorpus(fixtures: fixtures).files()
            .filter { !Self.heldOut.contains($0) && !leaveOut.contains($0) }
        let examples = try files.flatMap(load)
        guard !examples.isEmpty else { throw BenchError.usage("no human-requests*.tsv in \(fixtures)") }
        say("training on \(examples.count) messages from \(files.joined(separator: ", "))")
        let started = Date()
        let model = HumanRequestModel.train(examples)
        let bytes = model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        // The stored (quantized) model, read back, on its own training data.
        guard let stored = HumanRequestModel(encodedBytes: bytes) else { throw BenchError.usage("bad encoding") }
        let right = examples.filter { stored.isRequestingHuman($0.text) == $0.asksForHuman }.count
        say(
            "wrote \(output) (\(bytes.count) bytes) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
                + "the model alone agrees with \(right) of \(examples.count) training labels")
        for file in evaluate {
            let rows = try load(file)
            var parts: [(String, (String) -> Bool)] = [
                ("model alone", stored.isRequestingHuman),
                ("rules alone", HumanRequestDetector(model: nil).isRequestingHuman),
            ]
            parts.append(
                (
                    "rules and the model, as the detector runs them",
                    HumanRequestDetector(model: stored).isRequestingHuman
                ))
            for (name, predict) in parts {
                var truePositives = 0
                var falsePositives = 0
                var falseNegatives = 0
                for row in rows {
                    switch (predict(row.text), row.asksForHuman) {
                    case (true, true): truePositives += 1
                    case (true, false): falsePositives += 1
                    case (false, true): falseNegatives += 1
                    case (false, false): break
                    }
                }
                let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
                let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
                say(
                    "\(file), \(name): precision \(String(format: "%.3f", precision)), recall "
                        + "\(String(format: "%.3f", recall)) (\(falsePositives) false positives, \(falseNegatives) missed)"
                )
            }
        }
    }

    func load(_ file: String) throws -> [HumanRequestModel.Example] {
        try DetectorCorpus(fixtures: fixtures).examples(in: file)
    }
}
