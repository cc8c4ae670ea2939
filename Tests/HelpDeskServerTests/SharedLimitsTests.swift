import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import Testing

/// Instances on one PostgreSQL database share their limits: a guesser who spreads
/// attempts over the instances behind a load balancer is slowed as if they were one.
@Suite(.enabled(if: PostgresSchemas.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct SharedLimitsTests {
    @Test func twoInstancesOnOnePostgreSQLCountTheSameFailedSignIns() async throws {
        try await PostgresSchemas.withInstances(2) { stores, _ in
            var configuration = ServerConfiguration(dataDirectory: NSTemporaryDirectory(), bcryptCost: 4)
            configuration.loginFailuresPerAccount = 4
            let instances = stores.map { HelpDesk(store: $0, configuration: configuration) }
            let team = try await instances[0].createTeam(name: "Acme", plan: .pro)
            _ = try await instances[0].createMember(
                teamID: team.id, email: "ann@acme.test", password: "correct horse battery", role: .owner,
                displayName: "Ann")
            // Four wrong passwords, two on each instance, each from another address: the account's free attempts.
            for attempt in 0..<4 {
                await #expect(throws: HelpDeskError.unauthorized("email or password is wrong")) {
                    try await instances[attempt % 2].login(
                        email: "ann@acme.test", password: "wrong password \(attempt)",
                        clientAddress: "10.0.0.\(attempt)")
                }
            }
            // The fifth try waits, on either instance, whichever instance saw the failures.
            for instance in instances {
                await #expect(throws: HelpDeskError.rateLimited(retryAfterSeconds: 5)) {
                    try await instance.login(
                        email: "ann@acme.test", password: "correct horse battery", clientAddress: "10.0.0.9")
                }
            }
        }
    }
}
