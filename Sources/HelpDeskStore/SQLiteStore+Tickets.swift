import Foundation
import GRDB
import HelpDeskCore

// MARK: - Tickets

extension SQLiteStore {
    static let ticketSelect = ticketSelect(using: nil)

    /// The inbox row query; `index` pins the index whose order the caller relies on.
    static func ticketSelect(using index: String?) -> String {
        """
        SELECT t.id, t.team_id, t.number, t.conversation_id, t.status, t.priority, t.subject,
            t.requester_name, t.requester_email, t.requester_phone, t.requester_handle,
            t.assignee_id, m.display_name AS assignee_name, t.agent_id, a.name AS agent_name,
            t.channel, t.created_at, t.last_activity_at, t.resolved_at, t.waiting_since,
            (SELECT group_concat(tt.name, char(31)) FROM ticket_tags tt WHERE tt.ticket_id = t.id) AS tags,
            t.merged_into, t.sla_due_at, t.sla_version, t.sla_announced
        FROM tickets t\(index.map { " INDEXED BY \($0)" } ?? "")
        LEFT JOIN members m ON m.id = t.assignee_id
        LEFT JOIN agents a ON a.id = t.agent_id
        """
    }

    static func ticket(row: Row) throws -> Ticket {
        let assigneeID: String? = row[11]
        let agentID: String? = row[13]
        let resolvedAt: Int64? = row[18]
        // The names joined by U+001F, a control character no name holds (`TicketTag.validName`).
        let tags: String? = row[20]
        return Ticket(
            id: row[0], teamID: row[1], number: row[2], conversationID: row[3],
            status: try stored(row[4], column: "tickets.status"),
            priority: try stored(row[5], column: "tickets.priority"),
            subject: row[6],
            requester: Requester(name: row[7], email: row[8], phone: row[9], handle: row[10]),
            assignee: assigneeID.map { MemberRef(id: $0, displayName: row[12] ?? "") },
            agent: agentID.map { AgentRef(id: $0, name: row[14] ?? "") },
            channel: try stored(row[15], column: "tickets.channel"),
            createdAt: Timestamp(microseconds: row[16]), lastActivityAt: Timestamp(microseconds: row[17]),
            resolvedAt: resolvedAt.map(Timestamp.init(microseconds:)),
            tags: TicketTag.sorted(tags.map { $0.split(separator: "\u{1F}").map(String.init) } ?? []),
            mergedInto: row[21])
    }

    static func ticket(_ db: Database, teamID: String, number: Int) throws -> Ticket? {
        try Row.fetchOne(
            db, cachedSQL: "\(ticketSelect) WHERE t.team_id = ? AND t.number = ?", arguments: [teamID, number]
        ).map(Self.ticket(row:))
    }

    public func ticket(teamID: String, number: Int) async throws -> Ticket? {
        try await pool.read { db in try Self.ticket(db, teamID: teamID, number: number) }
    }

    public func createTicket(_ new: NewTicket, now: Timestamp) async throws -> Ticket {
        try await write { db in try Self.createTicket(db, new, now: now) }
    }

