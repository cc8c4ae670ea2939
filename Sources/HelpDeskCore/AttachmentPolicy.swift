/// Which files are accepted, what they are served as, and which uploads a
/// message may carry: the rules of attachments as pure functions.
///
/// A file's type comes from its name's extension (browsers guess the declared
/// type from it anyway, and some declare CSV as Excel); the declared type is
/// used only for a name without one. Images are checked byte by byte: a file
/// named `.png` must be a PNG, JPEG, GIF or WebP image, so a page or an SVG
/// dressed as an image is refused and never served inline. Nothing else is
/// ever shown inline: every other file is served as a download.
public enum AttachmentPolicy {
    /// A type of file that is accepted.
    public struct FileType: Sendable, Equatable {
        public var contentType: String
        public var extensions: [String]
    }

    /// Every accepted type: common images, PDF, plain text and CSV, office
    /// documents (Microsoft and OpenDocument) and ZIP archives.
    public static let accepted: [FileType] = [
        FileType(contentType: "image/png", extensions: ["png"]),
        FileType(contentType: "image/jpeg", extensions: ["jpg", "jpeg"]),
        FileType(contentType: "image/gif", extensions: ["gif"]),
        FileType(contentType: "image/webp", extensions: ["webp"]),
        FileType(contentType: "application/pdf", extensions: ["pdf"]),
        FileType(contentType: "text/plain", extensions: ["txt", "log"]),
        FileType(contentType: "text/csv", extensions: ["csv"]),
        FileType(contentType: "application/zip", extensions: ["zip"]),
        FileType(contentType: "application/msword", extensions: ["doc"]),
        FileType(
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            extensions: ["docx"]),
        FileType(contentType: "application/vnd.ms-excel", extensions: ["xls"]),
        FileType(
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"]),
        FileType(contentType: "application/vnd.ms-powerpoint", extensions: ["ppt"]),
        FileType(
            contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            extensions: ["pptx"]),
        FileType(contentType: "application/vnd.oasis.opendocument.text", extensions: ["odt"]),
        FileType(contentType: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"]),
        FileType(contentType: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"]),
    ]

    /// The image types, checked by their bytes and the only ones shown inline.
    public static let inlineImageTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp"]

    /// The default size limit of one file: 10 MB (10 × 1024 × 1024 bytes).
    public static let defaultMaxBytes = 10 * 1024 * 1024
    /// The most files one message or note carries.
    public static let maxPerMessage = 10
    /// The most unsent uploads one uploader keeps on one conversation.
    public static let maxUnsentPerUploader = 20
    /// How long an upload that no message carries is kept before it may be purged.
    public static let unsentLifetimeSeconds: Double = 24 * 3600
    /// The longest file name, in code points.
    public static let nameLimit = TextLimits.name

    /// What a refusal of a type tells the uploader they may send.
    static let acceptedInWords =
        "send an image (PNG, JPEG, GIF or WebP), a PDF, a text or CSV file, an office document or a ZIP archive"

    private static let byExtension: [String: String] = Dictionary(
        uniqueKeysWithValues: accepted.flatMap { type in type.extensions.map { ($0, type.contentType) } })

    /// An uploaded file's name and the type to store it as, or why it is refused:
    /// `tooLarge` (413) over `maxBytes`, `unsupportedMediaType` (415) for a type
    /// not accepted or an "image" whose bytes are none, `invalid` (400, field
    /// `file`) for an empty file or one without a name.
    ///
    /// - Parameters:
    ///   - name: the file name the client sent.
    ///   - declaredType: the media type the client declared for the file, if any.
    ///   - head: the file's first bytes (at least 12 are read).
    ///   - size: the file's length in bytes.
    public static func accept(
        name: String?, declaredType: String?, head: [UInt8], size: Int, maxBytes: Int
    ) throws(HelpDeskError) -> (name: String, contentType: String) {
        guard let name = name.flatMap(cleanName) else {
            throw .invalid("file", "needs a file name (the filename of the form part)")
        }
        guard size <= maxBytes else {
            // Sizes just over the limit round to the limit's words: then the bytes say it.
            let (got, most) =
                describe(bytes: size) == describe(bytes: maxBytes)
                ? ("\(size) bytes", "\(maxBytes) bytes (\(describe(bytes: maxBytes)))")
                : (describe(bytes: size), describe(bytes: maxBytes))
            throw .tooLarge("\(name) is \(got); a file may be at most \(most)")
        }
        guard size > 0 else { throw .invalid("file", "\(name) is empty") }
        var contentType: String
        if let fileExtension = fileExtension(of: name) {
            guard let known = byExtension[fileExtension] else {
                throw .unsupportedMediaType(".\(fileExtension) files are not accepted; \(acceptedInWords)")
            }
            contentType = known
        } else {
            let declared = declaredType.map(mediaType) ?? ""
            guard accepted.contains(where: { $0.contentType == declared }) else {
                let what = declared.isEmpty ? "no type" : "the type \(declared)"
                throw .unsupportedMediaType(
                    "\(name) has no file name extension and \(what), which is not accepted; \(acceptedInWords)")
            }
            contentType = declared
        }
        if inlineImageTypes.contains(contentType) {
            guard let sniffed = imageType(of: head) else {
                throw .unsupportedMediaType(
                    "\(name) is not a PNG, JPEG, GIF or WebP image: its content does not match its name")
            }
            contentType = sniffed
        }
        return (name, contentType)
    }

    /// The image type the bytes start with, or nil when they are not a PNG,
    /// JPEG, GIF or WebP image.
    public static func imageType(of head: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }

    /// A file name fit to keep and show: the last path component (browsers
    /// once sent `C:\fakepath\…`), without control or bidirectional-override
    /// characters (which can make `gnp.exe` read as `exe.png`), trimmed, at
    /// most `nameLimit` code points keeping the extension; nil when nothing is left.
    public static func cleanName(_ raw: String) -> String? {
        let last = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        let kept = String(
            String.UnicodeScalarView(
                last.unicodeScalars.filter { scalar in
                    !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || (0x200E...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                        || (0x2066...0x2069).contains(scalar.value))
                })
        ).trimmingWhitespace()
        guard !kept.isEmpty, kept != ".", kept != ".." else { return nil }
        guard kept.unicodeScalars.count > nameLimit else { return kept }
        let suffix = fileExtension(of: kept).map { "." + $0 } ?? ""
        let stem = kept.unicodeScalars.prefix(nameLimit - suffix.unicodeScalars.count)
        return String(String.UnicodeScalarView(stem)) + suffix
    }

    /// The lowercased extension after the last dot, if the name has one (not a leading dot alone).
    static func fileExtension(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let text = name[name.index(after: dot)...].lowercased()
        return text.isEmpty || text.count > 16 ? nil : text
    }

    /// A media type without its parameters, lowercased: `Text/Plain; charset=x` → `text/plain`.
    static func mediaType(_ text: String) -> String {
        String(text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingWhitespace().lowercased()
    }

    /// A size in words: `10 MB`, `1.5 MB`, `312 KB`, `20 bytes` (a KB is 1,024 bytes).
    public static func describe(bytes: Int) -> String {
        let mega = 1024 * 1024
        if bytes >= mega {
            let tenths = (bytes * 10 + mega / 2) / mega
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
        }
        if bytes >= 1024 { return "\((bytes + 512) / 1024) KB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// Checks the list of upload ids a new message names: at most
    /// `maxPerMessage`, none twice.
    public static func checkList(_ ids: [String]) throws(HelpDeskError) {
        guard ids.count <= maxPerMessage else {
            throw .invalid(
                "attachmentIds", "lists \(ids.count) files; a message carries at most \(maxPerMessage)")
        }
        var seen: Set<String> = []
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw .invalid("attachmentIds[\(index)]", "lists \(id) a second time")
        }
    }

    /// Checks that a new message may carry the uploads `ids` names: each was
    /// uploaded by `uploader` on this conversation (and ticket, for a member),
    /// in this team, and no message carries it yet. Throws `invalid` naming
    /// every id that may not be sent, so nothing is written.
    ///
    /// - Parameter found: the stored uploads of the team among `ids`.
    public static func checkSendable(
        _ ids: [String], found: [StoredAttachment], by uploader: AttachmentUploader, conversationID: String,
        ticketID: Int64?
    ) throws(HelpDeskError) {
        try checkList(ids)
        let byID = Dictionary(found.map { ($0.attachment.id, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [FieldError] = []
        for (index, id) in ids.enumerated() {
            let field = "attachmentIds[\(index)]"
            guard let stored = byID[id], stored.uploader == uploader, stored.conversationID == conversationID,
                ticketID == nil || stored.ticketID == ticketID
            else {
                errors.append(
                    FieldError(
                        field: field,
                        message:
                            "no upload \(id) of yours on this \(ticketID == nil ? "conversation" : "ticket"); upload the file here first"
                    ))
                continue
            }
            if stored.entryID != nil {
                errors.append(FieldError(field: field, message: "\(id) was already sent; upload the file again"))
            }
        }
        guard errors.isEmpty else { throw .invalid(errors) }
    }
}
