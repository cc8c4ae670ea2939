import HelpDeskCore
import HelpDeskStore
import Testing

/// The audit log: entries kept as recorded, read newest first a page at a
/// time, filtered, and never across teams.
@Suite struct AuditConformance {
    static func record(
        _ team: TeamFixture, _ action: AuditAction, at second: Int, actor: AuditActor = .commandLine,
        subject: String = "x", before: AuditValue? = nil, after: AuditValue? = nil
    ) -> AuditRecord {
        AuditRecord(
            teamID: team.id, at: .moment(second), actor: actor, action: action,
            subject: AuditSubject(type: action.subjectType, id: subject, name: "Name of \(subject)"), before: before,
            after: after)
    }

    @Test(arguments: StoreFactories.all)
    func entriesReadBackNewestFirstByPagesAndFilters(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let other = try await TeamFixture.make(store, name: "Other")
            let ana = AuditActor(kind: .member, id: "mb_ana", name: "Ana")
            let first = try await store.recordAudit(
                Self.record(
                    acme, .settingsUpdated, at: 1, actor: ana,
                    before: .object(["assignment": .string("balanced")]),
                    after: .object(["assignment": .string("manual"), "apiKey": .secret("sk-1"), "port": .int(587)])))
            #expect(
                first.record.after
                    == .object([
                        "assignment": .string("manual"), "apiKey": .string("•••• (changed)"), "port": .int(587),
                    ]))
            var recorded = [first]
            for (second, action) in [(2, AuditAction.agentCreated), (3, .tagCreated), (4, .agentDeleted)] {
                recorded.append(try await store.recordAudit(Self.record(acme, action, at: second)))
            }
            try await store.recordAudit(Self.record(other, .agentCreated, at: 5))

            // Everything, newest first, exactly as recorded.
            let all = try await store.auditLog(teamID: acme.id, query: AuditQuery())
            #expect(all.items == recorded.reversed())
            #expect(all.nextBefore == nil)

            // Pages of two.
            let page1 = try await store.auditLog(teamID: acme.id, query: AuditQuery(limit: 2))
            #expect(page1.items.map(\.id) == [recorded[3].id, recorded[2].id])
            let page2 = try await store.auditLog(
                teamID: acme.id, query: AuditQuery(limit: 2, before: try #require(page1.nextBefore)))
            #expect(page2.items.map(\.id) == [recorded[1].id, recorded[0].id])
            #expect(page2.nextBefore == nil)

            // Filters.
            #expect(
                try await store.auditLog(teamID: acme.id, query: AuditQuery(subjectType: .agent)).items.map(\.id)
                    == [recorded[3].id, recorded[1].id])
            #expect(
                try await store.auditLog(teamID: acme.id, query: AuditQuery(action: .tagCreated)).items.map(\.id)
                    == [recorded[2].id])
            #expect(
                try await store.auditLog(teamID: acme.id, query: AuditQuery(actorID: "mb_ana")).items.map(\.id)
                    == [recorded[0].id])
            #expect(
                try await store.auditLog(teamID: acme.id, query: AuditQuery(since: .moment(2), until: .moment(4)))
                    .items.map(\.id) == [recorded[2].id, recorded[1].id])

            // The other team sees only its own.
            let theirs = try await store.auditLog(teamID: other.id, query: AuditQuery())
            #expect(theirs.items.map(\.record.teamID) == [other.id])
        }
    }
}
