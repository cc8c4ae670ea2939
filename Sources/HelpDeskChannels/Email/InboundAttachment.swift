/// A file that came with a message: a leaf MIME part that is not the body text.
public struct InboundAttachment: Sendable, Equatable {
    /// Whether the sender meant the file to be shown inside the message (an
    /// image an HTML body refers to by `cid:`) or offered as a separate file.
    public enum Disposition: String, Sendable, Equatable {
        case inline
        case attachment
    }

    /// The file name, decoded, reduced to its last path component so a name
    /// like `../../x` cannot point outside wherever it is saved; nil if the
    /// sender gave none.
    public var filename: String?
    /// The media type, lower-cased, without parameters: `image/png`.
    public var contentType: String
    public var disposition: Disposition
    /// The `Content-ID` without its angle brackets, the id an HTML body's
    /// `cid:` links refer to.
    public var contentID: String?
    /// The decoded bytes.
    public var data: [UInt8]

    public init(
        filename: String?, contentType: String, disposition: Disposition, contentID: String? = nil, data: [UInt8]
    ) {
        self.filename = filename
        self.contentType = contentType
        self.disposition = disposition
        self.contentID = contentID
        self.data = data
    }
}
