import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Tickets

extension PostgresStore {
    static let ticketSelect = """
        SELECT t.id, t.team_id, t.number, t.conversation_id, t.status, t.priority, t.subject,
            t.requester_name, t.requester_email, t.requester_phone, t.requester_handle,
            t.assignee_id, m.display_name AS assignee_name, t.agent_id, a.name AS agent_name,
            t.channel, t.created_at, t.last_activity_at, t.resolved_at, t.waiting_since,
            ARRAY(SELECT tt.name FROM ticket_tags tt WHERE tt.ticket_id = t.id) AS tags, t.merged_into, t.sla_due_at, t.sla_version, t.sla_announced
        FROM tickets t
        LEFT JOIN members m ON m.id = t.assignee_id
        LEFT JOIN agents a ON a.id = t.agent_id
        """

    static func ticket(row: Row) throws -> Ticket {
        let assigneeID: String? = try row["assignee_id"]
        let agentID: String? = try row["agent_id"]
        let assigneeName: String? = try row["assignee_name"]
        let agentName: String? = try row["agent_name"]
        return Ticket(
            id: try row["id"], teamID: try row["team_id"], number: try row["number"],
            conversationID: try row["conversation_id"],
            status: try stored(try row["status"], column: "tickets.status"),
            priority: try stored(try row["priority"], column: "tickets.priority"),
            subject: try row["subject"],
            requester: Requester(
                name: try row["requester_name"], email: try row["requester_email"],
                phone: try row["requester_phone"], handle: try row["requester_handle"]),
            assignee: assigneeID.map { MemberRef(id: $0, displayName: assigneeName ?? "") },
            agent: agentID.map { AgentRef(id: $0, name: agentName ?? "") },
            channel: try stored(try row["channel"], column: "tickets.channel"),
            createdAt: try row.time("created_at"), lastActivityAt: try row.time("last_activity_at"),
            resolvedAt: try row.optionalTime("resolved_at"),
            tags: TicketTag.sorted(try row["tags"]),
            mergedInto: (try row["merged_into"] as Int64?).map { Int($0) })
    }

    static func ticket(_ db: PostgresTransaction, teamID: String, number: Int) async throws -> Ticket? {
        try await db.row("\(unescaped: ticketSelect) WHERE t.team_id = \(teamID) AND t.number = \(number)")
            .map(Self.ticket(row:))
    }

    public func ticket(teamID: String, number: Int) async throws -> Ticket? {
        try await read { db in try await Self.ticket(db, teamID: teamID, number: number) }
    }

    public func createTicket(_ new: NewTicket, now: Timestamp) async throws -> Ticket {
        try await write { db in
            try await db.lockTeam(new.teamID)
            return try await Self.createTicket(db, new, now: now)
        }
    }

