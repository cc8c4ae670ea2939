import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

@testable import HelpDeskService

/// The service's own collaborators, without HTTP: visitor tokens, the sign-in
/// throttle, password rules and the verbs' checks.
@Suite struct CredentialTests {
    static func store() throws -> SQLiteStore {
        try SQLiteStore(directory: NSTemporaryDirectory() + "helpdesk-service-" + UUID().uuidString)
    }

    static let now = Timestamp(microseconds: 1_800_000_000_000_000)

    @Test func aVisitorTokenNamesItsChannelAndConversationUntilItExpires() async throws {
        let tokens = VisitorTokens(store: try Self.store(), lifetimeSeconds: 60)
        let token = try await tokens.issue(channelID: "ch_1", conversationID: "cv_1", now: Self.now)
        let identity = try #require(try await tokens.verify(token, now: Self.now))
        #expect(identity.channelID == "ch_1")
        #expect(identity.conversationID == "cv_1")
        #expect(try await tokens.verify(token, now: Self.now.adding(seconds: 61)) == nil)
    }

    @Test func aForgedOrMangledVisitorTokenIsRefused() async throws {
        let store = try Self.store()
        let tokens = VisitorTokens(store: store)
        let token = try await tokens.issue(channelID: "ch_1", conversationID: "cv_1", now: Self.now)
        let parts = token.split(separator: ".").map(String.init)
        // The same signature over another conversation.
        let forgedPayload = Base64URL.encode(Data("v1|ch_1|cv_2|\(Self.now.microseconds / 1_000_000 + 100)".utf8))
        #expect(try await tokens.verify(forgedPayload + "." + parts[1], now: Self.now) == nil)
        #expect(try await tokens.verify(parts[0], now: Self.now) == nil)
        #expect(try await tokens.verify("", now: Self.now) == nil)
        #expect(try await tokens.verify(String(repeating: "a", count: 500), now: Self.now) == nil)
        // Another instance on the same database accepts it: the key is shared.
        #expect(try await VisitorTokens(store: store).verify(token, now: Self.now) != nil)
        // A different database has a different key.
        #expect(try await VisitorTokens(store: try Self.store()).verify(token, now: Self.now) == nil)
    }

