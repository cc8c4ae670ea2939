import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Testing

/// The `helpdesk` command line, run as a process: exit status, `--json`
/// output, and one-line errors on standard error.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func helpdesk(_ arguments: [String], input: String? = nil) async throws -> Run {
        let result = try await ChildProcess.run(ServerProcess.binary, arguments, input: input)
        return Run(status: result.status, output: result.output, error: result.error)
    }

    @Test func adminCommandsWorkAndPrintJSON() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-cli-" + UUID().uuidString
        let migrate = try await Self.helpdesk(["migrate", "--data-dir", directory])
        #expect(migrate.status == 0)
        let team = try await Self.helpdesk([
            "create-team", "--data-dir", directory, "--name", "Acme", "--plan", "hobby", "--json",
        ])
        #expect(team.status == 0)
        let teamID = try #require(
            (try JSONSerialization.jsonObject(with: Data(team.output.utf8)) as? [String: String])?["id"])
        let plain = try await Self.helpdesk([
            "create-team", "--data-dir", directory, "--name", "Plain", "--plan", "free",
        ])
        #expect(plain.output.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("tm_"))

        let member = try await Self.helpdesk(
            [
                "create-member", "--data-dir", directory, "--team", teamID, "--email", "ana@acme.test", "--role",
                "owner",
                "--display-name", "Ana", "--password-stdin", "--json",
            ], input: "a long password\n")
        #expect(member.status == 0, "\(member.error)")
        #expect(member.output.contains("\"id\":\"mb_"))

        let plan = try await Self.helpdesk(["set-plan", "--data-dir", directory, "--team", teamID, "--plan", "scale"])
        #expect(plan.status == 0)
        let store = try SQLiteStore(directory: directory)
        #expect(try await store.team(id: teamID)?.plan == .scale)
        let login = try await store.credentials(email: "ana@acme.test")
        #expect(login?.member.role == .owner)

        let demo = try await Self.helpdesk(["demo", "--data-dir", directory])
        #expect(demo.status == 0)
        #expect(demo.output.contains("password:"))
        #expect(demo.output.contains("Web widget channel: ch_"))
        // The demo team has every chat channel kind, pointed at nothing, and tickets on each.
        let demoTeamID = try #require(
            demo.output.split(separator: "(team ").dropFirst().first?.split(separator: ")").first.map(String.init))
        let kinds = Set(try await store.channels(teamID: demoTeamID).map(\.kind))
        #expect(kinds == [.web, .telegram, .whatsapp])
    }

    @Test func badInputExitsNonZeroWithOneLineOnStandardError() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-cli-" + UUID().uuidString
        let badPlan = try await Self.helpdesk(["create-team", "--data-dir", directory, "--name", "X", "--plan", "gold"])
        #expect(badPlan.status != 0)
        #expect(badPlan.error.contains("free, hobby, pro, scale"))

        let noTeam = try await Self.helpdesk([
            "set-plan", "--data-dir", directory, "--team", "tm_missing", "--plan", "pro",
        ])
        #expect(noTeam.status != 0)
        #expect(noTeam.error.hasPrefix("error: "))
        #expect(noTeam.error.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)

        let shortPassword = try await Self.helpdesk(
            [
                "create-member", "--data-dir", directory, "--team", "tm_x", "--email", "a@b.test", "--role", "owner",
                "--display-name", "A", "--password-stdin",
            ], input: "short\n")
        #expect(shortPassword.status != 0)
        #expect(shortPassword.error.contains("password"))

        let noStdinFlag = try await Self.helpdesk(
            [
                "create-member", "--data-dir", directory, "--team", "tm_x", "--email", "a@b.test", "--role", "owner",
                "--display-name", "A",
            ])
        #expect(noStdinFlag.status != 0)

        let postgres = try await Self.helpdesk(["migrate", "--database-url", "mysql://nope"])
        #expect(postgres.status != 0)
        #expect(postgres.error.contains("postgres://"))

        // A PostgreSQL that does not answer is named, with what to check.
        let unreachable = try await Self.helpdesk([
            "migrate", "--database-url", "postgres://helpdesk@127.0.0.1:1/helpdesk", "--data-dir", directory,
        ])
        #expect(unreachable.status != 0)
        #expect(unreachable.error.contains("cannot reach PostgreSQL at 127.0.0.1:1/helpdesk"))
        #expect(unreachable.error.contains("--database-url"))
        let noPool = try await Self.helpdesk([
            "migrate", "--database-url", "postgres://helpdesk@127.0.0.1:1/helpdesk", "--database-pool-size", "0",
        ])
        #expect(noPool.status != 0)
        #expect(noPool.error.contains("--database-pool-size must be at least 1"))
    }
}