    /// Creates a ticket inside a transaction that holds the team's lock (`lockTeam`).
    static func createTicket(_ db: PostgresTransaction, _ new: NewTicket, now: Timestamp) async throws -> Ticket {
        let conversationID: String
        if let existing = new.conversationID {
            guard
                try await db.row("SELECT 1 FROM conversations WHERE id = \(existing) AND team_id = \(new.teamID)")
                    != nil
            else { throw HelpDeskError.notFound("no such conversation") }
            conversationID = existing
        } else {
            conversationID = Identifier.make("cv")
            try await db.run(
                """
                INSERT INTO conversations (id, team_id, agent_id, channel, requester_name, requester_email,
                    requester_phone, requester_handle, created_at, last_message_at)
                VALUES (\(conversationID), \(new.teamID), \(new.agent?.id), \(new.channel.rawValue),
                    \(new.requester.name), \(new.requester.email), \(new.requester.phone), \(new.requester.handle),
                    \(now.microseconds), \(now.microseconds))
                """)
            if let body = new.body {
                _ = try await insertMessage(
                    db,
                    NewMessage(
                        teamID: new.teamID, conversationID: conversationID,
                        author: MessageAuthor(kind: .customer, name: new.requester.name), channel: new.channel,
                        body: body), ticketID: nil, now: now)
            }
        }
        guard
            let number = try await db.value(
                Int.self,
                """
                UPDATE teams SET next_ticket_number = next_ticket_number + 1 WHERE id = \(new.teamID)
                RETURNING next_ticket_number - 1
                """)
        else { throw HelpDeskError.notFound("no such team") }
        guard
            let ticketID = try await db.value(
                Int64.self,
                """
                INSERT INTO tickets (team_id, number, conversation_id, status, status_rank, priority, subject,
                    requester_name, requester_email, requester_phone, requester_handle, agent_id, channel,
                    created_at, last_activity_at, search)
                VALUES (\(new.teamID), \(number), \(conversationID), 'open', 0, \(new.priority.rawValue), \(new.subject),
                    \(new.requester.name), \(new.requester.email), \(new.requester.phone), \(new.requester.handle),
                    \(new.agent?.id), \(new.channel.rawValue), \(now.microseconds), \(now.microseconds),
                    setweight(array_to_tsvector(\(TextSearch.lexemes(new.subject))), 'A')
                    || setweight(array_to_tsvector(\(TextSearch.lexemes(TextSearch.requesterText(new.requester)))), 'B'))
                RETURNING id
                """)
        else { throw HelpDeskError.notFound("ticket vanished") }
        try await insertEvent(
            db, teamID: new.teamID, conversationID: conversationID, ticketID: ticketID,
            TicketEvent(kind: .created, actor: new.openedBy, detail: new.detail), now: now)
        try await route(db, teamID: new.teamID, ticketID: ticketID, conversationID: conversationID, now: now)
        guard let ticket = try await Self.ticket(db, teamID: new.teamID, number: number) else {
            throw HelpDeskError.notFound("ticket vanished")
        }
        return ticket
    }

    /// The team's assignment method, rotation cursor and every member as a routing candidate.
    static func routingState(_ db: PostgresTransaction, teamID: String) async throws -> (
        method: AssignmentMethod, cursor: Int?, candidates: [AssignmentCandidate]
    ) {
        guard let team = try await db.row("SELECT assignment, rotation_cursor FROM teams WHERE id = \(teamID)")
        else { throw HelpDeskError.notFound("no such team") }
        let method: AssignmentMethod = try stored(try team["assignment"], column: "teams.assignment")
        let candidates = try await db.rows(
            """
            SELECT id, availability, open_tickets, last_assigned_at, rotation_position FROM members
            WHERE team_id = \(teamID) AND removed_at IS NULL
            """
        ).map { row in
            AssignmentCandidate(
                memberID: try row["id"],
                availability: try stored(try row["availability"], column: "members.availability"),
                unresolvedCount: try row["open_tickets"], lastAssignedAt: try row["last_assigned_at"],
                rotationPosition: try row["rotation_position"])
        }
        return (method, try team["rotation_cursor"], candidates)
    }

    /// Routes a new ticket by the team's assignment method, in the creating
    /// transaction: the rotation cursor advances with the assignment or not at all.
    static func route(
        _ db: PostgresTransaction, teamID: String, ticketID: Int64, conversationID: String, now: Timestamp
    )
        async throws
    {
        let state = try await routingState(db, teamID: teamID)
        let plan = Assignment.route(state.method, candidates: state.candidates, rotationCursor: state.cursor)
        if let cursor = plan.decision.rotationCursor {
            try await db.run("UPDATE teams SET rotation_cursor = \(cursor) WHERE id = \(teamID)")
        }
        if let event = plan.unassignedEvent {
            try await insertEvent(
                db, teamID: teamID, conversationID: conversationID, ticketID: ticketID, event, now: now)
        }
        if let memberID = plan.decision.memberID {
            try await assign(
                db, teamID: teamID, ticketID: ticketID, conversationID: conversationID, to: memberID,
                reason: plan.decision.reason, now: now)
        }
    }

