import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Files for upload tests.
enum TestFiles {
    /// A real 1×1 PNG.
    static let png: [UInt8] = Array(
        Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )!)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF not really".utf8)
    static let pdf: [UInt8] = Array("%PDF-1.4\n% a tiny document\n".utf8)
    static let svg: [UInt8] = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)
    static let html: [UInt8] = Array("<!doctype html><script>alert(document.cookie)</script>".utf8)
}

/// One part of a `multipart/form-data` body.
struct FormPart {
    var name = "file"
    var filename: String?
    var contentType: String?
    var bytes: [UInt8]
}

/// A `multipart/form-data` body and its Content-Type.
func multipartBody(_ parts: [FormPart], boundary: String = "----helpdesk-test-7MA4YWxkTrZu0gW") -> (
    body: ByteBuffer, contentType: String
) {
    var bytes: [UInt8] = []
    for part in parts {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { head += "; filename=\"\(filename)\"" }
        head += "\r\n"
        if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
        head += "\r\n"
        bytes += Array(head.utf8) + part.bytes + Array("\r\n".utf8)
    }
    bytes += Array("--\(boundary)--\r\n".utf8)
    return (ByteBuffer(bytes: bytes), "multipart/form-data; boundary=\(boundary)")
}

extension TestClientProtocol {
    /// Sends a raw body and holds the response against the OpenAPI document.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers: HTTPFields = [:],
        body: ByteBuffer?, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        let response = try await execute(uri: uri, method: method, headers: fields, body: body)
        try await OpenAPIContract.load(self).check(
            method: method, uri: uri, response: response, sourceLocation: sourceLocation)
        return response
    }

    /// Uploads one file as the form part `file`.
    @discardableResult
    func upload(
        _ uri: String, token: String?, filename: String?, type: String? = nil, bytes: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let form = multipartBody([FormPart(filename: filename, contentType: type, bytes: bytes)])
        return try await send(
            .post, uri, token: token, headers: [.contentType: form.contentType], body: form.body,
            sourceLocation: sourceLocation)
    }
}