    static func createTicket(_ db: Database, _ new: NewTicket, now: Timestamp) throws -> Ticket {
        let conversationID: String
        if let existing = new.conversationID {
            guard
                try Bool.fetchOne(
                    db, cachedSQL: "SELECT 1 FROM conversations WHERE id = ? AND team_id = ?",
                    arguments: [existing, new.teamID]) ?? false
            else { throw HelpDeskError.notFound("no such conversation") }
            conversationID = existing
        } else {
            conversationID = Identifier.make("cv")
            try db.execute(
                cachedSQL: """
                    INSERT INTO conversations (id, team_id, agent_id, channel, requester_name, requester_email,
                        requester_phone, requester_handle, created_at, last_message_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    conversationID, new.teamID, new.agent?.id, new.channel.rawValue, new.requester.name,
                    new.requester.email, new.requester.phone, new.requester.handle, now.microseconds,
                    now.microseconds,
                ])
            if let body = new.body {
                _ = try insertMessage(
                    db,
                    NewMessage(
                        teamID: new.teamID, conversationID: conversationID,
                        author: MessageAuthor(kind: .customer, name: new.requester.name), channel: new.channel,
                        body: body), ticketID: nil, now: now)
            }
        }
        guard
            let number = try Int.fetchOne(
                db,
                cachedSQL:
                    "UPDATE teams SET next_ticket_number = next_ticket_number + 1 WHERE id = ? RETURNING next_ticket_number - 1",
                arguments: [new.teamID])
        else { throw HelpDeskError.notFound("no such team") }
        try db.execute(
            cachedSQL: """
                INSERT INTO tickets (team_id, number, conversation_id, status, status_rank, priority, subject,
                    requester_name, requester_email, requester_phone, requester_handle, agent_id, channel,
                    created_at, last_activity_at)
                VALUES (?, ?, ?, 'open', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.teamID, number, conversationID, new.priority.rawValue, new.subject, new.requester.name,
                new.requester.email, new.requester.phone, new.requester.handle, new.agent?.id,
                new.channel.rawValue, now.microseconds, now.microseconds,
            ])
        let ticketID = db.lastInsertedRowID
        try db.execute(
            cachedSQL: "INSERT INTO ticket_search (rowid, subject, requester) VALUES (?, ?, ?)",
            arguments: [ticketID, new.subject, requesterSearchText(new.requester)])
        try insertEvent(
            db, teamID: new.teamID, conversationID: conversationID, ticketID: ticketID,
            TicketEvent(kind: .created, actor: new.openedBy, detail: new.detail), now: now)
        try route(db, teamID: new.teamID, ticketID: ticketID, conversationID: conversationID, now: now)
        guard let ticket = try Self.ticket(db, teamID: new.teamID, number: number) else {
            throw HelpDeskError.notFound("ticket vanished")
        }
        return ticket
    }

    static func requesterSearchText(_ requester: Requester) -> String {
        [requester.name, requester.email, requester.phone, requester.handle].compactMap { $0 }.joined(separator: " ")
    }

    /// The team's assignment method, rotation cursor and every member as a routing candidate.
    static func routingState(_ db: Database, teamID: String) throws -> (
        method: AssignmentMethod, cursor: Int?, candidates: [AssignmentCandidate]
    ) {
        guard
            let team = try Row.fetchOne(
                db, cachedSQL: "SELECT assignment, rotation_cursor FROM teams WHERE id = ?", arguments: [teamID])
        else { throw HelpDeskError.notFound("no such team") }
        let method: AssignmentMethod = try stored(team["assignment"], column: "teams.assignment")
        let candidates = try Row.fetchAll(
            db,
            cachedSQL:
                "SELECT id, availability, open_tickets, last_assigned_at, rotation_position FROM members WHERE team_id = ? AND removed_at IS NULL",
            arguments: [teamID]
        ).map { row in
            AssignmentCandidate(
                memberID: row[0], availability: try stored(row[1], column: "members.availability"),
                unresolvedCount: row[2], lastAssignedAt: row[3], rotationPosition: row[4])
        }
        return (method, team["rotation_cursor"], candidates)
    }

    /// Routes a new ticket by the team's assignment method, in the creating
    /// transaction: the rotation cursor advances with the assignment or not at all.
    static func route(_ db: Database, teamID: String, ticketID: Int64, conversationID: String, now: Timestamp) throws {
        let state = try routingState(db, teamID: teamID)
        let plan = Assignment.route(state.method, candidates: state.candidates, rotationCursor: state.cursor)
        if let cursor = plan.decision.rotationCursor {
            try db.execute(cachedSQL: "UPDATE teams SET rotation_cursor = ? WHERE id = ?", arguments: [cursor, teamID])
        }
        if let event = plan.unassignedEvent {
            try insertEvent(db, teamID: teamID, conversationID: conversationID, ticketID: ticketID, event, now: now)
        }
        if let memberID = plan.decision.memberID {
            try assign(
                db, teamID: teamID, ticketID: ticketID, conversationID: conversationID, to: memberID,
                reason: plan.decision.reason, now: now)
        }
    }

    static func assign(
        _ db: Database, teamID: String, ticketID: Int64, conversationID: String, to memberID: String, reason: String,
        now: Timestamp
    ) throws {
        try db.execute(
            cachedSQL: "UPDATE tickets SET assignee_id = ?, last_activity_at = MAX(last_activity_at, ?) WHERE id = ?",
            arguments: [memberID, now.microseconds, ticketID])
        let name = try String.fetchOne(
            db, cachedSQL: "SELECT display_name FROM members WHERE id = ?", arguments: [memberID])
        try insertEvent(
            db, teamID: teamID, conversationID: conversationID, ticketID: ticketID,
            TicketEvent(kind: .assigned, to: name, detail: reason), now: now)
    }

    /// Offers the oldest waiting unassigned tickets to a member who just became
    /// available, in the transaction that made them available.
    static func backfill(_ db: Database, teamID: String, memberID: String, because cause: String, now: Timestamp) throws
    {
        let state = try routingState(db, teamID: teamID)
        guard state.method != .manual else { return }
        let waiting = try Row.fetchAll(
            db,
            cachedSQL: """
                SELECT id, conversation_id FROM tickets INDEXED BY tickets_unresolved_by_assignee
                WHERE team_id = ? AND assignee_id IS NULL AND status_rank < 2
                ORDER BY last_activity_at, id LIMIT ?
                """, arguments: [teamID, Backfill.cap]
        ).map { WaitingTicket(ticketID: $0[0], conversationID: $0[1]) }
        let plan = Backfill.plan(
            state.method, member: memberID, candidates: state.candidates, waiting: waiting, because: cause,
            now: now.microseconds)
        for ticket in plan.tickets {
            try assign(
                db, teamID: teamID, ticketID: ticket.ticketID, conversationID: ticket.conversationID, to: memberID,
                reason: plan.reason, now: now)
        }
        if let cursor = plan.rotationCursor {
            try db.execute(cachedSQL: "UPDATE teams SET rotation_cursor = ? WHERE id = ?", arguments: [cursor, teamID])
        }
    }

    public func updateTicket(teamID: String, number: Int, _ change: TicketUpdate, now: Timestamp) async throws
        -> Ticket
    {
        try await write { db in
            guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let result: (ticket: Ticket, events: [TicketEvent])
            let actor: MemberRef
            switch change {
            case .patch(_, _, _, _, let by): actor = by
            case .pickUp(let member): actor = member
            }
            switch change {
            case .patch(let status, let priority, let assigneeID, let subject, let actor):
                var patch = TicketPatch(status: status, priority: priority, subject: subject)
                switch assigneeID {
                case .none: break
                case .some(.none): patch.assignee = .unassign
                case .some(.some(let id)):
                    guard let member = try Self.member(db, id: id, teamID: teamID) else {
                        throw HelpDeskError.invalid("assigneeId", "no member with id \"\(id)\" in this team")
                    }
                    patch.assignee = .assign(member.ref)
                }
                result = try ticket.applying(patch, by: actor, at: now)
            case .pickUp(let member):
                try Self.requireMember(db, member, teamID: teamID)
                result = try ticket.pickedUp(by: member, at: now)
            }
            guard !result.events.isEmpty else { return ticket }
            try Self.save(db, result.ticket)
            for event in result.events {
                try Self.insertEvent(
                    db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id, event, now: now)
            }
            try self.keepTheChatAnswerable(db, before: ticket, after: result.ticket, by: actor, now: now)
            try Self.queueCSATAsk(db, before: ticket, after: result.ticket, now: now)
            // Resolving frees a slot: under balanced, the assignee is offered the oldest waiting tickets.
            if result.ticket.status == .resolved, ticket.status != .resolved,
                let (memberID, cause) = Backfill.cause(
                    resolving: ticket, into: result.ticket, method: try Self.routingState(db, teamID: teamID).method)
            {
                try Self.backfill(db, teamID: teamID, memberID: memberID, because: cause, now: now)
            }
            return result.ticket
        }
    }

    /// Applies `LiveChat.afterTicketChange`: resolving hands the chat back to
    /// the AI and tells the customer; assigning a held chat hands it to the assignee.
    func keepTheChatAnswerable(_ db: Database, before: Ticket, after: Ticket, by actor: MemberRef, now: Timestamp)
        throws
    {
        guard let conversation = try Self.conversation(db, id: after.conversationID, teamID: after.teamID) else {
            return
        }
        var agent: Agent?
        if let agentID = conversation.agentID { agent = try self.agent(db, id: agentID, teamID: after.teamID) }
        let handover = agent?.supportHandover ?? SupportHandover()
        let change = LiveChat.afterTicketChange(
            before: before, after: after, conversation: conversation, by: actor,
            resolvedMessage: handover.resolvedMessage)
        if let speaker = change.speaker { try Self.setSpeaker(db, conversationID: conversation.id, speaker) }
        if let event = change.event {
            try Self.insertEvent(
                db, teamID: after.teamID, conversationID: conversation.id, ticketID: after.id, event, now: now)
        }
        if let notice = change.notice {
            _ = try Self.insertOutgoing(
                db, conversation: conversation, author: MessageAuthor(kind: .system, name: agent?.name ?? "Support"),
                body: notice, ticket: after, now: now)
        }
    }

    /// Queues the rating question on the customer's channel when the change resolves the ticket
    /// (`CSAT.ask`), due after the team's delay: durable across restarts, sent once.
    static func queueCSATAsk(_ db: Database, before: Ticket, after: Ticket, now: Timestamp) throws {
        guard after.status == .resolved, before.status != .resolved,
            let conversation = try conversation(db, id: after.conversationID, teamID: after.teamID),
            let (message, notBefore) = CSAT.ask(
                resolving: before, into: after, conversation: conversation,
                chatAddress: try String.fetchOne(
                    db, cachedSQL: "SELECT external_id FROM conversations WHERE id = ?", arguments: [conversation.id]),
                settings: try settings(db, teamID: after.teamID).csat, now: now)
        else { return }
        try enqueue(db, teamID: after.teamID, message, entryID: nil, notBefore: notBefore, now: now)
    }

    /// Who may speak on a conversation from now on. Handing it to the AI also
    /// clears its count of unanswered questions, so the AI starts afresh.
    static func setSpeaker(_ db: Database, conversationID: String, _ speaker: Speaker) throws {
        switch speaker {
        case .ai:
            try db.execute(
                cachedSQL:
                    "UPDATE conversations SET speaker = 'ai', speaker_member_id = NULL, ai_misses = 0 WHERE id = ?",
                arguments: [conversationID])
        case .operator(let member):
            try db.execute(
                cachedSQL: "UPDATE conversations SET speaker = 'operator', speaker_member_id = ? WHERE id = ?",
                arguments: [member.id, conversationID])
        case .nobody:
            try db.execute(
                cachedSQL: "UPDATE conversations SET speaker = 'nobody', speaker_member_id = NULL WHERE id = ?",
                arguments: [conversationID])
        }
    }

    static func save(_ db: Database, _ ticket: Ticket) throws {
        try db.execute(
            cachedSQL: """
                UPDATE tickets SET status = ?, status_rank = ?, priority = ?, subject = ?, assignee_id = ?,
                    last_activity_at = ?, resolved_at = ?
                WHERE id = ?
                """,
            arguments: [
                ticket.status.rawValue, ticket.status.rank, ticket.priority.rawValue, ticket.subject,
                ticket.assignee?.id, ticket.lastActivityAt.microseconds, ticket.resolvedAt?.microseconds, ticket.id,
            ])
        try db.execute(
            cachedSQL: "UPDATE ticket_search SET subject = ? WHERE rowid = ?", arguments: [ticket.subject, ticket.id])
    }

    // MARK: Timeline

    static func insertEvent(
        _ db: Database, teamID: String, conversationID: String, ticketID: Int64, _ event: TicketEvent, now: Timestamp
    ) throws {
        try db.execute(
            cachedSQL: """
                INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_id, author_name, event,
                    from_value, to_value, detail)
                VALUES (?, ?, ?, 'event', ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                teamID, conversationID, ticketID, now.microseconds, event.actor?.id, event.actor?.displayName,
                event.kind.rawValue, event.from, event.to, event.detail,
            ])
        try queueWebhooks(db, teamID: teamID, ticketID: ticketID, event: event, now: now)
    }

    static func insertMessage(_ db: Database, _ message: NewMessage, ticketID: Int64?, now: Timestamp) throws
        -> TimelineEntry
    {
        try db.execute(
            cachedSQL: """
                INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_kind, author_id,
                    author_name, channel, body, delivery_state, delivery_error)
                VALUES (?, ?, ?, 'message', ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                message.teamID, message.conversationID, ticketID, now.microseconds, message.author.kind.rawValue,
                message.author.id, message.author.name, message.channel.rawValue, message.body,
                message.delivery?.state.rawValue, message.delivery?.error,
            ])
        let id = db.lastInsertedRowID
        try db.execute(
            cachedSQL: "INSERT INTO message_search (rowid, body, conversation_id) VALUES (?, ?, ?)",
            arguments: [id, message.body, message.conversationID])
        try db.execute(
            cachedSQL: "UPDATE conversations SET last_message_at = ? WHERE id = ?",
            arguments: [now.microseconds, message.conversationID])
        try queueWebhooks(db, teamID: message.teamID, type: .messageCreated, ticketID: ticketID, now: now) {
            ticket, eventID in
            try WebhookEventBody.message(
                eventID: eventID, teamID: message.teamID, entryID: id, conversationID: message.conversationID,
                author: message.author, channel: message.channel, body: message.body, ticket: ticket, at: now
            ).json()
        }
        return TimelineEntry(
            id: id, at: now,
            content: .message(
                author: message.author, channel: message.channel, body: message.body, delivery: message.delivery))
    }

