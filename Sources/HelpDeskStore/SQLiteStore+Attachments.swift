import Foundation
import GRDB
import HelpDeskCore

// MARK: - Attachments

extension SQLiteStore {
    /// The columns `storedAttachment(row:)` reads: never `data`, so no file's pages are read.
    static let attachmentSelect = """
        SELECT a.id, a.team_id, a.conversation_id, a.ticket_id, a.uploader_kind, a.uploader_id, a.entry_id, a.name,
            a.content_type, a.size, a.created_at, e.kind AS entry_kind
        FROM attachments a LEFT JOIN entries e ON e.id = a.entry_id
        """

    static func attachment(row: Row) -> Attachment {
        Attachment(id: row["id"], name: row["name"], contentType: row["content_type"], size: row["size"])
    }

    static func storedAttachment(row: Row) throws -> StoredAttachment {
        let uploader: AttachmentUploader
        switch row["uploader_kind"] as String? {
        case "member": uploader = .member(id: row["uploader_id"] ?? "")
        case "customer": uploader = .customer
        case let other: throw UnknownStoredValue(column: "attachments.uploader_kind", value: other)
        }
        return StoredAttachment(
            attachment: attachment(row: row), teamID: row["team_id"], conversationID: row["conversation_id"],
            ticketID: row["ticket_id"], uploader: uploader, entryID: row["entry_id"],
            onNote: (row["entry_kind"] as String?) == "note", createdAt: Timestamp(microseconds: row["created_at"]))
    }

    public func createAttachment(_ upload: NewAttachment, now: Timestamp) async throws -> Attachment {
        let attachment = Attachment(
            id: Identifier.make("at"), name: upload.name, contentType: upload.contentType, size: upload.data.count)
        try await write { db in
            try db.execute(
                cachedSQL: "DELETE FROM attachments WHERE entry_id IS NULL AND created_at < ?",
                arguments: [now.adding(seconds: -AttachmentPolicy.unsentLifetimeSeconds).microseconds])
            let conversationID: String
            let ticketID: Int64?
            let uploaderKind: String
            let uploaderID: String?
            switch upload.place {
            case .ticket(let number, let memberID):
                guard let ticket = try Self.ticket(db, teamID: upload.teamID, number: number) else {
                    throw HelpDeskError.notFound("no ticket \(number) in this team")
                }
                (conversationID, ticketID, uploaderKind, uploaderID) = (
                    ticket.conversationID, ticket.id, "member", memberID
                )
            case .conversation(let id):
                guard
                    try Bool.fetchOne(
                        db, cachedSQL: "SELECT 1 FROM conversations WHERE id = ? AND team_id = ?",
                        arguments: [id, upload.teamID]) ?? false
                else { throw HelpDeskError.notFound("no such conversation") }
                (conversationID, ticketID, uploaderKind, uploaderID) = (id, nil, "customer", nil)
            }
            let unsent =
                try Int.fetchOne(
                    db,
                    cachedSQL: """
                        SELECT COUNT(*) FROM attachments
                        WHERE conversation_id = ? AND uploader_kind = ? AND uploader_id IS ? AND entry_id IS NULL
                        """, arguments: [conversationID, uploaderKind, uploaderID]) ?? 0
            guard unsent < AttachmentPolicy.maxUnsentPerUploader else {
                throw HelpDeskError.conflict(
                    "\(unsent) files are already waiting to be sent here; send them with a message first "
                        + "(unsent files are removed after a day)")
            }
            try db.execute(
                cachedSQL: """
                    INSERT INTO attachments (id, team_id, conversation_id, ticket_id, uploader_kind, uploader_id, name,
                        content_type, size, created_at, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    attachment.id, upload.teamID, conversationID, ticketID, uploaderKind, uploaderID, attachment.name,
                    attachment.contentType, attachment.size, now.microseconds, upload.data,
                ])
        }
        return attachment
    }

    public func attachment(id: String, teamID: String) async throws -> StoredAttachment? {
        try await pool.read { db in
            try Row.fetchOne(
                db, cachedSQL: "\(Self.attachmentSelect) WHERE a.id = ? AND a.team_id = ?", arguments: [id, teamID]
            )
            .map(Self.storedAttachment(row:))
        }
    }

    public func attachmentData(id: String, teamID: String) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(
                db, cachedSQL: "SELECT data FROM attachments WHERE id = ? AND team_id = ?", arguments: [id, teamID])
        }
    }

    /// The uploads a new entry will carry, in the order given, after
    /// `AttachmentPolicy.checkSendable` allowed them all; call before writing the entry.
    static func sendableAttachments(
        _ db: Database, _ ids: [String], teamID: String, by uploader: AttachmentUploader, conversationID: String,
        ticketID: Int64?
    ) throws -> [Attachment] {
        guard !ids.isEmpty else { return [] }
        try AttachmentPolicy.checkList(ids)
        let found = try Row.fetchAll(
            db,
            sql: """
                \(attachmentSelect) WHERE a.team_id = ? AND a.id IN (\(databaseQuestionMarks(count: ids.count)))
                """,
            arguments: StatementArguments([teamID] + ids)
        ).map(storedAttachment(row:))
        try AttachmentPolicy.checkSendable(
            ids, found: found, by: uploader, conversationID: conversationID, ticketID: ticketID)
        let byID = Dictionary(found.map { ($0.attachment.id, $0.attachment) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Moves checked uploads into a new entry, in the entry's transaction.
    static func attach(_ db: Database, _ attachments: [Attachment], to entryID: Int64) throws {
        for (position, attachment) in attachments.enumerated() {
            try db.execute(
                cachedSQL: "UPDATE attachments SET entry_id = ?, position = ? WHERE id = ? AND entry_id IS NULL",
                arguments: [entryID, position, attachment.id])
        }
    }

    /// The files of each of the entries, in their order.
    static func attachments(_ db: Database, entryIDs: [Int64]) throws -> [Int64: [Attachment]] {
        var result: [Int64: [Attachment]] = [:]
        // In chunks, well under SQLite's limit on bound values.
        for start in stride(from: 0, to: entryIDs.count, by: 500) {
            let chunk = Array(entryIDs[start..<min(start + 500, entryIDs.count)])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, name, content_type, size, entry_id FROM attachments
                    WHERE entry_id IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY entry_id, position
                    """, arguments: StatementArguments(chunk))
            for row in rows { result[row["entry_id"], default: []].append(attachment(row: row)) }
        }
        return result
    }

    /// The entries with their files.
    static func withAttachments(_ db: Database, _ entries: [TimelineEntry]) throws -> [TimelineEntry] {
        let ids = entries.compactMap { entry -> Int64? in
            if case .event = entry.content { return nil }
            return entry.id
        }
        guard !ids.isEmpty else { return entries }
        let files = try attachments(db, entryIDs: ids)
        guard !files.isEmpty else { return entries }
        return entries.map { entry in
            var entry = entry
            entry.attachments = files[entry.id] ?? []
            return entry
        }
    }
}
