import Foundation
import HelpDeskCore
import HelpDeskStore
import Logging
import Metrics

/// The product's verbs. Routes, the CLI and (later) webhooks and the SMTP
/// listener call these and nothing else: each checks who may do it, validates,
/// and runs one store transaction. The store is internal to this module, so
/// nothing outside it can skip a check by reading or writing it directly.
public struct HelpDesk: Sendable {
    let store: any Store
    /// The clock every verb reads; tests pass a controllable one.
    public let clock: @Sendable () -> Timestamp
    let passwords: PasswordHasher
    let throttle: LoginThrottle
    let sessionLifetime: Double
    let brains: Brains
    let visitorTokens: VisitorTokens
    let anonymousLimits: AnonymousLimits
    let outbound: OutboundPolicy
    /// The largest file a member or visitor may upload, in bytes.
    public let maxAttachmentBytes: Int
    /// Names this help desk (this process) as the holder of leases: work that one instance at a time does.
    public let instanceID = UUID().uuidString
    let liveSockets = LiveSockets()

    public init(
        store: any Store, configuration: ServiceConfiguration, brains: Brains = .standard,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.store = store
        self.brains = brains
        self.visitorTokens = VisitorTokens(store: store)
        self.clock = clock
        self.passwords = PasswordHasher(cost: configuration.bcryptCost)
        self.throttle = LoginThrottle(
            perAccount: configuration.loginFailuresPerAccount, perAddress: configuration.loginFailuresPerAddress,
            windowSeconds: configuration.loginWindowSeconds, failures: store)
        self.sessionLifetime = configuration.sessionLifetimeSeconds
        self.anonymousLimits = configuration.anonymousLimits
        self.outbound = configuration.outbound
        self.maxAttachmentBytes = configuration.maxAttachmentBytes
    }

    // MARK: - Administration (the CLI)

    public func createTeam(name: String, plan: Plan) async throws -> Team {
        let name = try TextLimits.required(name, field: "name", max: TextLimits.name)
        return try await store.createTeam(name: name, plan: plan, now: clock())
    }

    /// Creates a member, recorded in the audit log as `member.invited` by `actor` (the command line unless a
    /// member invites them).
    public func createMember(
        teamID: String, email: String, password: String, role: Role, displayName: String,
        sendingEmail: String? = nil, signature: String? = nil, availability: Availability = .offline,
        invitedBy actor: AuditActor = .commandLine
    ) async throws -> Member {
        let email = try Self.validEmail(email, field: "email")
        try PasswordHasher.validate(password)
        let displayName = try TextLimits.required(displayName, field: "displayName", max: TextLimits.name)
        // An empty sending email is none: the sign-in email is used.
        let sendingEmail = try sendingEmail.flatMap {
            $0.isEmpty ? nil : try Self.validEmail($0, field: "sendingEmail")
        }
        let signature = try TextLimits.optional(signature, field: "signature", max: TextLimits.signature)
        let hash = await passwords.hash(password)
        let member = try await store.createMember(
            NewMember(
                teamID: teamID, email: email, passwordHash: hash, role: role, displayName: displayName,
                sendingEmail: sendingEmail ?? email, signature: signature, availability: availability), now: clock(),
            audit: AuditTrail { member in
                [
                    self.auditRecord(
                        teamID: teamID, actor: actor, .memberInvited, subject: .member(member), before: nil,
                        after: AuditSnapshot.member(member))
                ]
            })
        return member
    }

    /// Changes a team's plan (the instance administrator's command line), recorded as `plan.changed`.
    public func setPlan(teamID: String, plan: Plan) async throws -> Team {
        let audit = AuditTrail<(before: Team, after: Team)> { change in
            guard change.before.plan != change.after.plan else { return [] }
            return [
                self.auditRecord(
                    teamID: teamID, actor: .commandLine, .planChanged, subject: .team(change.after),
                    before: .object(["plan": .string(change.before.plan.rawValue)]),
                    after: .object(["plan": .string(change.after.plan.rawValue)]))
            ]
        }
        guard let team = try await store.setPlan(teamID: teamID, plan: plan, audit: audit) else {
            throw HelpDeskError.notFound("no team with id \(teamID)")
        }
        return team
    }

    // MARK: - Sign-in