    static func assign(
        _ db: PostgresTransaction, teamID: String, ticketID: Int64, conversationID: String, to memberID: String,
        reason: String, now: Timestamp
    ) async throws {
        try await db.run(
            """
            UPDATE tickets SET assignee_id = \(memberID), last_activity_at = GREATEST(last_activity_at, \(now.microseconds))
            WHERE id = \(ticketID)
            """)
        let name = try await db.value(String.self, "SELECT display_name FROM members WHERE id = \(memberID)")
        try await insertEvent(
            db, teamID: teamID, conversationID: conversationID, ticketID: ticketID,
            TicketEvent(kind: .assigned, to: name, detail: reason), now: now)
    }

    /// Offers the oldest waiting unassigned tickets to a member who just became
    /// available, in the transaction that made them available.
    static func backfill(
        _ db: PostgresTransaction, teamID: String, memberID: String, because cause: String, now: Timestamp
    ) async throws {
        let state = try await routingState(db, teamID: teamID)
        guard state.method != .manual else { return }
        let waiting = try await db.rows(
            """
            SELECT id, conversation_id FROM tickets
            WHERE team_id = \(teamID) AND assignee_id IS NULL AND status_rank < 2
            ORDER BY last_activity_at, id LIMIT \(Backfill.cap)
            """
        ).map { WaitingTicket(ticketID: try $0["id"], conversationID: try $0["conversation_id"]) }
        let plan = Backfill.plan(
            state.method, member: memberID, candidates: state.candidates, waiting: waiting, because: cause,
            now: now.microseconds)
        for ticket in plan.tickets {
            try await assign(
                db, teamID: teamID, ticketID: ticket.ticketID, conversationID: ticket.conversationID, to: memberID,
                reason: plan.reason, now: now)
        }
        if let cursor = plan.rotationCursor {
            try await db.run("UPDATE teams SET rotation_cursor = \(cursor) WHERE id = \(teamID)")
        }
    }

