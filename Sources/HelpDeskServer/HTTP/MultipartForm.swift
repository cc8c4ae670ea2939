import Foundation
import HelpDeskCore

/// A `multipart/form-data` body (RFC 7578), read whole (the body limit bounds
/// it): each part's field name, file name, declared type and bytes.
struct MultipartForm {
    struct Part {
        var name: String?
        var filename: String?
        var contentType: String?
        var data: Data
    }

    var parts: [Part]

    /// The most parts a form may have, and the most bytes of headers per part.
    static let maxParts = 16
    static let maxHeaderBytes = 8 * 1024

    /// The boundary a `Content-Type: multipart/form-data; boundary=…` names; nil
    /// for another type or a missing or malformed boundary.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "="),
                piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "boundary"
            else { continue }
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Reads a form; throws `badRequest` naming what is malformed.
    init(body: Data, boundary: String) throws(HelpDeskError) {
        func malformed(_ why: String) -> HelpDeskError {
            .badRequest("the body is not a well-formed multipart/form-data form: \(why)")
        }
        let delimiter = Data("--\(boundary)".utf8)
        let nextDelimiter = Data("\r\n--\(boundary)".utf8)
        let lineEnd = Data("\r\n".utf8)
        let headersEnd = Data("\r\n\r\n".utf8)
        // The first boundary opens the body or follows a preamble's line.
        var position: Int
        if body.starts(with: delimiter) {
            position = body.startIndex + delimiter.count
        } else if let found = body.range(of: nextDelimiter) {
            position = found.upperBound
        } else {
            throw malformed("no boundary \"\(boundary)\" in it")
        }
        var parts: [Part] = []
        while true {
            // After a boundary: "--" closes the form, else a line break opens a part.
            if body[position...].starts(with: Data("--".utf8)) { break }
            while position < body.endIndex, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard body[position...].starts(with: lineEnd) else {
                throw malformed("a boundary is not followed by a line break")
            }
            position += lineEnd.count
            guard parts.count < Self.maxParts else { throw malformed("more than \(Self.maxParts) parts") }
            let headerBlock: Range<Int>
            if body[position...].starts(with: lineEnd) {
                headerBlock = position..<position
                position += lineEnd.count
            } else {
                guard let end = body.range(of: headersEnd, in: position..<body.endIndex),
                    end.lowerBound - position <= Self.maxHeaderBytes
                else { throw malformed("a part's headers do not end with a blank line") }
                headerBlock = position..<end.lowerBound
                position = end.upperBound
            }
            guard let close = body.range(of: nextDelimiter, in: position..<body.endIndex) else {
                throw malformed("the last part is not closed by the boundary")
            }
            var part = Part(data: body.subdata(in: position..<close.lowerBound))
            try Self.read(headers: body.subdata(in: headerBlock), into: &part)
            parts.append(part)
            position = close.upperBound
        }
        self.parts = parts
    }

    private static func read(headers: Data, into part: inout Part) throws(HelpDeskError) {
        let text = String(decoding: headers, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw .badRequest("the body is not a well-formed multipart/form-data form: a part header has no colon")
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition":
                let parameters = Self.parameters(of: value)
                part.name = parameters["name"]
                part.filename = parameters["filename"]
            case "content-type":
                part.contentType = value
            default:
                continue
            }
        }
    }

    /// The parameters of a header value such as `form-data; name="file"; filename="a b.png"`,
    /// names lowercased, quoted values unquoted.
    static func parameters(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        var characters = Substring(value)
        // Skip the disposition type.
        guard let first = characters.firstIndex(of: ";") else { return result }
        characters = characters[characters.index(after: first)...]
        while !characters.isEmpty {
            characters = characters.drop(while: { $0 == " " || $0 == "\t" || $0 == ";" })
            guard let equals = characters.firstIndex(of: "=") else { break }
            let name = characters[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            characters = characters[characters.index(after: equals)...].drop(while: { $0 == " " })
            var parsed = ""
            if characters.first == "\"" {
                // Browsers send a quote in a name as %22 and a backslash as it is
                // (the HTML standard's form encoding), so nothing is unescaped here.
                characters = characters.dropFirst()
                guard let close = characters.firstIndex(of: "\"") else { break }
                parsed = String(characters[..<close])
                characters = characters[characters.index(after: close)...].drop(while: { $0 != ";" })
            } else {
                let end = characters.firstIndex(of: ";") ?? characters.endIndex
                parsed = characters[..<end].trimmingCharacters(in: .whitespaces)
                characters = characters[end...]
            }
            if name.hasSuffix("*") {
                // RFC 5987: charset'language'percent-encoded, preferred over the plain form.
                let pieces = parsed.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3, pieces[0].lowercased() == "utf-8", let decoded = pieces[2].removingPercentEncoding
                {
                    result[String(name.dropLast())] = decoded
                }
            } else if result[name] == nil {
                result[name] = parsed
            }
        }
        return result
    }
}
