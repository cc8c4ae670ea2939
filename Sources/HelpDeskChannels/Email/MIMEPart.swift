/// One node of a message's MIME tree (RFC 2045, RFC 2046): a multipart with
/// children, or a leaf with its decoded bytes.
struct MIMEPart: Sendable {
    var headers: MIMEHeaders
    /// The content type, `text/plain; charset=us-ascii` when missing or invalid (RFC 2045 §5.2).
    var contentType: MIMEParameterizedValue
    var disposition: MIMEParameterizedValue?
    /// A leaf's bytes after undoing its transfer encoding; empty for a multipart.
    var body: [UInt8]
    var children: [MIMEPart]

    var isMultipart: Bool { contentType.value.hasPrefix("multipart/") }

    /// The body as text in the part's charset, line breaks as LF, and
    /// `format=flowed` lines (RFC 3676, sent by Apple Mail and Thunderbird) rejoined.
    var text: String {
        let decoded = MIMECharset.decode(body, charset: contentType["charset"])
        let text = decoded.withLineFeeds()
        guard contentType["format"]?.lowercased() == "flowed" else { return text }
        return MIMEFlowedText.unflow(text, deleteSpace: contentType["delsp"]?.lowercased() == "yes")
    }

    static let plainText = MIMEParameterizedValue(value: "text/plain", parameters: ["charset": "us-ascii"])
}

/// Builds the MIME tree of a message, within the limits that keep a hostile
/// message from exhausting memory or the stack.
struct MIMEPartReader {
    let bytes: [UInt8]
    let limits: InboundMail.Limits
    private(set) var partCount = 0
    private(set) var defects: [InboundMailDefect] = []

    init(bytes: [UInt8], limits: InboundMail.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// The part in `range`. `depth` is the number of multiparts around it;
    /// recursion stops at `limits.maximumDepth`, so the stack stays bounded.
    mutating func read(_ range: Range<Int>, depth: Int, defaultType: MIMEParameterizedValue = MIMEPart.plainText)
        throws(InboundMailError) -> MIMEPart
    {
        partCount += 1
        if partCount > limits.maximumParts { throw .tooManyParts(limit: limits.maximumParts) }
        let (headers, bodyStart, headerDefects) = MIMEHeaders.parse(bytes, in: range)
        defects += headerDefects
        var contentType = headers["content-type"].map(MIMEParameterizedValue.init(parsing:)) ?? defaultType
        if contentType.value.split(separator: "/").count != 2 {
            contentType.value = MIMEPart.plainText.value
        }
        let disposition = headers["content-disposition"].map(MIMEParameterizedValue.init(parsing:))
        let bodyRange = bodyStart..<range.upperBound

        if contentType.value.hasPrefix("multipart/") {
            if depth + 1 > limits.maximumDepth { throw .nestedTooDeeply(limit: limits.maximumDepth) }
            if let boundary = contentType["boundary"], !boundary.isEmpty {
                if let (ranges, closed) = split(bodyRange, boundary: Array("--\(boundary)".utf8)) {
                    if !closed { defects.append(.missingClosingBoundary(boundary)) }
                    let childType =
                        contentType.value == "multipart/digest"
                        ? MIMEParameterizedValue(value: "message/rfc822") : MIMEPart.plainText
                    var children: [MIMEPart] = []
                    for childRange in ranges {
                        children.append(try read(childRange, depth: depth + 1, defaultType: childType))
                    }
                    return MIMEPart(
                        headers: headers, contentType: contentType, disposition: disposition, body: [],
                        children: children)
                }
                defects.append(.boundaryNotFound(boundary))
            } else {
                defects.append(.missingBoundary)
            }
            // Unreadable structure: the body as text, so nothing the sender wrote is lost.
            contentType = MIMEParameterizedValue(value: "text/plain", parameters: contentType.parameters)
        }

        let encoding = MIMETransferEncoding(headerValue: headers["content-transfer-encoding"])
        let (body, damaged) = encoding.decode(bytes[bodyRange])
        if damaged { defects.append(.invalidBase64) }
        return MIMEPart(headers: headers, contentType: contentType, disposition: disposition, body: body, children: [])
    }

    /// The ranges of the parts between `--boundary` lines in `range`, and
    /// whether the closing `--boundary--` line was found; nil when no
    /// boundary line occurs. The line break before a boundary line belongs to
    /// the boundary (RFC 2046 §5.1.1); the preamble and epilogue are dropped.
    private func split(_ range: Range<Int>, boundary delimiter: [UInt8]) -> (parts: [Range<Int>], closed: Bool)? {
        var parts: [Range<Int>] = []
        var partStart: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            let line = MIMEHeaders.line(bytes, at: index, end: range.upperBound)
            if let isClose = delimiterKind(line.content, delimiter) {
                if let start = partStart {
                    var end = max(index, start)
                    if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
                    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    parts.append(start..<end)
                }
                if isClose { return (parts, true) }
                partStart = line.next
            }
            if line.next <= index { break }
            index = line.next
        }
        guard let start = partStart else { return nil }
        parts.append(start..<max(start, range.upperBound))
        return (parts, false)
    }

    /// Whether `line` is a boundary line: nil if not, else whether it closes.
    /// Only white space may follow the boundary (`--` first on a closing
    /// line), so one boundary that is a prefix of another is not mistaken for it.
    private func delimiterKind(_ line: Range<Int>, _ delimiter: [UInt8]) -> Bool? {
        guard line.count >= delimiter.count, bytes[line].starts(with: delimiter) else { return nil }
        var index = line.lowerBound + delimiter.count
        var isClose = false
        if index + 1 < line.upperBound, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") {
            isClose = true
            index += 2
        }
        while index < line.upperBound {
            guard bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 else { return nil }
            index += 1
        }
        return isClose
    }
}
