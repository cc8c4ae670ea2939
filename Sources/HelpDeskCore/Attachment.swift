/// A file on a message or a note, as timeline entries carry it and clients
/// show it: an image inline, anything else as a download.
public struct Attachment: Sendable, Equatable {
    public var id: String
    /// The file name the uploader gave, cleaned (see `AttachmentPolicy.cleanName`).
    public var name: String
    /// The media type it is served with; an image type only when its bytes were checked.
    public var contentType: String
    /// Bytes.
    public var size: Int

    public init(id: String, name: String, contentType: String, size: Int) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.size = size
    }

    /// Whether browsers may show it in the page: only the image types whose
    /// bytes were sniffed at upload, never SVG or HTML.
    public var isInlineImage: Bool { AttachmentPolicy.inlineImageTypes.contains(contentType) }
}

/// Who uploaded a file. Until a message carries it, an upload is its uploader's
/// alone: nobody else sees it or sends it.
public enum AttachmentUploader: Sendable, Equatable {
    /// A member of the team, on a ticket.
    case member(id: String)
    /// The customer of the conversation (a widget visitor).
    case customer
}

/// An attachment as stored, with the facts that decide who may see it and
/// who may send it.
public struct StoredAttachment: Sendable, Equatable {
    public var attachment: Attachment
    public var teamID: String
    public var conversationID: String
    /// The ticket a member uploaded it on; nil for the customer's uploads.
    public var ticketID: Int64?
    public var uploader: AttachmentUploader
    /// The timeline entry that carries it; nil while it is not sent.
    public var entryID: Int64?
    /// Whether that entry is an internal note, which the customer never sees.
    public var onNote: Bool
    public var createdAt: Timestamp

    public init(
        attachment: Attachment, teamID: String, conversationID: String, ticketID: Int64?,
        uploader: AttachmentUploader, entryID: Int64?, onNote: Bool, createdAt: Timestamp
    ) {
        self.attachment = attachment
        self.teamID = teamID
        self.conversationID = conversationID
        self.ticketID = ticketID
        self.uploader = uploader
        self.entryID = entryID
        self.onNote = onNote
        self.createdAt = createdAt
    }

    /// Members of the team see every sent file of its tickets, and their own unsent uploads.
    public func isVisible(toMember memberID: String, ofTeam teamID: String) -> Bool {
        guard teamID == self.teamID else { return false }
        return entryID != nil || uploader == .member(id: memberID)
    }

    /// The customer of a conversation sees the files of its messages (never of
    /// notes) and their own unsent uploads.
    public func isVisible(toCustomerOf conversationID: String, ofTeam teamID: String) -> Bool {
        guard teamID == self.teamID, conversationID == self.conversationID else { return false }
        if entryID == nil { return uploader == .customer }
        return !onNote
    }
}