    public func addMessage(_ message: NewMessage, now: Timestamp) async throws -> TimelineEntry {
        try await write { db in
            guard
                try Bool.fetchOne(
                    db, cachedSQL: "SELECT 1 FROM conversations WHERE id = ? AND team_id = ?",
                    arguments: [message.conversationID, message.teamID]) ?? false
            else { throw HelpDeskError.notFound("no such conversation") }
            let ticketID = try Int64.fetchOne(
                db, cachedSQL: "SELECT id FROM tickets WHERE conversation_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [message.conversationID])
            let entry = try Self.insertMessage(db, message, ticketID: ticketID, now: now)
            try db.execute(
                cachedSQL: "UPDATE tickets SET last_activity_at = ? WHERE conversation_id = ? AND status_rank < 2",
                arguments: [now.microseconds, message.conversationID])
            return entry
        }
    }

    public func addNote(
        teamID: String, number: Int, author: MemberRef, body: String, mentions: [String], attachmentIDs: [String],
        now: Timestamp
    ) async throws -> TimelineEntry {
        try await write { db in
            guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let files = try Self.sendableAttachments(
                db, attachmentIDs, teamID: teamID, by: .member(id: author.id), conversationID: ticket.conversationID,
                ticketID: ticket.id)
            try db.execute(
                cachedSQL: """
                    INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_kind, author_id,
                        author_name, body, detail)
                    VALUES (?, ?, ?, 'note', ?, 'operator', ?, ?, ?, ?)
                    """,
                arguments: [
                    teamID, ticket.conversationID, ticket.id, now.microseconds, author.id, author.displayName, body,
                    mentions.isEmpty ? nil : String(decoding: try JSONEncoder().encode(mentions), as: UTF8.self),
                ])
            let id = db.lastInsertedRowID
            try Self.attach(db, files, to: id)
            try db.execute(
                cachedSQL: "UPDATE tickets SET last_activity_at = ? WHERE id = ?",
                arguments: [max(now, ticket.lastActivityAt).microseconds, ticket.id])
            return TimelineEntry(
                id: id, at: now, content: .note(author: author, body: body, mentions: mentions), attachments: files)
        }
    }

    /// `tickets.requester_phone` with the separators people write removed, to compare with
    /// `Requester.phoneDigits`.
    static let phoneDigitsSQL = """
        replace(replace(replace(replace(replace(replace(replace(t.requester_phone, ' ', ''), '-', ''), '(', ''), \
        ')', ''), '.', ''), '+', ''), '/', '')
        """

    public func otherTickets(of ticket: Ticket, limit: Int) async throws -> [Ticket] {
        try await pool.read { db in
            var sql = """
                SELECT * FROM (\(Self.ticketSelect) WHERE t.team_id = ? AND t.conversation_id = ? AND t.id != ?
                """
            var arguments: StatementArguments = [ticket.teamID, ticket.conversationID, ticket.id]
            if let email = ticket.requester.email, !email.isEmpty {
                sql += """
                     UNION \(Self.ticketSelect(using: "tickets_by_requester_email"))
                    WHERE t.team_id = ? AND t.requester_email = ? COLLATE NOCASE AND t.requester_email != ''
                    AND t.id != ?
                    """
                _ = arguments.append(contentsOf: [ticket.teamID, email, ticket.id])
            }
            // By phone or handle only among the unresolved (the merge suggestions' candidates), a
            // range of the status index: numbers are written in many ways, so no index can hold them.
            if let phone = ticket.requester.phoneDigits {
                sql += """
                     UNION \(Self.ticketSelect(using: "tickets_by_status"))
                    WHERE t.team_id = ? AND t.status_rank < 2 AND t.id != ? AND \(Self.phoneDigitsSQL) = ?
                    """
                _ = arguments.append(contentsOf: [ticket.teamID, ticket.id, phone])
            }
            if (ticket.requester.email ?? "").isEmpty, let handle = ticket.requester.handle, !handle.isEmpty {
                sql += """
                     UNION \(Self.ticketSelect(using: "tickets_by_status"))
                    WHERE t.team_id = ? AND t.status_rank < 2 AND t.id != ? AND t.channel = ?
                    AND t.requester_handle = ? COLLATE NOCASE
                    """
                _ = arguments.append(contentsOf: [ticket.teamID, ticket.id, ticket.channel.rawValue, handle])
            }
            sql += ") ORDER BY last_activity_at DESC, id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.ticket(row:))
        }
    }

    public func timeline(teamID: String, number: Int, after: Int64?, limit: Int?) async throws -> [TimelineEntry] {
        try await pool.read { db in
            guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            if limit == 0 { return [] }
            let created = try Row.fetchOne(
                db,
                cachedSQL: """
                    SELECT \(Self.entryColumns()) FROM entries
                    WHERE conversation_id = ? AND ticket_id = ? AND kind = 'event' AND event = 'created'
                    ORDER BY id LIMIT 1
                    """, arguments: [ticket.conversationID, ticket.id]
            ).map(Self.entry(row:))
            let first = after == nil ? created.map { [$0] } ?? [] : []
            let rest = try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT \(Self.entryColumns())
                    FROM entries
                    WHERE conversation_id = ? AND (kind = 'message' OR ticket_id = ?) AND id > ? AND id IS NOT ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [
                    ticket.conversationID, ticket.id, after ?? 0, created?.id, limit.map { $0 - first.count } ?? -1,
                ]
            ).map(Self.entry(row:))
            let merged = try Self.mergedSources(db, target: ticket).map { source in
                let entries = try Row.fetchAll(
                    db,
                    cachedSQL: """
                        SELECT \(Self.entryColumns())
                        FROM entries
                        WHERE conversation_id = ? AND (kind = 'message' OR ticket_id = ?) AND id > ?
                        ORDER BY id LIMIT ?
                        """,
                    arguments: [source.conversationID, source.id, after ?? 0, limit.map { $0 - first.count } ?? -1]
                ).map(Self.entry(row:))
                return (number: source.number, entries: entries)
            }
            let joined = TimelineEntry.joined(rest, merged: merged, limit: limit.map { $0 - first.count })
            return try Self.withAttachments(db, first + joined)
        }
    }

