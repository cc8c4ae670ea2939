import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore

/// The seeded database a benchmark runs against: created once per ticket count
/// and seed, then reused (seeding a million tickets takes minutes).
struct BenchDatabase {
    /// What was seeded, saved beside the database so a later run can reuse it.
    struct State: Codable {
        var tickets: Int
        var seed: UInt64
        var teamID: String
        var callerEmail: String
        var password: String
        var seedingSeconds: Double
        var analyzeSeconds: Double
        var seededAt: String
    }

    static let operatorNames = ["Sam Support", "Riley Rivera", "Jo Jensen", "Kai Kowalski"]
    /// Fixed, so the same seed builds the same tickets: 2025-01-01T00:00:00Z.
    static let firstTicketAt = Timestamp(microseconds: 1_735_689_600_000_000)

    let store: SQLiteStore
    let helpDesk: HelpDesk
    let configuration: ServerConfiguration
    let state: State
    let reused: Bool

    var databasePath: String { store.path }

    /// Opens the database in the options' data directory, seeding it first unless
    /// it already holds exactly the asked-for tickets from the same seed.
    static func prepare(_ options: InboxBenchmark.Options) async throws -> BenchDatabase {
        let directory = options.resolvedDataDirectory
        let configuration = ServerConfiguration(dataDirectory: directory, host: "127.0.0.1", port: 0, bcryptCost: 4)
        let statePath = (directory as NSString).appendingPathComponent("bench-state.json")
        let databasePath = (directory as NSString).appendingPathComponent("helpdesk.sqlite")

        if !options.fresh, let data = FileManager.default.contents(atPath: statePath),
            let state = try? JSONDecoder().decode(State.self, from: data), state.tickets == options.tickets,
            state.seed == options.seed, FileManager.default.fileExists(atPath: databasePath)
        {
            let store = try SQLiteStore(directory: directory)
            if try await store.ticketCensus(teamID: state.teamID).total == options.tickets {
                let helpDesk = HelpDesk(store: store, configuration: configuration)
                return BenchDatabase(
                    store: store, helpDesk: helpDesk, configuration: configuration, state: state, reused: true)
            }
            try store.close()
        }

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        try? FileManager.default.removeItem(atPath: statePath)
        let store = try SQLiteStore(directory: directory)
        let helpDesk = HelpDesk(store: store, configuration: configuration)
        let password = "bench-\(UInt32.random(in: .min ... .max))"
        let team = try await helpDesk.createTeam(name: "Bench Support", plan: .pro)
        let owner = try await helpDesk.createMember(
            teamID: team.id, email: "owner@bench.helpdesk.test", password: password, role: .owner,
            displayName: "Olivia Owner", availability: .online)
        var operators: [Member] = []
        for (index, name) in operatorNames.enumerated() {
            operators.append(
                try await helpDesk.createMember(
                    teamID: team.id, email: "operator\(index + 1)@bench.helpdesk.test", password: password,
                    role: .operator, displayName: name, availability: .online))
        }
        let agent = try await helpDesk.createAgent(
            Caller(member: owner, team: team),
            AgentDraft(name: "Bench Assistant", instructions: "", brain: .builtin, faq: [], supportHandover: nil))

        say("seeding \(options.tickets) tickets into \(databasePath) …")
        let clock = ContinuousClock()
        let seedStart = clock.now
        try await store.bulkLoadTickets(
            teamID: team.id, count: options.tickets, agentID: agent.id, assigneeIDs: operators.map(\.id),
            startingAt: firstTicketAt, seed: options.seed)
        let seeding = clock.now - seedStart
        let analyzeStart = clock.now
        try await store.analyze()
        let analyze = clock.now - analyzeStart

        let state = State(
            tickets: options.tickets, seed: options.seed, teamID: team.id, callerEmail: operators[0].email,
            password: password, seedingSeconds: milliseconds(seeding) / 1000,
            analyzeSeconds: milliseconds(analyze) / 1000,
            seededAt: Timestamp.now().rfc3339)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(state).write(to: URL(fileURLWithPath: statePath))
        return BenchDatabase(
            store: store, helpDesk: helpDesk, configuration: configuration, state: state, reused: false)
    }

    /// Bytes of the database file and of its WAL.
    func fileSizes() -> (database: Int, wal: Int) {
        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        return (size(databasePath), size(databasePath + "-wal"))
    }
}

/// Prints a line at once (the output is often piped to a file while it runs).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
