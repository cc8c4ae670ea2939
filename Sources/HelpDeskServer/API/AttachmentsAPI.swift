import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import Hummingbird
import NIOCore

/// Files on replies and notes: members upload them on a ticket, then send them
/// with `attachmentIds`; members of the team download them. The widget's
/// routes (`WidgetAPI`) share the upload reading and the download answer.
enum AttachmentsAPI {
    /// An attachment as the API lists it.
    struct AttachmentJSON: Encodable {
        var id: String
        var name: String
        var contentType: String
        var size: Int

        init(_ attachment: Attachment) {
            id = attachment.id
            name = attachment.name
            contentType = attachment.contentType
            size = attachment.size
        }
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.post, "/api/v1/tickets/:number/attachments") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let number = try TicketsAPI.number(context)
            let attachment = try await helpDesk.uploadAttachment(caller, number: number, try await upload(request))
            return try jsonResponse(AttachmentJSON(attachment), status: .created)
        }
        routes.add(.get, "/api/v1/attachments/:id") { _, context in
            let caller = try context.requireCaller()
            let file = try await helpDesk.attachmentFile(caller, id: context.parameters.get("id") ?? "")
            // Only the web app's own pages may embed it.
            return download(file, crossOrigin: false)
        }
    }

    /// The file of a `multipart/form-data` upload: the part named `file`.
    static func upload(_ request: Request) async throws -> AttachmentUpload {
        guard let contentType = request.headers[.contentType],
            let boundary = MultipartForm.boundary(contentType: contentType)
        else {
            throw HelpDeskError.unsupportedMediaType(
                "send the file as multipart/form-data, in a part named file (got \(request.headers[.contentType] ?? "no Content-Type"))"
            )
        }
        let body = try await request.body.collect(upTo: .max)
        let form = try MultipartForm(body: Data(body.readableBytesView), boundary: boundary)
        let files = form.parts.filter { $0.name == "file" }
        guard let file = files.first else {
            throw HelpDeskError.invalid("file", "is required: send the file in a form part named file")
        }
        guard files.count == 1 else { throw HelpDeskError.invalid("file", "send one file per upload") }
        return AttachmentUpload(name: file.filename, declaredType: file.contentType, data: file.data)
    }

    /// Serves a file so that a browser never runs it: images whose bytes were
    /// checked inline, everything else as a download; never sniffed (`nosniff`),
    /// sandboxed with no sources (`Content-Security-Policy`) should it be opened.
    /// `crossOrigin` lets other sites' pages show it (the widget's images on a shop's page).
    static func download(_ file: AttachmentFile, crossOrigin: Bool) -> Response {
        let attachment = file.attachment
        var contentType = attachment.contentType
        if contentType.hasPrefix("text/") { contentType += "; charset=utf-8" }
        let disposition = attachment.isInlineImage ? "inline" : "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "\(disposition); \(dispositionFilename(attachment.name))",
                .contentSecurityPolicy: "default-src 'none'; sandbox",
                .xContentTypeOptions: "nosniff",
                .crossOriginResourcePolicy: crossOrigin ? "cross-origin" : "same-origin",
                // A file never changes; only the browser that was allowed to fetch it keeps it.
                .cacheControl: "private, max-age=3600",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    /// `filename="…"` in ASCII (other characters, quotes and backslashes as `_`)
    /// and `filename*=UTF-8''…` with the exact name (RFC 6266).
    static func dispositionFilename(_ name: String) -> String {
        let ascii = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    (0x20..<0x7F).contains(scalar.value) && scalar != "\"" && scalar != "\\" ? scalar : "_"
                }))
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