    /// The columns `entry(row:)` reads, optionally qualified by a table alias.
    static func entryColumns(prefix: String = "") -> String {
        [
            "id", "kind", "at", "author_kind", "author_id", "author_name", "channel", "body", "event", "from_value",
            "to_value", "detail", "delivery_state", "delivery_error",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    static func entry(row: Row) throws -> TimelineEntry {
        let at = Timestamp(microseconds: row["at"])
        let authorID: String? = row["author_id"]
        let authorName: String = row["author_name"] ?? ""
        let content: TimelineEntry.Content
        switch row["kind"] as String {
        case "message":
            let state: String? = row["delivery_state"]
            content = .message(
                author: MessageAuthor(
                    kind: try stored(row["author_kind"], column: "entries.author_kind"), id: authorID, name: authorName),
                channel: try stored(row["channel"], column: "entries.channel"), body: row["body"] ?? "",
                delivery: try state.map {
                    Delivery(state: try stored($0, column: "entries.delivery_state"), error: row["delivery_error"])
                })
        case "note":
            // A note's detail holds the ids it @mentions, as a JSON array.
            let mentions = (row["detail"] as String?).flatMap {
                try? JSONDecoder().decode([String].self, from: Data($0.utf8))
            }
            content = .note(
                author: MemberRef(id: authorID ?? "", displayName: authorName), body: row["body"] ?? "",
                mentions: mentions ?? [])
        case "event":
            content = .event(
                TicketEvent(
                    kind: try stored(row["event"], column: "entries.event"),
                    actor: authorID.map { MemberRef(id: $0, displayName: authorName) },
                    from: row["from_value"], to: row["to_value"], detail: row["detail"]))
        case let other:
            throw UnknownStoredValue(column: "entries.kind", value: other)
        }
        return TimelineEntry(id: row["id"], at: at, content: content)
    }

    /// Refuses a member who is not in the team: a ticket is only ever held by its own team.
    static func requireMember(_ db: Database, _ member: MemberRef, teamID: String) throws {
        guard
            try Bool.fetchOne(
                db, cachedSQL: "SELECT 1 FROM members WHERE id = ? AND team_id = ? AND removed_at IS NULL",
                arguments: [member.id, teamID]) ?? false
        else { throw HelpDeskError.notFound("no member with id \(member.id) in this team") }
    }
}
