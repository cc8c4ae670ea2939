import HelpDeskCore
import HelpDeskStore

/// A member's own account: the password and where they are signed in; and an
/// owner's or manager's removal of a member.
extension HelpDesk {
    /// Changes the caller's password after checking the current one; every other
    /// session of theirs ends, the one making the change (`sessionToken`) stays.
    public func changePassword(_ caller: Caller, sessionToken: String?, current: String, new: String) async throws {
        let now = clock()
        let account = caller.member.email
        // Wrong current passwords count against the account as failed sign-ins do: both guess the same secret.
        if let wait = try await throttle.retryAfter(account: account, address: nil, now: now) {
            throw HelpDeskError.rateLimited(retryAfterSeconds: wait)
        }
        let stored = try await store.credentials(email: account)
        guard let stored, await passwords.verify(current, hash: stored.passwordHash) else {
            try await throttle.recordFailure(account: account, address: nil, now: now)
            throw HelpDeskError.invalid("currentPassword", "is not your current password")
        }
        try PasswordHasher.validate(new, field: "newPassword")
        guard new != current else {
            throw HelpDeskError.invalid("newPassword", "must differ from the current password")
        }
        let hash = await passwords.hash(new)
        // The audit entry says that it changed, never a value (not even a hash).
        try await store.setPassword(
            memberID: caller.member.id, teamID: caller.team.id, passwordHash: hash,
            keepingSession: sessionToken.map(Tokens.hash),
            audit: auditTrail(caller, .passwordChanged, subject: .member(caller.member), before: nil, after: nil))
    }

    /// Signs the caller out everywhere: every session of theirs ends, this one too.
    public func logoutEverywhere(_ caller: Caller) async throws {
        try await store.deleteSessions(memberID: caller.member.id)
    }

    /// Removes a member of the caller's team (owners and managers; only owners
    /// remove owners; nobody removes themself, so a team always keeps an owner).
    public func removeMember(_ caller: Caller, id: String) async throws {
        try caller.requireConfigure("remove members")
        guard let target = try await store.member(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no member with id \(id) in this team")
        }
        guard target.id != caller.member.id else {
            throw HelpDeskError.conflict("you cannot remove yourself; another owner or manager can")
        }
        if target.role == .owner && caller.member.role != .owner {
            throw HelpDeskError.forbidden("only owners can remove owners")
        }
        let audit = auditTrail(
            caller, .memberRemoved, subject: .member(target), before: AuditSnapshot.member(target), after: nil)
        guard try await store.removeMember(id: id, teamID: caller.team.id, now: clock(), audit: audit) else {
            throw HelpDeskError.notFound("no member with id \(id) in this team")
        }
    }
}
