import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Attachments

extension PostgresStore {
    /// The columns `storedAttachment(row:)` reads: never `data`.
    static let attachmentSelect = """
        SELECT a.id, a.team_id, a.conversation_id, a.ticket_id, a.uploader_kind, a.uploader_id, a.entry_id, a.name,
            a.content_type, a.size, a.created_at, e.kind AS entry_kind
        FROM attachments a LEFT JOIN entries e ON e.id = a.entry_id
        """

    static func attachment(row: Row) throws -> Attachment {
        Attachment(
            id: try row["id"], name: try row["name"], contentType: try row["content_type"], size: try row["size"])
    }

    static func storedAttachment(row: Row) throws -> StoredAttachment {
        let uploader: AttachmentUploader
        switch try row["uploader_kind"] as String? {
        case "member": uploader = .member(id: try row["uploader_id"] ?? "")
        case "customer": uploader = .customer
        case let other: throw UnknownStoredValue(column: "attachments.uploader_kind", value: other)
        }
        return StoredAttachment(
            attachment: try attachment(row: row), teamID: try row["team_id"],
            conversationID: try row["conversation_id"], ticketID: try row["ticket_id"], uploader: uploader,
            entryID: try row["entry_id"], onNote: (try row["entry_kind"] as String?) == "note",
            createdAt: try row.time("created_at"))
    }

    public func createAttachment(_ upload: NewAttachment, now: Timestamp) async throws -> Attachment {
        let attachment = Attachment(
            id: Identifier.make("at"), name: upload.name, contentType: upload.contentType, size: upload.data.count)
        try await write { db in
            // One upload at a time per team, so the count of unsent uploads below stays exact.
            try await db.lockTeam(upload.teamID)
            let expired = now.adding(seconds: -AttachmentPolicy.unsentLifetimeSeconds).microseconds
            try await db.run("DELETE FROM attachments WHERE entry_id IS NULL AND created_at < \(expired)")
            let conversationID: String
            let ticketID: Int64?
            let uploaderKind: String
            let uploaderID: String?
            switch upload.place {
            case .ticket(let number, let memberID):
                guard let ticket = try await Self.ticket(db, teamID: upload.teamID, number: number) else {
                    throw HelpDeskError.notFound("no ticket \(number) in this team")
                }
                (conversationID, ticketID, uploaderKind, uploaderID) = (
                    ticket.conversationID, ticket.id, "member", memberID
                )
            case .conversation(let id):
                guard
                    try await db.row("SELECT 1 FROM conversations WHERE id = \(id) AND team_id = \(upload.teamID)")
                        != nil
                else { throw HelpDeskError.notFound("no such conversation") }
                (conversationID, ticketID, uploaderKind, uploaderID) = (id, nil, "customer", nil)
            }
            let unsent =
                try await db.value(
                    Int.self,
                    """
                    SELECT COUNT(*) FROM attachments
                    WHERE conversation_id = \(conversationID) AND uploader_kind = \(uploaderKind)
                        AND uploader_id IS NOT DISTINCT FROM \(uploaderID) AND entry_id IS NULL
                    """) ?? 0
            guard unsent < AttachmentPolicy.maxUnsentPerUploader else {
                throw HelpDeskError.conflict(
                    "\(unsent) files are already waiting to be sent here; send them with a message first "
                        + "(unsent files are removed after a day)")
            }
            try await db.run(
                """
                INSERT INTO attachments (id, team_id, conversation_id, ticket_id, uploader_kind, uploader_id, name,
                    content_type, size, created_at, data)
                VALUES (\(attachment.id), \(upload.teamID), \(conversationID), \(ticketID), \(uploaderKind),
                    \(uploaderID), \(attachment.name), \(attachment.contentType), \(attachment.size),
                    \(now.microseconds), \(upload.data))
                """)
        }
        return attachment
    }

    public func attachment(id: String, teamID: String) async throws -> StoredAttachment? {
        try await read { db in
            try await db.row("\(unescaped: Self.attachmentSelect) WHERE a.id = \(id) AND a.team_id = \(teamID)")
                .map(Self.storedAttachment(row:))
        }
    }

    public func attachmentData(id: String, teamID: String) async throws -> Data? {
        try await read { db in
            try await db.value(Data.self, "SELECT data FROM attachments WHERE id = \(id) AND team_id = \(teamID)")
        }
    }

    /// The uploads a new entry will carry, in the order given, after
    /// `AttachmentPolicy.checkSendable` allowed them all; call before writing the entry.
    static func sendableAttachments(
        _ db: PostgresTransaction, _ ids: [String], teamID: String, by uploader: AttachmentUploader,
        conversationID: String, ticketID: Int64?
    ) async throws -> [Attachment] {
        guard !ids.isEmpty else { return [] }
        try AttachmentPolicy.checkList(ids)
        let found = try await db.rows(
            "\(unescaped: attachmentSelect) WHERE a.team_id = \(teamID) AND a.id = ANY(\(ids)::text[])"
        ).map(storedAttachment(row:))
        try AttachmentPolicy.checkSendable(
            ids, found: found, by: uploader, conversationID: conversationID, ticketID: ticketID)
        let byID = Dictionary(found.map { ($0.attachment.id, $0.attachment) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Moves checked uploads into a new entry, in the entry's transaction.
    static func attach(_ db: PostgresTransaction, _ attachments: [Attachment], to entryID: Int64) async throws {
        for (position, attachment) in attachments.enumerated() {
            try await db.run(
                """
                UPDATE attachments SET entry_id = \(entryID), position = \(position)
                WHERE id = \(attachment.id) AND entry_id IS NULL
                """)
        }
    }

    /// The entries with their files, in their order.
    static func withAttachments(_ db: PostgresTransaction, _ entries: [TimelineEntry]) async throws
        -> [TimelineEntry]
    {
        let ids = entries.compactMap { entry -> Int64? in
            if case .event = entry.content { return nil }
            return entry.id
        }
        guard !ids.isEmpty else { return entries }
        var files: [Int64: [Attachment]] = [:]
        for row in try await db.rows(
            """
            SELECT id, name, content_type, size, entry_id FROM attachments
            WHERE entry_id = ANY(\(ids)::bigint[]) ORDER BY entry_id, position
            """)
        {
            files[try row["entry_id"], default: []].append(try attachment(row: row))
        }
        guard !files.isEmpty else { return entries }
        return entries.map { entry in
            var entry = entry
            entry.attachments = files[entry.id] ?? []
            return entry
        }
    }
}
