import Foundation

/// What a person reads in a message, chosen from its MIME tree: the text, the
/// HTML kept for display, and every other leaf as an attachment.
///
/// In `multipart/alternative` the `text/plain` rendition is the text and
/// the last HTML one the HTML; in `multipart/related` the root part (the
/// `start` parameter's, else the first) is the content and the rest are its
/// inline resources; any other multipart (`mixed`, `report`, `signed`) is read
/// in order and its text parts joined, as Apple Mail splits text around an
/// inline image. Without any `text/plain`, the text is the HTML made readable.
struct InboundBody {
    var text: String = ""
    var html: String?
    var attachments: [InboundAttachment] = []

    init(_ root: MIMEPart) {
        let pieces = Self.pieces(root)
        let texts = pieces.map { piece in
            piece.plain ?? piece.html.map(MIMEHTMLText.text(fromHTML:)) ?? ""
        }
        text = Self.trimmed(texts.map(Self.trimmed).filter { !$0.isEmpty }.joined(separator: "\n\n"))
        let htmls = pieces.compactMap(\.html)
        html = htmls.isEmpty ? nil : htmls.joined(separator: "\n")
        collectAttachments(root)
    }

    /// One stretch of body content: its plain text and its HTML, either possibly missing.
    private struct Piece {
        var plain: String?
        var html: String?
    }

    /// A leaf is body text when it is `text/plain` or `text/html`, not marked
    /// as an attachment and without a file name; a text file a sender attached
    /// (`notes.txt`, even shown inline by Apple Mail) stays a file.
    static func isBodyText(_ part: MIMEPart) -> Bool {
        guard !part.isMultipart, part.contentType.value == "text/plain" || part.contentType.value == "text/html"
        else { return false }
        return part.disposition?.value != "attachment" && filename(of: part) == nil
    }

    private static func pieces(_ part: MIMEPart) -> [Piece] {
        guard part.isMultipart else {
            guard isBodyText(part) else { return [] }
            return part.contentType.value == "text/plain" ? [Piece(plain: part.text)] : [Piece(html: part.text)]
        }
        switch part.contentType.value {
        case "multipart/alternative":
            let renditions = part.children.map(pieces)
            let plain = renditions.first { $0.contains { $0.plain != nil } }
            let html = renditions.last { $0.contains { $0.html != nil } }
            guard plain != nil || html != nil else { return [] }
            return [
                Piece(
                    plain: plain.map {
                        $0.map { $0.plain ?? $0.html.map(MIMEHTMLText.text(fromHTML:)) ?? "" }.joined(separator: "\n\n")
                    },
                    html: html.map { $0.compactMap(\.html).joined(separator: "\n") })
            ]
        case "multipart/related":
            guard let root = relatedRoot(part) else { return [] }
            return pieces(root)
        default:
            return part.children.flatMap(pieces)
        }
    }

    /// The root of a `multipart/related`: the part its `start` parameter names, else the first.
    private static func relatedRoot(_ part: MIMEPart) -> MIMEPart? {
        if let start = part.contentType["start"].map(contentID) {
            if let named = part.children.first(where: { $0.headers["content-id"].map(contentID) == start }) {
                return named
            }
        }
        return part.children.first
    }

    private mutating func collectAttachments(_ part: MIMEPart) {
        if part.isMultipart {
            for child in part.children { collectAttachments(child) }
            return
        }
        guard !Self.isBodyText(part) else { return }
        let id = part.headers["content-id"].map(Self.contentID).flatMap { $0.isEmpty ? nil : $0 }
        let disposition: InboundAttachment.Disposition =
            switch part.disposition?.value {
            case "inline": .inline
            case "attachment": .attachment
            // Without a disposition, a part with a Content-ID is there to be referred to from the HTML.
            default: id == nil ? .attachment : .inline
            }
        attachments.append(
            InboundAttachment(
                filename: Self.filename(of: part), contentType: part.contentType.value, disposition: disposition,
                contentID: id, data: part.body))
    }

    /// The file name from `Content-Disposition` `filename`, else the older
    /// `Content-Type` `name`, reduced to its last path component.
    static func filename(of part: MIMEPart) -> String? {
        guard let raw = part.disposition?["filename"] ?? part.contentType["name"] else { return nil }
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let name = last.trimmingMailWhitespaceAndNewlines()
        return name.isEmpty || name == "." || name == ".." ? nil : name
    }

    /// A Content-ID without white space or its angle brackets.
    static func contentID(_ raw: String) -> String {
        var id = Substring(raw.trimmingMailWhitespace())
        if id.hasPrefix("<") { id = id.dropFirst() }
        if id.hasSuffix(">") { id = id.dropLast() }
        return id.trimmingMailWhitespace()
    }

    /// Without blank lines at the start and white space at the end; leading
    /// spaces on the first line are kept, as they may be indentation.
    static func trimmed(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }),
            let last = lines.lastIndex(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return "" }
        var result = lines[first...last].joined(separator: "\n")
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
