import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore

/// `helpdesk-bench assignment`: the cost of one automatic assignment decision
/// with 1,000 operators and 1,000,000 tickets. Routing reads each operator's
/// open count from `members.open_tickets` (kept in step by triggers in the same
/// transaction), so it never scans tickets; this measures creating a ticket
/// with routing on, against the same creation with routing off (manual).
struct AssignmentBenchmark {
    var operators = 1000
    var tickets = 1_000_000
    var creations = 2000
    var dataDirectory: String?

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let text = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            switch name {
            case "--data-dir": dataDirectory = text
            case "--operators", "--tickets", "--creations":
                guard let value = Int(text.filter { $0 != "_" }), value > 0 else {
                    throw BenchError.usage("\(name) needs a positive whole number")
                }
                if name == "--operators" {
                    operators = value
                } else if name == "--tickets" {
                    tickets = value
                } else {
                    creations = value
                }
            default: throw BenchError.usage("unknown option \(name)")
            }
        }
    }

    func run() async throws {
        let directory = dataDirectory ?? "/tmp/helpdesk-bench-assignment-\(tickets)-\(operators)"
        try? FileManager.default.removeItem(atPath: directory)
        let configuration = ServerConfiguration(dataDirectory: directory, bcryptCost: 4)
        let store = try SQLiteStore(directory: directory)
        let helpDesk = HelpDesk(store: store, configuration: configuration)
        let team = try await helpDesk.createTeam(name: "Bench", plan: .pro)
        say(
            "# helpdesk-bench assignment — \(operators) operators, \(tickets) tickets, \(creations) timed creations per method"
        )
        var members: [Member] = []
        for index in 0..<operators {
            members.append(
                try await store.createMember(
                    NewMember(
                        teamID: team.id, email: "op\(index)@bench.test", passwordHash: "x", role: .operator,
                        displayName: "Operator \(index)", availability: index % 4 == 3 ? .away : .online),
                    now: .now(), audit: .none))
        }
        let seedStart = ContinuousClock.now
        try await store.bulkLoadTickets(
            teamID: team.id, count: tickets, agentID: nil, assigneeIDs: members.map(\.id),
            startingAt: Timestamp.now().adding(seconds: -86_400 * 365), seed: 7)
        try await store.analyze()
        say(String(format: "seeded in %.1f s", milliseconds(ContinuousClock.now - seedStart) / 1000))

        var results: [String: Timing] = [:]
        for method in [AssignmentMethod.manual, .balanced, .roundRobin] {
            var settings = try await store.settings(teamID: team.id)
            settings.assignment = method
            _ = try await store.updateSettings(teamID: team.id, settings, audit: .none)
            var index = 0
            let samples = try await measure(iterations: creations, warmup: 50, maxSeconds: 60) {
                index += 1
                _ = try await store.createTicket(
                    NewTicket(
                        teamID: team.id, subject: "Bench \(method.rawValue) \(index)",
                        requester: Requester(name: "Bench"), priority: .normal, channel: .web),
                    now: .now())
            }
            results[method.rawValue] = Timing(operation: "create ticket, \(method.rawValue)", samples: samples, rows: 0)
        }
        let timings = ["manual", "balanced", "roundRobin"].compactMap { results[$0] }
        say(table(timings))
        if let manual = results["manual"], let balanced = results["balanced"], let roundRobin = results["roundRobin"] {
            say(
                String(
                    format: "decision cost (p50 over manual): balanced %.3f ms, round robin %.3f ms",
                    balanced.percentile(0.5) - manual.percentile(0.5),
                    roundRobin.percentile(0.5) - manual.percentile(0.5)))
        }
    }
}
