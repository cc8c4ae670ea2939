import Foundation
import HelpDeskChannels

/// `helpdesk-bench mail`: how fast `InboundMail.parse` reads the mail corpus
/// in `Tests/Fixtures/mail`, every message parsed once per round. Reports
/// messages and megabytes per second, in total and per kind of message
/// (plain text, HTML, with attachments), since base64 attachments, HTML
/// conversion and plain text stress different parts of the parser. A second
/// pass adds what the help desk derives from every message (the reply without
/// its quote, the automation signals, the threading hints), to show what a
/// message costs end to end.
struct MailBenchmark {
    var rounds = 2000
    var warmupRounds = 20
    var corpus = "Tests/Fixtures/mail"

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let text = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            switch name {
            case "--corpus": corpus = text
            case "--rounds", "--warmup":
                guard let value = Int(text.filter { $0 != "_" && $0 != "," }), value >= (name == "--rounds" ? 1 : 0)
                else { throw BenchError.usage("\(name) needs a whole number (got \"\(text)\")") }
                if name == "--rounds" { rounds = value } else { warmupRounds = value }
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
    }

    /// One corpus file and the group it is reported in.
    struct Fixture {
        var name: String
        var bytes: [UInt8]
        var kind: Kind
    }

    enum Kind: String, CaseIterable {
        case plain
        case html = "HTML"
        case attachments = "with attachments"

        /// Attachments when there are any, else HTML when an HTML rendition is kept, else plain.
        init(_ mail: InboundMail) {
            self = !mail.attachments.isEmpty ? .attachments : mail.html != nil ? .html : .plain
        }
    }

    func loadCorpus() throws -> [Fixture] {
        let directory = URL(fileURLWithPath: corpus)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
        guard !names.isEmpty else {
            throw BenchError.usage(
                "no .eml files in \(directory.path); run from the repository root or pass --corpus DIR")
        }
        return try names.map { name in
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            return Fixture(name: name, bytes: bytes, kind: Kind(try InboundMail.parse(bytes)))
        }
    }

    func run() throws {
        let fixtures = try loadCorpus()
        let corpusBytes = fixtures.reduce(0) { $0 + $1.bytes.count }
        say(
            "# helpdesk-bench mail — \(fixtures.count) messages (\(corpusBytes) bytes) from \(corpus), "
                + "\(rounds) rounds, \(warmupRounds) warm-up rounds")
        for kind in Kind.allCases {
            let members = fixtures.filter { $0.kind == kind }
            say("- \(kind.rawValue): \(members.count) messages, \(members.reduce(0) { $0 + $1.bytes.count }) bytes")
        }

        var checksum = 0
        for _ in 0..<warmupRounds {
            for fixture in fixtures { checksum &+= try Self.parse(fixture.bytes, derive: true) }
        }
        let (parseOnly, parseCPU) = try measure(fixtures, derive: false, checksum: &checksum)
        let (derived, derivedCPU) = try measure(fixtures, derive: true, checksum: &checksum)

        say("")
        say("| what | messages | MB | seconds | messages/s | MB/s | µs/message |")
        say("|---|---:|---:|---:|---:|---:|---:|")
        func row(_ label: String, _ indices: [Int], _ seconds: [Double]) {
            let count = indices.count * rounds
            let bytes = indices.reduce(0) { $0 + fixtures[$1].bytes.count } * rounds
            let time = indices.reduce(0) { $0 + seconds[$1] }
            let megabytes = Double(bytes) / 1_000_000
            say(
                "| \(label) | \(count) | "
                    + String(
                        format: "%.1f | %.3f | %.0f | %.1f | %.1f |", megabytes, time, Double(count) / time,
                        megabytes / time, time / Double(count) * 1_000_000))
        }
        let all = Array(fixtures.indices)
        row("parse, all", all, parseOnly)
        for kind in Kind.allCases {
            row("parse, \(kind.rawValue)", fixtures.indices.filter { fixtures[$0].kind == kind }, parseOnly)
        }
        row("parse + reply text, automation, threading", all, derived)
        say("")
        say(String(format: "others' CPU while timing: %.0f%% (parse), %.0f%% (parse + derived)", parseCPU, derivedCPU))
        let slowest = all.sorted { parseOnly[$0] > parseOnly[$1] }.prefix(5).map { index in
            fixtures[index].name + String(format: " %.1f µs", parseOnly[index] / Double(rounds) * 1_000_000)
        }
        say("slowest to parse: " + slowest.joined(separator: ", "))
        say("checksum \(checksum)")
    }

    /// Seconds spent on each fixture over all rounds, and the share of the
    /// machine's CPU other processes used meanwhile. Each parse is timed on
    /// its own, so every group's figure comes from the same interleaved run.
    private func measure(_ fixtures: [Fixture], derive: Bool, checksum: inout Int) throws -> ([Double], Double) {
        let clock = ContinuousClock()
        var seconds = Array(repeating: 0.0, count: fixtures.count)
        let before = CPUTimes.now()
        for _ in 0..<rounds {
            for (index, fixture) in fixtures.enumerated() {
                let start = clock.now
                checksum &+= try Self.parse(fixture.bytes, derive: derive)
                seconds[index] += milliseconds(clock.now - start) / 1000
            }
        }
        return (seconds, CPUTimes.now().othersShare(since: before))
    }

    /// Parses `bytes` (and derives what the help desk needs, if asked) and
    /// returns a number made from the results, so the work cannot be optimized away.
    private static func parse(_ bytes: [UInt8], derive: Bool) throws -> Int {
        let mail = try InboundMail.parse(bytes)
        var result = mail.text.utf8.count &+ mail.attachments.count &+ (mail.html?.utf8.count ?? 0)
        if derive {
            result &+= mail.replyText.utf8.count
            result &+= mail.automation().reasons.count
            result &+= InboundThreadingHint.candidates(for: mail, supportDomain: "helpdesk.example").count
        }
        return result
    }
}
