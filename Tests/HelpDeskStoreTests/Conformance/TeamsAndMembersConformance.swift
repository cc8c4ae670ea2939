import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Teams, settings, members, sessions, agents, channels and secrets: the
/// records around tickets, as every store keeps them.
@Suite struct TeamsAndMembersConformance {
    @Test(arguments: StoreFactories.all)
    func teamsPlansAndSettingsRoundTrip(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let team = try await store.createTeam(name: "Acme", plan: .hobby, now: .moment(0))
            #expect(try await store.team(id: team.id) == team)
            #expect(try await store.team(id: "tm_nobody") == nil)
            #expect(try await store.setPlan(teamID: team.id, plan: .scale)?.plan == .scale)
            #expect(try await store.team(id: team.id)?.plan == .scale)
            #expect(try await store.setPlan(teamID: "tm_nobody", plan: .pro) == nil)

            #expect(try await store.settings(teamID: team.id) == TeamSettings())
            let changed = TeamSettings(
                businessHours: BusinessHours(
                    enabled: true, start: ClockTime(hour: 8, minute: 30)!, end: ClockTime(hour: 18, minute: 0)!,
                    timeZone: "America/New_York"),
                emailNotifications: true, assignment: .roundRobin, supportInboxEnabled: true,
                supportInboxAddress: "support@acme.test")
            #expect(try await store.updateSettings(teamID: team.id, changed) == changed)
            #expect(try await store.settings(teamID: team.id) == changed)
            let missing = await helpDeskError { try await store.settings(teamID: "tm_nobody") }
            #expect(missing?.isNotFound == true, "\(String(describing: missing))")
        }
    }

    @Test(arguments: StoreFactories.all)
    func calendarAndSLASettingsRoundTripPerTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let other = try await TeamFixture.make(store, name: "Other")
            // A new team is always open in UTC, with no SLA targets.
            #expect(try await store.settings(teamID: acme.id).calendar == .standard)
            #expect(try await store.settings(teamID: acme.id).sla == .standard)

            var weekly = WeeklyHours([OpeningRange("09:00", "17:00")!], on: [.mon, .tue, .wed, .thu, .fri])
            weekly[.fri] = [OpeningRange("09:00", "12:00")!, OpeningRange("22:00", "06:00")!]
            weekly[.sun] = [OpeningRange("00:00", "24:00")!]
            var settings = try await store.settings(teamID: acme.id)
            settings.calendar = BusinessCalendar(
                timeZone: "Europe/Berlin", weekly: weekly,
                holidays: [
                    Holiday(date: LocalDate("2026-12-25")!, name: "Christmas", autoReply: "Closed today."),
                    Holiday(date: LocalDate("2026-12-24")!, name: "Christmas Eve"),
                ])
            settings.sla = SLAPolicy(
                warningMinutes: 10,
                targets: [
                    .urgent: SLATarget(firstResponseMinutes: 15, resolutionMinutes: 120),
                    .low: SLATarget(resolutionMinutes: 4_800),
                ])
            #expect(try await store.updateSettings(teamID: acme.id, settings) == settings)
            #expect(try await store.settings(teamID: acme.id) == settings)
            #expect(try await store.settings(teamID: other.id) == TeamSettings())

            // The older single range still round-trips, as the calendar it describes.
            var hours = settings
            hours.businessHours = BusinessHours(
                enabled: true, start: ClockTime(hour: 8, minute: 0)!, end: ClockTime(hour: 16, minute: 0)!,
                timeZone: "Asia/Tokyo")
            #expect(try await store.updateSettings(teamID: acme.id, hours).calendar == .from(hours.businessHours))
            #expect(try await store.settings(teamID: acme.id).businessHours == hours.businessHours)
            #expect(try await store.settings(teamID: acme.id).sla == settings.sla)
        }
    }

    @Test(arguments: StoreFactories.all)
    func copilotSettingsRoundTripPerTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let other = try await TeamFixture.make(store, name: "Other")
            #expect(try await store.copilotSettings(teamID: acme.id) == CopilotSettings())
            let llm = CopilotSettings(
                mode: .llm, baseURL: "https://llm.example/v1", model: "qwen2.5:7b", apiKey: "sk-acme",
                timeoutSeconds: 45)
            try await store.saveCopilotSettings(teamID: acme.id, llm)
            #expect(try await store.copilotSettings(teamID: acme.id) == llm)
            #expect(try await store.copilotSettings(teamID: other.id) == CopilotSettings())
            let back = CopilotSettings(mode: .builtin, baseURL: "https://llm.example/v1", model: "qwen2.5:7b")
            try await store.saveCopilotSettings(teamID: acme.id, back)
            #expect(try await store.copilotSettings(teamID: acme.id) == back)
            let missing = await helpDeskError { try await store.copilotSettings(teamID: "tm_nobody") }
            #expect(missing?.isNotFound == true)
            let unsaved = await helpDeskError { try await store.saveCopilotSettings(teamID: "tm_nobody", llm) }
            #expect(unsaved?.isNotFound == true)
        }
    }

    @Test(arguments: StoreFactories.all)
    func membersHaveUniqueEmailsAndProfilesThatChange(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let other = try await TeamFixture.make(store, name: "Other")
            let ann = try await store.createMember(
                NewMember(
                    teamID: acme.id, email: "Ann@Acme.test", passwordHash: "hash-1", role: .manager, displayName: "Ann",
                    sendingEmail: "support@acme.test", signature: "Ann, Acme support", availability: .busy),
                now: .moment(1))
            #expect(ann.email == "ann@acme.test")
            #expect(try await store.member(id: ann.id, teamID: acme.id) == ann)
            let found = try #require(try await store.credentials(email: "ANN@acme.TEST"))
            #expect(found.member == ann && found.passwordHash == "hash-1")
            #expect(try await store.credentials(email: "nobody@acme.test") == nil)

            // An email is taken in every team, whatever its case.
            let taken = await helpDeskError {
                try await store.createMember(
                    NewMember(
                        teamID: other.id, email: "ann@ACME.test", passwordHash: "x", role: .owner,
                        displayName: "Imposter"),
                    now: .moment(2))
            }
            #expect(taken?.conflictMessage != nil, "\(String(describing: taken))")
            #expect(try await store.members(teamID: other.id).isEmpty)

            let updated = try #require(
                try await store.updateMember(
                    id: ann.id, teamID: acme.id,
                    MemberChange(
                        role: .operator, displayName: "Ann B.", sendingEmail: .some(nil), availability: .online),
                    now: .moment(3)))
            #expect(updated.role == .operator && updated.displayName == "Ann B." && updated.availability == .online)
            #expect(updated.sendingEmail == nil, "`.some(nil)` clears")
            #expect(updated.signature == "Ann, Acme support", "nil leaves it as it was")
            #expect(try await store.member(id: ann.id, teamID: acme.id) == updated)
            #expect(
                try await store.updateMember(id: "mb_nobody", teamID: acme.id, MemberChange(), now: .moment(4)) == nil)
            #expect(try await store.members(teamID: acme.id) == [MemberSummary(member: updated, openTickets: 0)])
        }
    }

    @Test(arguments: StoreFactories.all)
    func sessionsAnswerUntilTheyExpireOrAreDeleted(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ann = try await acme.member("Ann", .online)
            let session = Session(
                tokenHash: "hash-of-token", memberID: ann.id, csrfToken: "csrf", createdAt: .moment(0),
                expiresAt: .moment(3_600))
            try await store.createSession(session)
            let found = try #require(try await store.session(tokenHash: "hash-of-token", now: .moment(10)))
            #expect(found.session == session)
            #expect(found.caller.member == ann && found.caller.team == acme.team)
            #expect(try await store.session(tokenHash: "hash-of-token", now: .moment(3_600)) == nil, "expired")
            #expect(try await store.session(tokenHash: "another", now: .moment(10)) == nil)
            try await store.deleteSession(tokenHash: "hash-of-token")
            #expect(try await store.session(tokenHash: "hash-of-token", now: .moment(10)) == nil)
        }
    }

    @Test(arguments: StoreFactories.all)
    func agentsAndChannelsRoundTripAndDeletedAgentsKeepTheirNameOnTickets(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            var agent = try await acme.agent("Helper")
            #expect(try await store.agent(id: agent.id, teamID: acme.id) == agent)
            agent.name = "Helper 2"
            agent.faq = [FAQEntry(question: "Delivery?", answer: "5 days.")]
            agent.brain = .llm(baseURL: "http://localhost:11434/v1", model: "small", apiKey: "secret")
            agent.updatedAt = .moment(5)
            try await store.saveAgent(agent)
            #expect(try await store.agents(teamID: acme.id) == [agent])

            let channel = try await acme.webChannel(for: agent)
            #expect(try await store.channel(id: channel.id) == channel, "found by id alone, for the widget")
            #expect(try await store.channels(teamID: acme.id) == [channel])
            #expect(try await store.deleteChannel(id: channel.id, teamID: acme.id, now: .moment(6)))
            #expect(try await store.channel(id: channel.id) == nil)
            #expect(try await store.channels(teamID: acme.id).isEmpty)
            #expect(try await store.deleteChannel(id: channel.id, teamID: acme.id, now: .moment(7)) == false)

            let ticket = try await acme.openTicket("From the helper", at: .moment(8), agent: agent)
            #expect(try await store.deleteAgent(id: agent.id, teamID: acme.id, now: .moment(9)))
            #expect(try await store.agents(teamID: acme.id).isEmpty)
            #expect(try await store.agent(id: agent.id, teamID: acme.id) == nil)
            #expect(try await acme.ticket(ticket.number).agent == agent.ref)
            #expect(try await store.deleteAgent(id: agent.id, teamID: acme.id, now: .moment(10)) == false)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aSecretIsCreatedOnceAndKept(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let first = try await store.secret(named: "visitor-tokens")
            #expect(first.count == 32)
            #expect(try await store.secret(named: "visitor-tokens") == first)
            #expect(try await store.secret(named: "another") != first)
            try await store.ping()
        }
    }
}