    @Test func pastTheFreeAttemptsEachSignInWaitsLongerButNeverForever() async throws {
        let throttle = LoginThrottle(perAccount: 2, perAddress: 100, windowSeconds: 3_600)
        #expect(try await throttle.retryAfter(account: "a", address: "1", now: Self.now) == nil)
        try await throttle.recordFailure(account: "a", address: "1", now: Self.now)
        #expect(try await throttle.retryAfter(account: "a", address: "1", now: Self.now) == nil)
        try await throttle.recordFailure(account: "a", address: "1", now: Self.now)
        // Two free attempts used: wait 5 s, then 10 s, then 20 s after each further failure.
        #expect(try await throttle.retryAfter(account: "a", address: "2", now: Self.now) == 5)
        #expect(try await throttle.retryAfter(account: "a", address: "2", now: Self.now.adding(seconds: 5)) == nil)
        var at = Self.now.adding(seconds: 5)
        try await throttle.recordFailure(account: "a", address: "1", now: at)
        #expect(try await throttle.retryAfter(account: "a", address: "2", now: at) == 10)
        at = at.adding(seconds: 10)
        try await throttle.recordFailure(account: "a", address: "1", now: at)
        #expect(try await throttle.retryAfter(account: "a", address: "2", now: at) == 20)
        // However many failures, the member waits at most the cap.
        for _ in 0..<30 { try await throttle.recordFailure(account: "a", address: "1", now: at) }
        #expect(
            try await throttle.retryAfter(account: "a", address: "2", now: at) == Int(LoginThrottle.maxAccountDelay))
        // Other accounts are untouched, and success clears the account.
        #expect(try await throttle.retryAfter(account: "b", address: "2", now: at) == nil)
        try await throttle.recordSuccess(account: "a")
        #expect(try await throttle.retryAfter(account: "a", address: "2", now: at) == nil)
    }

    @Test func oneAddressGuessingManyAccountsIsSlowedToo() async throws {
        let throttle = LoginThrottle(perAccount: 5, perAddress: 3, windowSeconds: 60)
        for index in 0..<3 { try await throttle.recordFailure(account: "guess\(index)", address: "9", now: Self.now) }
        #expect(try await throttle.retryAfter(account: "fresh", address: "9", now: Self.now) == 5)
        #expect(try await throttle.retryAfter(account: "fresh", address: "8", now: Self.now) == nil)
        // Failures leave the window.
        #expect(try await throttle.retryAfter(account: "fresh", address: "9", now: Self.now.adding(seconds: 61)) == nil)
    }

    @Test func passwordsNeedEightCharactersAndFitBcrypt() {
        #expect(throws: HelpDeskError.invalid("password", "must be at least 8 characters")) {
            try PasswordHasher.validate("short")
        }
        #expect(throws: HelpDeskError.self) { try PasswordHasher.validate(String(repeating: "é", count: 40)) }
        #expect(throws: Never.self) { try PasswordHasher.validate("correct horse") }
        for common in ["password", "12345678", "Password1", "qwertyuiop", "00000000", "aaaaaaaa"] {
            #expect(throws: HelpDeskError.self, "\(common)") { try PasswordHasher.validate(common) }
        }
        for control in ["x\u{0}yyyyyyyyyy", "tab\there-is", "line\nbreak-here"] {
            #expect(throws: HelpDeskError.invalid("password", "must not contain control characters")) {
                try PasswordHasher.validate(control)
            }
        }
    }

    @Test func verbsCheckThePlanAndTheRoleBeforeTheStore() async throws {
        let store = try Self.store()
        let desk = HelpDesk(store: store, configuration: ServiceConfiguration(bcryptCost: 4), clock: { Self.now })
        let team = try await desk.createTeam(name: "Hobby", plan: .hobby)
        let member = try await desk.createMember(
            teamID: team.id, email: "op@hobby.test", password: "correct horse", role: .operator, displayName: "Op")
        let caller = Caller(member: member, team: team)
        await #expect(throws: HelpDeskError.planRequired(.hobby)) {
            try await desk.listInbox(caller, InboxQuery(view: .all))
        }
        await #expect(throws: HelpDeskError.self) {
            try await desk.updateSettings(caller, TeamSettings(assignment: .manual))
        }
        #expect(try await desk.settings(caller).assignment == .balanced)
    }

    @Test func wrongCurrentPasswordsSlowThatAccountOnly() async throws {
        let desk = HelpDesk(
            store: try Self.store(), configuration: ServiceConfiguration(bcryptCost: 4), clock: { Self.now })
        let team = try await desk.createTeam(name: "Busy", plan: .pro)
        var callers: [Caller] = []
        for index in 0..<22 {
            let member = try await desk.createMember(
                teamID: team.id, email: "m\(index)@busy.test", password: "correct horse", role: .operator,
                displayName: "M\(index)")
            callers.append(Caller(member: member, team: team))
        }
        // One wrong guess each from 21 members: more than the per-address allowance of 20.
        for caller in callers.dropLast() {
            await #expect(throws: HelpDeskError.invalid("currentPassword", "is not your current password")) {
                try await desk.changePassword(caller, sessionToken: nil, current: "wrong guess", new: "a new secret")
            }
        }
        // The last member is not held back by the others' mistakes.
        try await desk.changePassword(callers[21], sessionToken: nil, current: "correct horse", new: "a new secret")
        // Their own account is slowed like a sign-in after its free attempts.
        for _ in 0..<5 {
            _ = try? await desk.changePassword(callers[0], sessionToken: nil, current: "wrong", new: "a new secret")
        }
        await #expect(throws: HelpDeskError.self) {
            try await desk.changePassword(callers[0], sessionToken: nil, current: "correct horse", new: "a new secret")
        }
    }

}
