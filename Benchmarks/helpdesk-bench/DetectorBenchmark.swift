import Foundation
import HelpDeskAI

/// `helpdesk-bench detector`: how long the human-request detector takes per
/// customer message (it runs on every message a visitor or chat customer
/// sends): every utterance of the labelled corpora in `Tests/Fixtures`
/// (`human-requests*.tsv`, read from the repository root) once per round, and
/// one long single-sentence message, whose cost shows any rule that grows
/// faster than the text.
struct DetectorBenchmark {
    var rounds = 20
    var fixtures = "Tests/Fixtures"

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let text = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            switch name {
            case "--fixtures": fixtures = text
            case "--rounds":
                guard let value = Int(text), value >= 1 else {
                    throw BenchError.usage("--rounds needs a whole number of at least 1 (got \"\(text)\")")
                }
                rounds = value
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
    }

    func run() throws {
        let corpus = DetectorCorpus(fixtures: fixtures)
        let files = try corpus.files()
        let utterances = try files.flatMap { try corpus.examples(in: $0).map(\.text) }
        guard !utterances.isEmpty else { throw BenchError.usage("no human-requests*.tsv in \(fixtures)") }
        let detector = HumanRequestDetector()
        var found = 0
        for utterance in utterances where detector.isRequestingHuman(utterance) { found += 1 }  // warm-up
        let start = ContinuousClock.now
        for _ in 0..<rounds {
            for utterance in utterances where detector.isRequestingHuman(utterance) { found += 1 }
        }
        let corpusSeconds = milliseconds(ContinuousClock.now - start) / 1000
        let perMessage = corpusSeconds / Double(rounds * utterances.count) * 1e6
        say(
            "corpora: \(files.joined(separator: ", ")); \(utterances.count) messages × \(rounds) rounds: "
                + String(format: "%.1f µs per message", perMessage))
        // One sentence of about 4,400 characters, without a request in it.
        let long = Array(repeating: "the parcel that was sent to my address last week has still not arrived", count: 62)
            .joined(separator: " and ")
        var longTimes: [Double] = []
        for _ in 0..<max(5, rounds) {
            let begin = ContinuousClock.now
            if detector.isRequestingHuman(long) { found += 1 }
            longTimes.append(milliseconds(ContinuousClock.now - begin))
        }
        longTimes.sort()
        say(
            "one \(long.count)-character message: "
                + String(format: "%.2f ms median, %.2f ms slowest", longTimes[longTimes.count / 2], longTimes.last!)
                + " (\(found) requests found in all, so nothing is optimised away)")
    }
}