    /// A successful sign-in: the bearer token (also the session cookie's value)
    /// and the CSRF token that cookie-authenticated writes must echo.
    public struct SignIn: Sendable {
        public var token: String
        public var csrfToken: String
        public var expiresAt: Timestamp
        public var caller: Caller
    }

    public func login(email: String, password: String, clientAddress: String) async throws -> SignIn {
        let account = email.trimmingWhitespace().lowercased()
        let now = clock()
        if let wait = try await throttle.retryAfter(account: account, address: clientAddress, now: now) {
            throw HelpDeskError.rateLimited(retryAfterSeconds: wait)
        }
        let found = try await store.credentials(email: account)
        // Verify against a fixed hash when the account is unknown, so timing does not reveal which emails exist.
        let verified = await passwords.verify(password, hash: found?.passwordHash ?? Self.decoyHash)
        guard let found, verified, let team = try await store.team(id: found.member.teamID) else {
            try await throttle.recordFailure(account: account, address: clientAddress, now: now)
            Self.count(.loginFailures)
            Logger(label: "helpdesk.auth").notice(
                "sign-in failed",
                metadata: [
                    "account": "\(account)", "address": "\(clientAddress)",
                    "reason": found == nil ? "unknown account" : "wrong password",
                ])
            throw HelpDeskError.unauthorized("email or password is wrong")
        }
        try await throttle.recordSuccess(account: account)
        let token = Tokens.random()
        let csrf = Tokens.random(bytes: 24)
        let expires = now.adding(seconds: sessionLifetime)
        try await store.createSession(
            Session(
                tokenHash: Tokens.hash(token), memberID: found.member.id, csrfToken: csrf, createdAt: now,
                expiresAt: expires))
        return SignIn(
            token: token, csrfToken: csrf, expiresAt: expires, caller: Caller(member: found.member, team: team))
    }

    private static let decoyHash = "$2b$10$abcdefghijklmnopqrstuu5P9Qz2Y0r0mJ7n8uC5JqZ5l0dWm3xKa"

    /// The session and caller behind a token, or nil when unknown or expired.
    public func authenticate(token: String) async throws -> (session: Session, caller: Caller)? {
        guard !token.isEmpty, token.count <= 200 else { return nil }
        return try await store.session(tokenHash: Tokens.hash(token), now: clock())
    }

    public func logout(token: String) async throws {
        try await store.deleteSession(tokenHash: Tokens.hash(token))
    }

    // MARK: - Members

    public func members(_ caller: Caller) async throws -> [MemberSummary] {
        try await store.members(teamID: caller.team.id)
    }

    public func addMember(
        _ caller: Caller, email: String, password: String, role: Role, displayName: String, sendingEmail: String?,
        signature: String?
    ) async throws -> Member {
        try caller.requireConfigure("add members")
        if role == .owner && caller.member.role != .owner {
            throw HelpDeskError.forbidden("only owners can add owners")
        }
        return try await createMember(
            teamID: caller.team.id, email: email, password: password, role: role, displayName: displayName,
            sendingEmail: sendingEmail, signature: signature, invitedBy: .member(caller.member))
    }

    /// Changes a member. Owners and managers change anyone (managers cannot make
    /// or unmake owners); everybody changes their own profile and availability.
    public func updateMember(_ caller: Caller, id: String, _ change: MemberChange) async throws -> Member {
        let change = try Self.validated(change)
        let isSelf = id == caller.member.id
        if !isSelf { try caller.requireConfigure("change other members") }
        guard let target = try await store.member(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no member with id \(id) in this team")
        }
        if let role = change.role, role != target.role {
            try caller.requireConfigure("change roles")
            if (role == .owner || target.role == .owner) && caller.member.role != .owner {
                throw HelpDeskError.forbidden("only owners can make or unmake owners")
            }
            if target.role == .owner {
                let owners = try await store.members(teamID: caller.team.id).filter { $0.member.role == .owner }
                if owners.count <= 1 {
                    throw HelpDeskError.conflict(
                        "\(target.displayName) is the team's only owner; make another owner first")
                }
            }
        }
        // A role is configuration whoever changes it; a profile is when someone else changes it (a member's
        // own profile and anyone's availability are theirs, not the team's configuration).
        let audit = AuditTrail<(before: Member, after: Member)> { change in
            let before = AuditSnapshot.member(change.before)
            let after = AuditSnapshot.member(change.after)
            let subject = AuditSubject.member(change.after)
            if change.after.role != change.before.role {
                return [self.auditRecord(caller, .memberRoleChanged, subject: subject, before: before, after: after)]
            }
            guard !isSelf, before != after else { return [] }
            return [self.auditRecord(caller, .memberUpdated, subject: subject, before: before, after: after)]
        }
        guard
            let member = try await store.updateMember(
                id: id, teamID: caller.team.id, change, now: clock(), audit: audit)
        else { throw HelpDeskError.notFound("no member with id \(id) in this team") }
        return member
    }

