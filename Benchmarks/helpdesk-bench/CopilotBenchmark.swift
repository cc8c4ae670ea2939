import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore

/// `helpdesk-bench copilot`: the built-in interpreter's answers per second over
/// the fixture questions, in process through `HelpDesk.copilot` (reading the
/// question, resolving names and days, and the visibility-scoped store query),
/// on the inbox benchmark's seeded team — as the owner, who sees every ticket,
/// and as an operator, who sees only their own.
///
/// The help desk's clock is set to the newest seeded ticket, so "today",
/// "this week" and "last 7 days" find tickets as they would in a live team.
struct CopilotBenchmark {
    var tickets = 100_000
    var dataDirectory: String?
    var questionFiles = ["Tests/Fixtures/copilot-questions.jsonl", "Tests/Fixtures/copilot-questions-blind.jsonl"]
    var rounds = 5
    var maxSeconds = 60.0

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        var files: [String] = []
        while let name = rest.popFirst() {
            guard let text = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            switch name {
            case "--data-dir": dataDirectory = text
            case "--questions": files.append(text)
            case "--tickets", "--rounds":
                guard let value = Int(text.filter { $0 != "_" && $0 != "," }), value > 0 else {
                    throw BenchError.usage("\(name) needs a positive whole number (got \"\(text)\")")
                }
                if name == "--tickets" { tickets = value } else { rounds = value }
            case "--max-seconds":
                guard let value = Double(text), value > 0 else {
                    throw BenchError.usage("--max-seconds must be a positive number (got \"\(text)\")")
                }
                maxSeconds = value
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
        if !files.isEmpty { questionFiles = files }
    }

    /// The `q` of every line of the fixture files.
    func questions() throws -> [String] {
        try questionFiles.flatMap { file -> [String] in
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw BenchError.usage("cannot read \(file); run from the repository root or pass --questions FILE")
            }
            return try text.split(whereSeparator: \.isNewline).map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let question = object["q"] as? String
                else { throw BenchError.check("\(file): a line without \"q\": \(line.prefix(80))") }
                return question
            }
        }
    }

    func run() async throws {
        let questions = try questions()
        say("# helpdesk-bench copilot")
        say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(InboxBenchmark.cpuModel())")
        say("load average before: \(InboxBenchmark.loadAverage())")
        var options = try InboxBenchmark.Options(parsing: ["--tickets", "\(tickets)"])
        options.dataDirectory = dataDirectory
        let database = try await BenchDatabase.prepare(options)
        let state = database.state
        say(
            (database.reused ? "reused the database seeded at \(state.seededAt)" : "seeded")
                + String(format: ": %d tickets (bulk load %.1f s)", state.tickets, state.seedingSeconds))

        // "Now" is just after the newest ticket: the seed spaces tickets about 30 seconds apart.
        let newest = BenchDatabase.firstTicketAt.adding(seconds: Double(state.tickets) * 30)
        let helpDesk = HelpDesk(
            store: database.store, configuration: ServiceConfiguration(bcryptCost: 4), clock: { newest })
        let owner = try await helpDesk.login(
            email: "owner@bench.helpdesk.test", password: state.password, clientAddress: "127.0.0.1"
        ).caller
        let operatorCaller = try await helpDesk.login(
            email: state.callerEmail, password: state.password, clientAddress: "127.0.0.1"
        ).caller
        say(
            "\(questions.count) questions from \(questionFiles.joined(separator: ", ")); \(rounds) timed rounds "
                + "after one untimed, at most \(Int(maxSeconds)) s per caller; now = \(newest.rfc3339)")

        var timings: [Timing] = []
        for (label, caller) in [("owner", owner), ("operator", operatorCaller)] {
            // One untimed round warms the page cache and shows what the answers look like.
            var rows = 0
            var answers: [String: String] = [:]
            for question in questions {
                let answer = try await helpDesk.copilot(caller, message: question)
                rows += answer.tickets.count
                answers[question] = answer.answer
            }
            let before = CPUTimes.now()
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start.advanced(by: .milliseconds(Int64(maxSeconds * 1000)))
            var samples: [Double] = []
            var perQuestion: [String: [Double]] = [:]
            rounds: for _ in 0..<rounds {
                for question in questions {
                    let began = clock.now
                    _ = try await helpDesk.copilot(caller, message: question)
                    let elapsed = milliseconds(clock.now - began)
                    samples.append(elapsed)
                    perQuestion[question, default: []].append(elapsed)
                    if clock.now > deadline { break rounds }
                }
            }
            let seconds = milliseconds(clock.now - start) / 1000
            let timing = Timing(
                operation: "copilot, \(label) (\(caller.member.displayName))", samples: samples,
                rows: rows / max(questions.count, 1), othersCPU: CPUTimes.now().othersShare(since: before))
            timings.append(timing)
            say(
                String(
                    format: "\n## %@: %.0f answers/s (%d answers in %.2f s), rows per answer %.1f",
                    label, Double(samples.count) / seconds, samples.count, seconds,
                    Double(rows) / Double(max(questions.count, 1))))
            let slowest = perQuestion.map { ($0.key, $0.value.reduce(0, +) / Double($0.value.count)) }
                .sorted { $0.1 > $1.1 }.prefix(5)
            say("slowest questions (mean ms), with the answer:")
            for (question, mean) in slowest {
                say(String(format: "  %8.3f  %@  →  %@", mean, question, answers[question] ?? ""))
            }
        }
        say("\n## Results (load average after: \(InboxBenchmark.loadAverage()))")
        say(table(timings))
    }
}
