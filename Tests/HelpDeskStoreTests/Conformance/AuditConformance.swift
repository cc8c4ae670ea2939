import Foundation
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

    /// A change and its entries commit together: the entries are in the log once the change
    /// returns, none is written when the change finds nothing to change or fails, and a change
    /// whose entry cannot be written is not made at all.
    @Test(arguments: StoreFactories.all)
    func aChangeAndItsEntriesCommitTogether(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            func log() async throws -> [AuditAction] {
                try await store.auditLog(teamID: acme.id, query: AuditQuery()).items.map(\.record.action)
            }
            let created = Self.record(acme, .tagCreated, at: 1, subject: "billing")
            let tag = TicketTag(
                teamID: acme.id, name: "billing", color: TicketTag.defaultColor, createdAt: .moment(1),
                updatedAt: .moment(1))
            try await store.createTag(tag, audit: AuditTrail(records: [created]))
            #expect(try await log() == [.tagCreated])

            // A change that fails on its own (the name is taken) writes no entry.
            await #expect(throws: HelpDeskError.self) {
                try await store.createTag(tag, audit: AuditTrail(records: [created]))
            }
            // Nothing to change: no entry.
            let deleted = Self.record(acme, .tagDeleted, at: 2, subject: "nope")
            #expect(
                try await store.deleteTag(teamID: acme.id, name: "nope", audit: AuditTrail(records: [deleted])) == false
            )
            #expect(
                try await store.updateTag(
                    teamID: acme.id, name: "nope", color: "#123456", now: .moment(2),
                    audit: AuditTrail { _ in [deleted] }) == nil)
            #expect(try await log() == [.tagCreated])

            // An entry that cannot be written (its team does not exist) takes the change with it.
            var orphan = Self.record(acme, .tagDeleted, at: 3, subject: "billing")
            orphan.teamID = "tm_missing"
            await #expect(throws: (any Error).self) {
                try await store.deleteTag(teamID: acme.id, name: "billing", audit: AuditTrail(records: [orphan]))
            }
            #expect(try await store.tags(teamID: acme.id).map(\.name) == ["billing"])
            let reply = CannedReply(
                id: Identifier.make("cr"), teamID: acme.id, title: "Refund", body: "Hi", createdAt: .moment(3),
                updatedAt: .moment(3))
            await #expect(throws: (any Error).self) {
                try await store.createCannedReply(reply, audit: AuditTrail(records: [orphan]))
            }
            #expect(try await store.cannedReplies(teamID: acme.id).isEmpty)
            #expect(try await log() == [.tagCreated])
        }
    }

    /// A trail that depends on the change is given what the store changed: the row as it was
    /// in the change's own transaction and as it is after, or the tag that putting a new name
    /// on a ticket created (and nothing when the name was the team's already).
    @Test(arguments: StoreFactories.all)
    func aTrailIsGivenWhatTheChangeChanged(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let ana = try await acme.member("Ana", role: .manager)
            let seen = Seen()
            let member = try #require(
                try await store.updateMember(
                    id: ana.id, teamID: acme.id, MemberChange(role: .operator), now: .moment(1),
                    audit: AuditTrail { change in
                        seen.add("\(change.before.role.rawValue)→\(change.after.role.rawValue)")
                        return [Self.record(acme, .memberRoleChanged, at: 1, subject: change.after.id)]
                    }))
            #expect(member.role == .operator)
            let ticket = try await acme.openTicket("Where is my parcel?", at: .moment(2))
            for name in ["vip", "vip-2"] {
                if name == "vip-2" {
                    try await store.createTag(
                        TicketTag(
                            teamID: acme.id, name: name, color: "#ff0000", createdAt: .moment(3), updatedAt: .moment(3))
                    )
                }
                _ = try await store.tagTicket(
                    teamID: acme.id, number: ticket.number, name: name, actor: ana.ref, now: .moment(4),
                    audit: AuditTrail { tag in
                        seen.add("created \(tag.name) \(tag.color)")
                        return [Self.record(acme, .tagCreated, at: 4, subject: tag.name)]
                    })
            }
            #expect(seen.all == ["manager→operator", "created vip \(TicketTag.defaultColor)"])
            let entries = try await store.auditLog(teamID: acme.id, query: AuditQuery()).items.map(\.record)
            #expect(entries.map(\.action) == [.tagCreated, .memberRoleChanged])
            #expect(entries.map(\.subject.id) == ["vip", ana.id])
        }
    }
}

/// What a trail was given, in order (the store calls it inside its transaction).
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