    static func validated(_ change: MemberChange) throws(HelpDeskError) -> MemberChange {
        var change = change
        if let name = change.displayName {
            change.displayName = try TextLimits.required(name, field: "displayName", max: TextLimits.name)
        }
        if case .some(.some(let email)) = change.sendingEmail {
            // An empty one clears it, as null does, like an emptied signature.
            change.sendingEmail = .some(email.isEmpty ? nil : try validEmail(email, field: "sendingEmail"))
        }
        if case .some(let signature) = change.signature {
            change.signature = .some(try TextLimits.optional(signature, field: "signature", max: TextLimits.signature))
        }
        return change
    }

    /// A deliberately plain check: one @, a dot in the domain, no spaces.
    static func validEmail(_ text: String, field: String) throws(HelpDeskError) -> String {
        let email = text.trimmingWhitespace()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
        else { throw .invalid(field, "must be an email address such as ana@example.com") }
        return email
    }

    // MARK: - Settings

    public func settings(_ caller: Caller) async throws -> TeamSettings {
        try await store.settings(teamID: caller.team.id)
    }

    /// Replaces the team's settings, calendar and SLA policy included.
    public func updateSettings(_ caller: Caller, _ settings: TeamSettings) async throws -> TeamSettings {
        try await updateSettings(
            caller,
            SettingsChange(
                hours: .calendar(settings.calendar), sla: settings.sla,
                emailNotifications: settings.emailNotifications, assignment: settings.assignment,
                supportInboxEnabled: settings.supportInboxEnabled, supportInboxAddress: settings.supportInboxAddress,
                csat: settings.csat))
    }

    /// Replaces the team's settings as `change` gives them: the opening hours
    /// as a calendar or in the older single-range form (each validated under its
    /// own name), and the SLA policy unless it is left out.
    public func updateSettings(_ caller: Caller, _ change: SettingsChange) async throws -> TeamSettings {
        try caller.requireConfigure("change settings")
        var errors: [FieldError]
        let calendar: BusinessCalendar
        switch change.hours {
        case .calendar(let given):
            errors = given.validationErrors()
            calendar = given
        case .businessHours(let hours):
            errors = hours.validationErrors()
            calendar = .from(hours)
        }
        if let sla = change.sla { errors += sla.validationErrors() }
        if let csat = change.csat { errors += csat.validationErrors() }
        var settings = TeamSettings(
            calendar: calendar, sla: change.sla ?? .standard, emailNotifications: change.emailNotifications,
            assignment: change.assignment, supportInboxEnabled: change.supportInboxEnabled,
            supportInboxAddress: change.supportInboxAddress)
        if let address = settings.supportInboxAddress, !address.isEmpty {
            do {
                settings.supportInboxAddress = try Self.validEmail(address, field: "supportInbox.address")
            } catch { errors.append(FieldError(field: "supportInbox.address", message: error.description)) }
        } else {
            settings.supportInboxAddress = nil
            if settings.supportInboxEnabled {
                errors.append(
                    FieldError(field: "supportInbox.address", message: "is required when the support inbox is enabled"))
            }
        }
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        let previous = try await store.settings(teamID: caller.team.id)
        if change.sla == nil { settings.sla = previous.sla }
        settings.csat = change.csat ?? previous.csat
        let audit = AuditTrail<(before: TeamSettings, after: TeamSettings)> { change in
            let before = AuditSnapshot.settings(change.before)
            let after = AuditSnapshot.settings(change.after)
            guard before != after else { return [] }
            return [
                self.auditRecord(
                    caller, .settingsUpdated, subject: .settings(caller.team), before: before, after: after)
            ]
        }
        return try await store.updateSettings(teamID: caller.team.id, settings, audit: audit)
    }

