import Foundation
import HelpDeskCore
import HelpDeskStore

/// A file as a client sent it, before `AttachmentPolicy` accepts it.
public struct AttachmentUpload: Sendable {
    /// The file name the client gave.
    public var name: String?
    /// The media type the client declared for the file.
    public var declaredType: String?
    public var data: Data

    public init(name: String?, declaredType: String?, data: Data) {
        self.name = name
        self.declaredType = declaredType
        self.data = data
    }
}

/// A file to send to someone allowed to read it.
public struct AttachmentFile: Sendable {
    public var attachment: Attachment
    public var data: Data
}

extension HelpDesk {
    // MARK: - Attachments

    /// Stores a member's file on a ticket, unsent: their next reply or note
    /// there may carry it (`attachmentIds`). Until then nobody else sees it.
    public func uploadAttachment(_ caller: Caller, number: Int, _ upload: AttachmentUpload) async throws -> Attachment {
        // 404 for another team's ticket before anything is said about the file.
        _ = try await ticket(caller, number: number)
        let file = try accept(upload)
        return try await store.createAttachment(
            NewAttachment(
                teamID: caller.team.id, place: .ticket(number: number, memberID: caller.member.id), name: file.name,
                contentType: file.contentType, data: upload.data),
            now: clock())
    }

    /// Stores a widget visitor's file on their conversation, unsent: their next
    /// message may carry it. Rate limited per conversation and per client address.
    public func uploadVisitorAttachment(_ conversation: Conversation, _ upload: AttachmentUpload, clientAddress: String)
        async throws -> Attachment
    {
        try await limitAnonymous(
            clientAddress,
            [
                ("upload.conversation:" + conversation.id, anonymousLimits.uploadsPerConversation),
                ("upload.address:" + clientAddress, anonymousLimits.uploadsPerAddress),
            ])
        let file = try accept(upload)
        return try await store.createAttachment(
            NewAttachment(
                teamID: conversation.teamID, place: .conversation(id: conversation.id), name: file.name,
                contentType: file.contentType, data: upload.data),
            now: clock())
    }

    func accept(_ upload: AttachmentUpload) throws(HelpDeskError) -> (name: String, contentType: String) {
        try AttachmentPolicy.accept(
            name: upload.name, declaredType: upload.declaredType, head: Array(upload.data.prefix(16)),
            size: upload.data.count, maxBytes: maxAttachmentBytes)
    }

    /// A file for a member of its team: any sent file of the team's tickets,
    /// and their own unsent uploads; 404 for anything else.
    public func attachmentFile(_ caller: Caller, id: String) async throws -> AttachmentFile {
        try caller.requireHelpDesk()
        guard let stored = try await store.attachment(id: id, teamID: caller.team.id),
            stored.isVisible(toMember: caller.member.id, ofTeam: caller.team.id)
        else { throw HelpDeskError.notFound("no attachment \(id) in this team") }
        return try await file(stored)
    }

    /// A file for the widget visitor of a conversation: the files of its
    /// messages (never of notes) and their own unsent uploads; 404 for anything else.
    public func visitorAttachmentFile(_ conversation: Conversation, id: String) async throws -> AttachmentFile {
        guard let stored = try await store.attachment(id: id, teamID: conversation.teamID),
            stored.isVisible(toCustomerOf: conversation.id, ofTeam: conversation.teamID)
        else { throw HelpDeskError.notFound("no attachment \(id) in this conversation") }
        return try await file(stored)
    }

    /// A file by a signed link (`AttachmentLinks`) of a widget channel: 404 when
    /// the link is not one this server signed for the file and channel, 403 when
    /// it was but has expired.
    public func visitorAttachmentFile(channel: ChannelConnection, id: String, expires: String?, signature: String?)
        async throws -> AttachmentFile
    {
        let notFound = HelpDeskError.notFound("no attachment \(id) here, or the link is not valid")
        guard let expires = expires.flatMap({ Int64($0) }), let signature,
            let stored = try await store.attachment(id: id, teamID: channel.teamID),
            let conversation = try await store.conversation(id: stored.conversationID, teamID: channel.teamID),
            conversation.channelID == channel.id,
            try await visitorTokens.isAttachmentSignature(
                signature, attachmentID: id, conversationID: conversation.id, expires: expires)
        else { throw notFound }
        guard expires > clock().microseconds / 1_000_000 else {
            throw HelpDeskError.forbidden("this link to \(stored.attachment.name) has expired; open the chat again")
        }
        guard stored.isVisible(toCustomerOf: conversation.id, ofTeam: channel.teamID) else { throw notFound }
        return try await file(stored)
    }

    private func file(_ stored: StoredAttachment) async throws -> AttachmentFile {
        guard let data = try await store.attachmentData(id: stored.attachment.id, teamID: stored.teamID) else {
            throw HelpDeskError.notFound("no attachment \(stored.attachment.id)")
        }
        return AttachmentFile(attachment: stored.attachment, data: data)
    }

    /// Signed links to the files of a widget conversation, for the visitor's browser.
    public func attachmentLinks(_ conversation: Conversation, channelID: String) async throws -> AttachmentLinks {
        try await visitorTokens.attachmentLinks(
            channelID: channelID, conversationID: conversation.id, now: clock())
    }
}
