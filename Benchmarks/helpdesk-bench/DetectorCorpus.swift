import Foundation
import HelpDeskAI

/// The labelled corpora of the human-request detector: `human-requests*.tsv` in a fixtures folder,
/// each a header line then `label<TAB>lang<TAB>utterance` (label 1 asks for a person, 0 does not).
struct DetectorCorpus {
    let fixtures: String

    /// The corpus files' names, sorted.
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures)
            .filter { $0.hasPrefix("human-requests") && $0.hasSuffix(".tsv") }.sorted()
    }

    /// One corpus's labelled messages; lines that are not three fields with a 0 or 1 label are skipped.
    func examples(in file: String) throws -> [HumanRequestModel.Example] {
        let text = try String(contentsOfFile: (fixtures as NSString).appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "0" || fields[0] == "1" else { return nil }
            return HumanRequestModel.Example(text: String(fields[2]), asksForHuman: fields[0] == "1")
        }
    }
}