    // MARK: - Tickets

    /// Opens a ticket by hand: a new conversation with the customer's words as
    /// its first message, routed like any other ticket.
    public func openTicket(
        _ caller: Caller, subject: String, requester: Requester, priority: Priority?, channel: Channel?, body: String?
    ) async throws -> Ticket {
        try caller.requireHelpDesk()
        var errors: [FieldError] = []
        func collect<T>(_ work: () throws(HelpDeskError) -> T) -> T? {
            do { return try work() } catch {
                if case .invalid(let fieldErrors) = error { errors += fieldErrors }
                return nil
            }
        }
        let subject = collect { () throws(HelpDeskError) in
            try TextLimits.required(subject, field: "subject", max: TextLimits.subject)
        }
        let name = collect { () throws(HelpDeskError) in
            try TextLimits.required(requester.name, field: "requester.name", max: TextLimits.name)
        }
        let email = collect { () throws(HelpDeskError) -> String? in
            guard let email = requester.email, !email.isEmpty else { return nil }
            return try Self.validEmail(email, field: "requester.email")
        }
        let phone = collect { () throws(HelpDeskError) in
            try TextLimits.optional(requester.phone, field: "requester.phone", max: 50)
        }
        let body = collect { () throws(HelpDeskError) in
            try TextLimits.optional(body, field: "body", max: TextLimits.messageBody)
        }
        guard errors.isEmpty, let subject, let name else { throw HelpDeskError.invalid(errors) }
        let ticket = try await store.createTicket(
            NewTicket(
                teamID: caller.team.id, subject: subject,
                requester: Requester(name: name, email: email ?? nil, phone: phone ?? nil, handle: requester.handle),
                priority: priority ?? .normal, channel: channel ?? .email, body: body ?? nil,
                openedBy: caller.member.ref), now: clock())
        Self.count(.ticketsCreated)
        return ticket
    }

    public func ticket(_ caller: Caller, number: Int) async throws -> Ticket {
        try caller.requireHelpDesk()
        guard let ticket = try await store.ticket(teamID: caller.team.id, number: number) else {
            throw HelpDeskError.notFound("no ticket \(number) in this team")
        }
        return ticket
    }

    public func updateTicket(
        _ caller: Caller, number: Int, status: TicketStatus?, priority: Priority?, assigneeID: String??,
        subject: String?
    ) async throws -> Ticket {
        try caller.requireHelpDesk()
        if status == nil && priority == nil && assigneeID == nil && subject == nil {
            throw HelpDeskError.badRequest(
                "nothing to change: send at least one of status, priority, assigneeId, subject")
        }
        return try await store.updateTicket(
            teamID: caller.team.id, number: number,
            .patch(
                status: status, priority: priority, assigneeID: assigneeID, subject: subject, actor: caller.member.ref),
            now: clock())
    }

    public func resolve(_ caller: Caller, number: Int) async throws -> Ticket {
        try await updateTicket(caller, number: number, status: .resolved, priority: nil, assigneeID: nil, subject: nil)
    }

    public func reopen(_ caller: Caller, number: Int) async throws -> Ticket {
        try await updateTicket(caller, number: number, status: .open, priority: nil, assigneeID: nil, subject: nil)
    }

    public func pickUp(_ caller: Caller, number: Int) async throws -> Ticket {
        try caller.requireHelpDesk()
        return try await store.updateTicket(
            teamID: caller.team.id, number: number, .pickUp(caller.member.ref), now: clock())
    }

    /// A page of the inbox. Search text that is a ticket number (`10127`,
    /// `#10127`) finds that ticket, whatever the view and filters; a number no
    /// ticket has is searched for as text.
    public func listInbox(_ caller: Caller, _ query: InboxQuery) async throws -> InboxPage {
        try caller.requireHelpDesk()
        if let number = query.ticketNumber, let ticket = try await store.ticket(teamID: caller.team.id, number: number)
        {
            return try await withSLA(
                teamID: caller.team.id, InboxPage(items: query.cursor == nil ? [ticket] : [], nextCursor: nil))
        }
        var query = query
        if query.readsSLA {
            // Sorted or filtered by the tracked clocks: computed again first where anything moved them.
            try await refreshSLA(teamID: caller.team.id)
            query.slaNow = clock()
        }
        return try await withSLA(
            teamID: caller.team.id,
            try await store.inbox(teamID: caller.team.id, callerID: caller.member.id, query: query))
    }

