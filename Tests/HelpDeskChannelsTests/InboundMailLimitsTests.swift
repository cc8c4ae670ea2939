import Foundation
import Testing

@testable import HelpDeskChannels

/// A hostile or broken message costs bounded time and memory: limits refuse
/// with a typed error, and no input crashes the parser.
@Suite struct InboundMailLimitsTests {
    /// `levels` multiparts, each inside the one before.
    static func nested(_ levels: Int) -> [UInt8] {
        var text = "From: a@x.org\r\n"
        for level in 0..<levels {
            text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        text += "Content-Type: text/plain\r\n\r\ndeep\r\n"
        for level in (0..<levels).reversed() { text += "--b\(level)--\r\n" }
        return Array(text.utf8)
    }

    /// A multipart/mixed with `count` text parts.
    static func wide(_ count: Int) -> [UInt8] {
        var text = "From: a@x.org\r\nContent-Type: multipart/mixed; boundary=w\r\n\r\n"
        for index in 0..<count { text += "--w\r\nContent-Type: text/plain\r\n\r\npart \(index)\r\n" }
        return Array((text + "--w--\r\n").utf8)
    }

    @Test func aMessageOverTheSizeLimitIsRefused() throws {
        let bytes = Array("Subject: hi\r\n\r\n0123456789".utf8)
        let limits = InboundMail.Limits(maximumBytes: 10)
        #expect(throws: InboundMailError.tooLarge(bytes: bytes.count, limit: 10)) {
            try InboundMail.parse(bytes, limits: limits)
        }
        #expect(
            try InboundMail.parse(bytes, limits: InboundMail.Limits(maximumBytes: bytes.count)).text == "0123456789")
        #expect(
            InboundMailError.tooLarge(bytes: 26, limit: 10).description
                == "the message is 26 bytes, over the limit of 10 bytes (InboundMail.Limits.maximumBytes)")
    }

    @Test func nestingIsBounded() throws {
        #expect(try InboundMail.parse(Self.nested(20)).text == "deep")
        #expect(throws: InboundMailError.nestedTooDeeply(limit: 20)) { try InboundMail.parse(Self.nested(21)) }
        #expect(throws: InboundMailError.nestedTooDeeply(limit: 20)) { try InboundMail.parse(Self.nested(5_000)) }
        #expect(throws: InboundMailError.nestedTooDeeply(limit: 3)) {
            try InboundMail.parse(Self.nested(4), limits: InboundMail.Limits(maximumDepth: 3))
        }
    }

    @Test func partCountIsBounded() throws {
        // The root multipart counts as a part too.
        #expect(try InboundMail.parse(Self.wide(499)).text.hasSuffix("part 498"))
        #expect(throws: InboundMailError.tooManyParts(limit: 500)) { try InboundMail.parse(Self.wide(500)) }
        #expect(throws: InboundMailError.tooManyParts(limit: 10)) {
            try InboundMail.parse(Self.wide(10), limits: InboundMail.Limits(maximumParts: 10))
        }
    }

    @Test func degenerateInputsParseToEmptyMail() throws {
        let empty = try InboundMail.parse([])
        #expect(empty.headers.fields.isEmpty && empty.text.isEmpty && empty.attachments.isEmpty)
        let onlyBody = try InboundMail.parse(Array("\r\nno headers at all".utf8))
        #expect(onlyBody.text == "no headers at all")
        let noBody = try InboundMail.parse(Array("Subject: only headers".utf8))
        #expect(noBody.subject == "only headers" && noBody.text.isEmpty)
        let noBoundary = try InboundMail.parse(Array("Content-Type: multipart/mixed\n\nplain after all".utf8))
        #expect(noBoundary.text == "plain after all")
        #expect(noBoundary.defects == [.missingBoundary])
        let absentBoundary = try InboundMail.parse(Array("Content-Type: multipart/mixed; boundary=z\n\ntext".utf8))
        #expect(absentBoundary.text == "text")
        #expect(absentBoundary.defects == [.boundaryNotFound("z")])
        let binary = try InboundMail.parse((0...255).map { UInt8($0) } + [0, 0, 0xFF, 0xFE])
        #expect(binary.from.isEmpty)
    }

    /// Inputs built so that a scan repeated at each of many openings would
    /// take quadratic time; each must stay linear.
    @Test(.timeLimit(.minutes(1))) func pathologicalRepetitionStaysLinear() async throws {
        let checks = try await OwnThread.run { () throws -> [String: Bool] in
            let openers = String(repeating: "=?utf-8?q?x", count: 40_000)
            let spaced = String(repeating: "=?utf-8?q?x ", count: 40_000)
            let attributions =
                String(repeating: "On 1 Mar 2026, Jane <j@x.org> wrote:\nme\n", count: 20_000) + "> q"
            let blankLines =
                String(repeating: "\n", count: 200_000) + "text" + String(repeating: " \n", count: 200_000)
            let flowed = String(repeating: "word ", count: 200_000).split(separator: " ").joined(separator: " \n")
            let headerLines = String(repeating: "not a header\n", count: 50_000) + "\nbody"
            return [
                "openers": MIMEEncodedWord.decode(openers) == openers,
                "spaced": MIMEEncodedWord.decode(spaced) == spaced,
                "heads": MIMEHTMLText.text(fromHTML: String(repeating: "<head>x", count: 40_000)).count == 40_000,
                "comments": MIMEHTMLText.text(fromHTML: String(repeating: "<!--", count: 40_000) + "x") == "",
                "attributions": InboundReplyTrimmer.trim(attributions).hasPrefix("On 1 Mar 2026"),
                "blank lines": InboundBody.trimmed(blankLines) == "text",
                "flowed": MIMEFlowedText.unflow(flowed, deleteSpace: false).count == 200_000 * 5 - 1,
                "header lines": try InboundMail.parse(Array(headerLines.utf8)).text.hasPrefix("not a header"),
            ]
        }
        #expect(checks.filter { !$0.value }.map(\.key).isEmpty, "\(checks)")
    }

    /// A large but ordinary message: an 8 MB attachment (6 MB decoded) among text parts.
    @Test(.timeLimit(.minutes(1))) func aLargeAttachmentParses() async throws {
        let (text, same) = try await OwnThread.run { () throws -> (String, Bool) in
            let payload = (0..<6_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let encoded = Data(payload).base64EncodedString(options: .lineLength76Characters)
            let message =
                "From: a@x.org\r\nContent-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\n"
                + "Content-Type: text/plain\r\n\r\nSee the file.\r\n--big\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--big--\r\n"
            let mail = try InboundMail.parse(Array(message.utf8))
            return (mail.text, mail.attachments.first?.data == payload)
        }
        #expect(text == "See the file.")
        #expect(same)
    }

    /// A deterministic generator (SplitMix64), so a failing mutation can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fragments that steer mutations into the parser's interesting paths.
    static let fragments = [
        "\r\n", "\n", "\r\n\r\n", "=?", "?=", "=?utf-8?B?", "=?iso-8859-1?Q?=E9", "--", "boundary=", "\"", "<", ">",
        "(", ")", "\\", ";", ":", "=", "=\r\n", "&#x", "&", "<blockquote>", "<script>", "filename*0*=utf-8''%",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n", "Content-Transfer-Encoding: base64\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n", "\r\n--x--", "> ", "On 1 Jan 2026 X <a@b> wrote:\n",
    ].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1:
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }, at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &random)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...200, using: &random))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: end)
            case 4:
                bytes.removeSubrange(position...)
            case 5:
                bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
            default:
                bytes = bytes.filter { $0 != UInt8(ascii: "\r") }
            }
        }
        return bytes
    }

    @Test func randomMutationsOfTheCorpusNeverCrash() async throws {
        let corpus = try MailFixture.names.map(MailFixture.bytes)
        let parsed = try await OwnThread.run { Self.parseMutations(of: corpus) }
        #expect(parsed > 2_900, "limits refused \(3_000 - parsed) of 3000 small messages")
    }

    static func parseMutations(of corpus: [[UInt8]]) -> Int {
        var random = SeededGenerator(state: 20_260_303)
        var parsed = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(corpus.randomElement(using: &random)!, &random)
            guard let mail = try? InboundMail.parse(input) else { continue }
            parsed += 1
            Self.touchEverything(mail)
        }
        return parsed
    }

    /// Computes everything a caller would from `mail`, so no derived value can trap either.
    static func touchEverything(_ mail: InboundMail) {
        _ = InboundReplyTrimmer.trim(mail.text)
        _ = mail.html.map(MIMEHTMLText.text(fromHTML:))
        _ = mail.automation(loopMarkers: ["x"])
        _ = mail.replyToken { $0.detail }
        _ = mail.parentMessageIDs
        _ = InboundThreadingHint.candidates(for: mail, supportDomain: "helpdesk.example")
        _ = InboundSubject.normalized(mail.subject ?? "")
        _ = mail.attachments.map { ($0.filename, $0.data.count) }
    }

    /// A message cut off anywhere (a dropped connection, a full spool, a
    /// webhook body truncated by a proxy) still parses, and once the cut is
    /// past the header section it keeps every header field: the sender and
    /// the threading ids are never lost to a damaged body.
    @Test func truncationAtEvery97thByteNeverCrashesNorLosesTheHeader() async throws {
        let fixtures = try MailFixture.names.map { ($0, try MailFixture.bytes($0)) }
        let (inputs, lost) = try await OwnThread.run { () throws -> (Int, [String]) in
            var inputs = 0
            var lost: [String] = []
            for (name, bytes) in fixtures {
                let full = try InboundMail.parse(bytes)
                let headerEnd = Self.headerSectionEnd(bytes)
                for end in stride(from: 0, through: bytes.count, by: 97) {
                    inputs += 1
                    let mail = try InboundMail.parse(Array(bytes[..<end]))
                    Self.touchEverything(mail)
                    if let headerEnd, end >= headerEnd, mail.headers != full.headers {
                        lost.append("\(name) cut at \(end)")
                    }
                }
            }
            return (inputs, lost)
        }
        #expect(lost.isEmpty, "\(lost)")
        let expected = fixtures.reduce(0) { $0 + $1.1.count / 97 + 1 }
        #expect(inputs == expected)
        #expect(inputs > 1_000, "\(inputs) truncated inputs from \(fixtures.count) messages")
        print("truncation: \(inputs) inputs from \(fixtures.count) messages parsed")
    }

    /// The offset just after the blank line that ends the top-level header section, if there is one.
    static func headerSectionEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                if bytes[index + 1] == UInt8(ascii: "\n") { return index + 2 }
                if bytes[index + 1] == UInt8(ascii: "\r"), index + 2 < bytes.count,
                    bytes[index + 2] == UInt8(ascii: "\n")
                {
                    return index + 3
                }
            }
            index += 1
        }
        return nil
    }

    @Test func randomBytesNeverCrash() async throws {
        try await OwnThread.run { Self.parseRandomBytes() }
    }

    static func parseRandomBytes() {
        var random = SeededGenerator(state: 42)
        for _ in 0..<500 {
            let length = Int.random(in: 0..<2_000, using: &random)
            let bytes = (0..<length).map { _ in
                // Mostly printable, with line breaks and markup, so the parser gets past the headers.
                Bool.random(using: &random)
                    ? Array("\r\n:;=?<>\"()-&ab ".utf8).randomElement(using: &random)!
                    : UInt8.random(in: 0...255, using: &random)
            }
            if let mail = try? InboundMail.parse(bytes) {
                _ = InboundReplyTrimmer.trim(mail.text)
                _ = mail.html.map(MIMEHTMLText.text(fromHTML:))
            }
        }
    }
}