    public func updateTicket(teamID: String, number: Int, _ change: TicketUpdate, now: Timestamp) async throws
        -> Ticket
    {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
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
                    guard let member = try await Self.member(db, id: id, teamID: teamID) else {
                        throw HelpDeskError.invalid("assigneeId", "no member with id \"\(id)\" in this team")
                    }
                    patch.assignee = .assign(member.ref)
                }
                result = try ticket.applying(patch, by: actor, at: now)
            case .pickUp(let member):
                try await Self.requireMember(db, member, teamID: teamID)
                result = try ticket.pickedUp(by: member, at: now)
            }
            guard !result.events.isEmpty else { return ticket }
            try await Self.save(db, result.ticket)
            for event in result.events {
                try await Self.insertEvent(
                    db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id, event, now: now)
            }
            try await self.keepTheChatAnswerable(db, before: ticket, after: result.ticket, by: actor, now: now)
            try await Self.queueCSATAsk(db, before: ticket, after: result.ticket, now: now)
            // Resolving frees a slot: under balanced, the assignee is offered the oldest waiting tickets.
            if result.ticket.status == .resolved, ticket.status != .resolved,
                let (memberID, cause) = Backfill.cause(
                    resolving: ticket, into: result.ticket,
                    method: try await Self.routingState(db, teamID: teamID).method)
            {
                try await Self.backfill(db, teamID: teamID, memberID: memberID, because: cause, now: now)
            }
            return result.ticket
        }
    }

    /// Applies `LiveChat.afterTicketChange`: resolving hands the chat back to
    /// the AI and tells the customer; assigning a held chat hands it to the assignee.
    func keepTheChatAnswerable(
        _ db: PostgresTransaction, before: Ticket, after: Ticket, by actor: MemberRef, now: Timestamp
    ) async throws {
        guard let conversation = try await Self.conversation(db, id: after.conversationID, teamID: after.teamID)
        else { return }
        var agent: Agent?
        if let agentID = conversation.agentID { agent = try await self.agent(db, id: agentID, teamID: after.teamID) }
        let handover = agent?.supportHandover ?? SupportHandover()
        let change = LiveChat.afterTicketChange(
            before: before, after: after, conversation: conversation, by: actor,
            resolvedMessage: handover.resolvedMessage)
        if let speaker = change.speaker { try await Self.setSpeaker(db, conversationID: conversation.id, speaker) }
        if let event = change.event {
            try await Self.insertEvent(
                db, teamID: after.teamID, conversationID: conversation.id, ticketID: after.id, event, now: now)
        }
        if let notice = change.notice {
            _ = try await Self.insertOutgoing(
                db, conversation: conversation, author: MessageAuthor(kind: .system, name: agent?.name ?? "Support"),
                body: notice, ticket: after, now: now)
        }
    }

    /// Queues the rating question on the customer's channel when the change resolves the ticket
    /// (`CSAT.ask`), due after the team's delay: durable across restarts, sent once.
    static func queueCSATAsk(_ db: PostgresTransaction, before: Ticket, after: Ticket, now: Timestamp) async throws {
        guard after.status == .resolved, before.status != .resolved,
            let conversation = try await conversation(db, id: after.conversationID, teamID: after.teamID)
        else { return }
        let settings = try await settings(db, teamID: after.teamID).csat
        let chatAddress = try await db.value(
            String.self, "SELECT external_id FROM conversations WHERE id = \(conversation.id)")
        guard
            let (message, notBefore) = CSAT.ask(
                resolving: before, into: after, conversation: conversation, chatAddress: chatAddress,
                settings: settings, now: now)
        else { return }
        try await enqueue(db, teamID: after.teamID, message, entryID: nil, notBefore: notBefore, now: now)
    }

    /// Who may speak on a conversation from now on. Handing it to the AI also
    /// clears its count of unanswered questions, so the AI starts afresh.
    static func setSpeaker(_ db: PostgresTransaction, conversationID: String, _ speaker: Speaker) async throws {
        switch speaker {
        case .ai:
            try await db.run(
                """
                UPDATE conversations SET speaker = 'ai', speaker_member_id = NULL, ai_misses = 0
                WHERE id = \(conversationID)
                """)
        case .operator(let member):
            try await db.run(
                """
                UPDATE conversations SET speaker = 'operator', speaker_member_id = \(member.id)
                WHERE id = \(conversationID)
                """)
        case .nobody:
            try await db.run(
                "UPDATE conversations SET speaker = 'nobody', speaker_member_id = NULL WHERE id = \(conversationID)")
        }
        db.topics.insert(.conversation(conversationID))
    }

    static func save(_ db: PostgresTransaction, _ ticket: Ticket) async throws {
        try await db.run(
            """
            UPDATE tickets SET status = \(ticket.status.rawValue), status_rank = \(ticket.status.rank),
                priority = \(ticket.priority.rawValue), subject = \(ticket.subject), assignee_id = \(ticket.assignee?.id),
                last_activity_at = \(ticket.lastActivityAt.microseconds), resolved_at = \(ticket.resolvedAt?.microseconds),
                search = setweight(array_to_tsvector(\(TextSearch.lexemes(ticket.subject))), 'A')
                    || setweight(array_to_tsvector(\(TextSearch.lexemes(TextSearch.requesterText(ticket.requester)))), 'B')
            WHERE id = \(ticket.id)
            """)
    }

    // MARK: Timeline

    static func insertEvent(
        _ db: PostgresTransaction, teamID: String, conversationID: String, ticketID: Int64, _ event: TicketEvent,
        now: Timestamp
    ) async throws {
        try await db.run(
            """
            INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_id, author_name, event,
                from_value, to_value, detail)
            VALUES (\(teamID), \(conversationID), \(ticketID), 'event', \(now.microseconds), \(event.actor?.id),
                \(event.actor?.displayName), \(event.kind.rawValue), \(event.from), \(event.to), \(event.detail))
            """)
        db.topics.insert(.team(teamID))
        db.topics.insert(.conversation(conversationID))
        try await queueWebhooks(db, teamID: teamID, ticketID: ticketID, event: event, now: now)
    }

    static func insertMessage(_ db: PostgresTransaction, _ message: NewMessage, ticketID: Int64?, now: Timestamp)
        async throws -> TimelineEntry
    {
        guard
            let id = try await db.value(
                Int64.self,
                """
                INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_kind, author_id,
                    author_name, channel, body, delivery_state, delivery_error, search)
                VALUES (\(message.teamID), \(message.conversationID), \(ticketID), 'message', \(now.microseconds),
                    \(message.author.kind.rawValue), \(message.author.id), \(message.author.name),
                    \(message.channel.rawValue), \(message.body), \(message.delivery?.state.rawValue),
                    \(message.delivery?.error), array_to_tsvector(\(TextSearch.lexemes(message.body))))
                RETURNING id
                """)
        else { throw HelpDeskError.notFound("message vanished") }
        try await db.run(
            "UPDATE conversations SET last_message_at = \(now.microseconds) WHERE id = \(message.conversationID)")
        db.topics.insert(.team(message.teamID))
        db.topics.insert(.conversation(message.conversationID))
        try await queueWebhooks(db, teamID: message.teamID, type: .messageCreated, ticketID: ticketID, now: now) {
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
                try await db.row(
                    "SELECT 1 FROM conversations WHERE id = \(message.conversationID) AND team_id = \(message.teamID)")
                    != nil
            else { throw HelpDeskError.notFound("no such conversation") }
            let ticketID = try await db.value(
                Int64.self,
                "SELECT id FROM tickets WHERE conversation_id = \(message.conversationID) ORDER BY id DESC LIMIT 1")
            let entry = try await Self.insertMessage(db, message, ticketID: ticketID, now: now)
            try await db.run(
                """
                UPDATE tickets SET last_activity_at = \(now.microseconds)
                WHERE conversation_id = \(message.conversationID) AND status_rank < 2
                """)
            return entry
        }
    }

    public func addNote(
        teamID: String, number: Int, author: MemberRef, body: String, mentions: [String], attachmentIDs: [String],
        now: Timestamp
    ) async throws -> TimelineEntry {
        try await write { db in
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let files = try await Self.sendableAttachments(
                db, attachmentIDs, teamID: teamID, by: .member(id: author.id), conversationID: ticket.conversationID,
                ticketID: ticket.id)
            let detail = mentions.isEmpty ? nil : String(decoding: try JSONEncoder().encode(mentions), as: UTF8.self)
            guard
                let id = try await db.value(
                    Int64.self,
                    """
                    INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_kind, author_id,
                        author_name, body, detail)
                    VALUES (\(teamID), \(ticket.conversationID), \(ticket.id), 'note', \(now.microseconds), 'operator',
                        \(author.id), \(author.displayName), \(body), \(detail))
                    RETURNING id
                    """)
            else { throw HelpDeskError.notFound("note vanished") }
            db.topics.insert(.team(teamID))
            db.topics.insert(.conversation(ticket.conversationID))
            try await Self.attach(db, files, to: id)
            try await db.run(
                """
                UPDATE tickets SET last_activity_at = \(max(now, ticket.lastActivityAt).microseconds)
                WHERE id = \(ticket.id)
                """)
            return TimelineEntry(
                id: id, at: now, content: .note(author: author, body: body, mentions: mentions), attachments: files)
        }
    }

    public func otherTickets(of ticket: Ticket, limit: Int) async throws -> [Ticket] {
        try await read { db in
            var sql = SQL()
            sql.text = """
                SELECT * FROM (\(Self.ticketSelect) WHERE t.team_id = \(sql.bind(ticket.teamID))
                    AND t.conversation_id = \(sql.bind(ticket.conversationID)) AND t.id <> \(sql.bind(ticket.id))
                """
            if let email = ticket.requester.email, !email.isEmpty {
                sql.text += """
                     UNION \(Self.ticketSelect)
                    WHERE t.team_id = \(sql.bind(ticket.teamID)) AND lower(t.requester_email) = lower(\(sql.bind(email)))
                    AND t.requester_email <> '' AND t.id <> \(sql.bind(ticket.id))
                    """
            }
            // By phone or handle only among the unresolved (the merge suggestions' candidates).
            if let phone = ticket.requester.phoneDigits {
                sql.text += """
                     UNION \(Self.ticketSelect)
                    WHERE t.team_id = \(sql.bind(ticket.teamID)) AND t.status_rank < 2 AND t.id <> \(sql.bind(ticket.id))
                    AND regexp_replace(t.requester_phone, '[^0-9]', '', 'g') = \(sql.bind(phone))
                    """
            }
            if (ticket.requester.email ?? "").isEmpty, let handle = ticket.requester.handle, !handle.isEmpty {
                sql.text += """
                     UNION \(Self.ticketSelect)
                    WHERE t.team_id = \(sql.bind(ticket.teamID)) AND t.status_rank < 2 AND t.id <> \(sql.bind(ticket.id))
                    AND t.channel = \(sql.bind(ticket.channel.rawValue)) AND lower(t.requester_handle) = lower(\(sql.bind(handle)))
                    """
            }
            sql.text += ") AS other ORDER BY last_activity_at DESC, id DESC LIMIT \(sql.bind(limit))"
            return try await db.rows(sql.query).map(Self.ticket(row:))
        }
    }

    public func timeline(teamID: String, number: Int, after: Int64?, limit: Int?) async throws -> [TimelineEntry] {
        try await read { db in
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            if limit == 0 { return [] }
            let created = try await db.row(
                """
                SELECT \(unescaped: Self.entryColumns()) FROM entries
                WHERE ticket_id = \(ticket.id) AND kind = 'event' AND event = 'created' ORDER BY id LIMIT 1
                """
            ).map(Self.entry(row:))
            let first = after == nil ? created.map { [$0] } ?? [] : []
            let rest = try await db.rows(
                """
                SELECT \(unescaped: Self.entryColumns()) FROM entries
                WHERE conversation_id = \(ticket.conversationID) AND (kind = 'message' OR ticket_id = \(ticket.id))
                    AND id > \(after ?? 0) AND id IS DISTINCT FROM \(created?.id)
                ORDER BY id LIMIT \(limit.map { $0 - first.count })
                """
            ).map(Self.entry(row:))
            var merged: [(number: Int, entries: [TimelineEntry])] = []
            for source in try await Self.mergedSources(db, target: ticket) {
                let entries = try await db.rows(
                    """
                    SELECT \(unescaped: Self.entryColumns()) FROM entries
                    WHERE conversation_id = \(source.conversationID)
                        AND (kind = 'message' OR ticket_id = \(source.id)) AND id > \(after ?? 0)
                    ORDER BY id LIMIT \(limit.map { $0 - first.count })
                    """
                ).map(Self.entry(row:))
                merged.append((number: source.number, entries: entries))
            }
            let joined = TimelineEntry.joined(rest, merged: merged, limit: limit.map { $0 - first.count })
            return try await Self.withAttachments(db, first + joined)
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
        let at = try row.time("at")
        let authorID: String? = try row["author_id"]
        let authorName: String = try row["author_name"] ?? ""
        let body: String = try row["body"] ?? ""
        let content: TimelineEntry.Content
        switch try row["kind"] as String {
        case "message":
            let state: String? = try row["delivery_state"]
            let error: String? = try row["delivery_error"]
            content = .message(
                author: MessageAuthor(
                    kind: try stored(try row["author_kind"], column: "entries.author_kind"), id: authorID,
                    name: authorName),
                channel: try stored(try row["channel"], column: "entries.channel"), body: body,
                delivery: try state.map {
                    Delivery(state: try stored($0, column: "entries.delivery_state"), error: error)
                })
        case "note":
            // A note's detail holds the ids it @mentions, as a JSON array.
            let detail: String? = try row["detail"]
            let mentions = detail.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
            content = .note(
                author: MemberRef(id: authorID ?? "", displayName: authorName), body: body, mentions: mentions ?? [])
        case "event":
            content = .event(
                TicketEvent(
                    kind: try stored(try row["event"], column: "entries.event"),
                    actor: authorID.map { MemberRef(id: $0, displayName: authorName) },
                    from: try row["from_value"], to: try row["to_value"], detail: try row["detail"]))
        case let other:
            throw UnknownStoredValue(column: "entries.kind", value: other)
        }
        return TimelineEntry(id: try row["id"], at: at, content: content)
    }
}