    /// A ticket's SLA clocks at this moment; nil when the team has no SLA targets.
    public func slaStatus(_ caller: Caller, of ticket: Ticket) async throws -> SLAStatus? {
        try caller.requireHelpDesk()
        guard ticket.teamID == caller.team.id else {
            throw HelpDeskError.notFound("no ticket \(ticket.number) in this team")
        }
        return try await withSLA(teamID: caller.team.id, InboxPage(items: [ticket], nextCursor: nil)).sla[ticket.id]
    }

    /// The page with its rows' SLA clocks at this moment, when the team has SLA targets.
    func withSLA(teamID: String, _ page: InboxPage) async throws -> InboxPage {
        guard !page.items.isEmpty else { return page }
        let settings = try await store.settings(teamID: teamID)
        guard !settings.sla.targets.isEmpty else { return page }
        let facts = try await store.slaFacts(teamID: teamID, tickets: page.items)
        let now = clock()
        var page = page
        for ticket in page.items {
            page.sla[ticket.id] = SLAClock.status(
                of: ticket, facts: facts[ticket.id] ?? SLAFacts(), policy: settings.sla, calendar: settings.calendar,
                now: now)
        }
        return page
    }

    /// Counts for the inbox tabs; each stops at 10,000 (shown as "10000+").
    public func ticketCounts(_ caller: Caller) async throws -> TicketCounts {
        try caller.requireHelpDesk()
        return try await store.ticketCounts(teamID: caller.team.id, memberID: caller.member.id, cap: 10_000)
    }

    /// The requester's other tickets (same conversation or same email), most recent first.
    public func otherTickets(_ caller: Caller, of ticket: Ticket, limit: Int = 10) async throws -> [Ticket] {
        try caller.requireHelpDesk()
        guard ticket.teamID == caller.team.id else {
            throw HelpDeskError.notFound("no ticket \(ticket.number) in this team")
        }
        return try await store.otherTickets(of: ticket, limit: limit)
    }

    /// A ticket's timeline, the `created` event first; see `Store.timeline`.
    public func timeline(_ caller: Caller, number: Int, after: Int64? = nil, limit: Int? = nil) async throws
        -> [TimelineEntry]
    {
        try caller.requireHelpDesk()
        return try await store.timeline(teamID: caller.team.id, number: number, after: after, limit: limit)
    }

    /// Adds an internal note, with the caller's files uploaded on this ticket
    /// (`attachmentIDs`); a note with files may have no text.
    public func addNote(_ caller: Caller, number: Int, body: String, attachmentIDs: [String] = []) async throws
        -> TimelineEntry
    {
        try caller.requireHelpDesk()
        let body = try Self.messageBody(body, attachmentIDs: attachmentIDs)
        let members = try await store.members(teamID: caller.team.id).map(\.member.ref)
        return try await store.addNote(
            teamID: caller.team.id, number: number, author: caller.member.ref, body: body,
            mentions: Mentions.members(in: body, among: members), attachmentIDs: attachmentIDs, now: clock())
    }

    /// A message's or note's text, trimmed: required unless it carries files.
    static func messageBody(_ body: String, attachmentIDs: [String]) throws(HelpDeskError) -> String {
        try AttachmentPolicy.checkList(attachmentIDs)
        if attachmentIDs.isEmpty { return try TextLimits.required(body, field: "body", max: TextLimits.messageBody) }
        return try TextLimits.optional(body, field: "body", max: TextLimits.messageBody) ?? ""
    }
}

extension HelpDesk {
    /// The service's counters, by their exported names.
    enum CounterName: String {
        case ticketsCreated = "helpdesk_tickets_created_total"
        case loginFailures = "helpdesk_login_failures_total"
    }

    /// Counts one event. The counter is looked up at each use, not kept from
    /// `init`: a help desk made before the metrics system starts would otherwise
    /// keep a counter that reports nowhere.
    static func count(_ name: CounterName) {
        Counter(label: name.rawValue).increment()
    }
}
