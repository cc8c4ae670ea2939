import Foundation
import Testing

@testable import HelpDeskChannels

/// Every message in `Tests/Fixtures/mail` against `expected.json`, which
/// writes down what each must parse to: sender, subject, date, threading ids,
/// the reply without its quote, attachments, automation, reply token, the
/// threading hints, the bounced message and the damage read around. The
/// expectations live in data so that adding a fixture is adding a file and an
/// entry, and so that every fixture is held to every field, not to the few a
/// hand-written test happened to check.
@Suite struct MailCorpusExpectationsTests {
    struct Sidecar: Decodable {
        var supportDomain: String
        var messages: [Expectation]
    }

    struct Sender: Decodable, Equatable, CustomStringConvertible {
        var name: String?
        var address: String

        var description: String { "\(name.map { "\"\($0)\" " } ?? "")<\(address)>" }
    }

    struct Attachment: Decodable, Equatable, CustomStringConvertible {
        var filename: String?
        var contentType: String
        var size: Int
        var disposition: String
        var contentID: String?

        init(_ attachment: InboundAttachment) {
            filename = attachment.filename
            contentType = attachment.contentType
            size = attachment.data.count
            disposition = attachment.disposition.rawValue
            contentID = attachment.contentID
        }

        var description: String {
            "\(filename ?? "(no name)") \(contentType) \(size) bytes \(disposition)"
                + (contentID.map { " cid:\($0)" } ?? "")
        }
    }

    struct Expectation: Decodable {
        var file: String
        var kind: String
        var from: Sender?
        var subject: String?
        var date: String?
        var messageID: String?
        var inReplyTo: [String]
        var references: [String]
        var replyText: String?
        var replyTextPrefix: String?
        var replyTextContains: [String]?
        var hasHTML: Bool
        var attachments: [Attachment]
        var isAutomated: Bool
        var automation: [String]
        var replyToken: String?
        var threading: String
        var threadingCandidates: [String]
        var bouncedMessageID: String?
        var defects: [String]
    }

    /// The keys every entry has, null where a value is missing, so a field
    /// left out of an entry is an error rather than a silent nil.
    static let requiredKeys: Set<String> = [
        "file", "about", "kind", "from", "subject", "date", "messageID", "inReplyTo", "references", "hasHTML",
        "attachments", "isAutomated", "automation", "replyToken", "threading", "threadingCandidates",
        "bouncedMessageID", "defects",
    ]
    static let attachmentKeys: Set<String> = ["filename", "contentType", "size", "disposition", "contentID"]

    static let sidecarURL = MailFixture.directory.appendingPathComponent("expected.json")

    static func loadSidecar() throws -> Sidecar {
        try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: sidecarURL))
    }

    /// Loaded once for the parameterized test; `theSidecarDescribesTheWholeCorpus`
    /// loads it again to report why, if it cannot be read.
    static let sidecar = try? loadSidecar()
    static let files = sidecar?.messages.map(\.file) ?? []

    @Test func theSidecarDescribesTheWholeCorpus() throws {
        let sidecar = try Self.loadSidecar()
        let files = sidecar.messages.map(\.file)
        #expect(files.count >= 30, "the corpus has \(files.count) messages; the email issue asks for at least 30")
        #expect(Set(files).count == files.count, "an entry is listed twice")
        #expect(Set(files) == Set(MailFixture.names), "every .eml file has exactly one entry")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.sidecarURL)) as? [String: Any]
        let entries = try #require(json?["messages"] as? [[String: Any]])
        for entry in entries {
            let name = entry["file"] as? String ?? "?"
            let keys = Set(entry.keys)
            let text: Set<String> =
                keys.contains("replyText") ? ["replyText"] : ["replyTextPrefix", "replyTextContains"]
            #expect(keys == Self.requiredKeys.union(text), "\(name): keys differ from the schema")
            for attachment in entry["attachments"] as? [[String: Any]] ?? [] {
                #expect(Set(attachment.keys) == Self.attachmentKeys, "\(name): attachment keys differ")
            }
        }
    }

    /// The issue's list of what the corpus must cover, as far as the parse shows it.
    @Test func theCorpusCoversEveryThreadingPathAndKind() throws {
        let messages = try Self.loadSidecar().messages
        for prefix in ["token:", "header:", "subject:", "new"] {
            #expect(messages.contains { $0.threading.hasPrefix(prefix) }, "no message threads by \(prefix)")
        }
        for kind in ["plain", "html", "attachments"] {
            #expect(messages.contains { $0.kind == kind }, "no \(kind) message")
        }
        #expect(messages.filter { $0.bouncedMessageID != nil }.count >= 2)
        #expect(messages.contains { $0.isAutomated && $0.bouncedMessageID == nil })
        #expect(messages.contains { !$0.defects.isEmpty })
    }

    @Test(arguments: files)
    func messageParsesAsWrittenDown(file: String) throws {
        let sidecar = try #require(Self.sidecar)
        let expected = try #require(sidecar.messages.first { $0.file == file })
        let mail = try MailFixture.mail(file)

        #expect(mail.from.first.map { Sender(name: $0.name, address: $0.address) } == expected.from)
        #expect(mail.subject == expected.subject)
        if let iso = expected.date {
            let date: Date = try #require(MailFixture.utc(iso), "\(iso) is not an ISO 8601 UTC date")
            #expect(mail.date == date)
        } else {
            #expect(mail.date == nil)
        }
        #expect(mail.messageID == expected.messageID)
        #expect(mail.inReplyTo == expected.inReplyTo)
        #expect(mail.references == expected.references)

        let reply = mail.replyText
        if let exact = expected.replyText {
            #expect(reply == exact)
        } else {
            let prefix = try #require(expected.replyTextPrefix, "an entry needs replyText or replyTextPrefix")
            #expect(reply.hasPrefix(prefix), "reply text starts: \(reply.prefix(prefix.count + 40))")
            for part in expected.replyTextContains ?? [] {
                #expect(reply.contains(part), "reply text lacks: \(part)")
            }
        }
        #expect((mail.html != nil) == expected.hasHTML)
        #expect(mail.attachments.map(Attachment.init) == expected.attachments)

        #expect(mail.isAutomated == expected.isAutomated)
        #expect(mail.automation().reasons.map(Self.code) == expected.automation)
        #expect(mail.replyToken { Self.ticketToken($0, domain: sidecar.supportDomain) } == expected.replyToken)
        let hints = InboundThreadingHint.candidates(for: mail, supportDomain: sidecar.supportDomain)
        #expect(hints.map(\.description) == expected.threadingCandidates)
        #expect((hints.first?.description ?? "new") == expected.threading)
        #expect(mail.bouncedMessageID == expected.bouncedMessageID)
        #expect(mail.defects.map(Self.code) == expected.defects)
        #expect(Self.kind(of: mail) == expected.kind)
    }

    /// The reply token as the help desk writes it, `support+t-<token>@<its domain>`,
    /// read through `InboundMail.replyToken`, independently of `InboundThreadingHint`.
    static func ticketToken(_ subaddress: InboundSubaddress, domain: String) -> String? {
        subaddress.mailbox == "support" && subaddress.domain == domain && subaddress.detail.hasPrefix("t-")
            ? String(subaddress.detail.dropFirst(2)) : nil
    }

    /// The benchmark's grouping: attachments when there are any, else HTML
    /// when an HTML rendition is kept, else plain.
    static func kind(of mail: InboundMail) -> String {
        !mail.attachments.isEmpty ? "attachments" : mail.html != nil ? "html" : "plain"
    }

    static func code(_ reason: InboundAutomation.Reason) -> String {
        switch reason {
        case .autoSubmitted(let value): "autoSubmitted:\(value)"
        case .autoReplyField(let name): "autoReplyField:\(name)"
        case .precedence(let value): "precedence:\(value)"
        case .mailingList(let name): "mailingList:\(name)"
        case .nullReturnPath: "nullReturnPath"
        case .systemSender(let address): "systemSender:\(address)"
        case .report(let type): "report:\(type)"
        case .failedRecipients: "failedRecipients"
        case .loop(let marker): "loop:\(marker)"
        }
    }

    static func code(_ defect: InboundMailDefect) -> String {
        switch defect {
        case .headerLineWithoutColon(let line): "headerLineWithoutColon:\(line)"
        case .missingBoundary: "missingBoundary"
        case .boundaryNotFound(let boundary): "boundaryNotFound:\(boundary)"
        case .missingClosingBoundary(let boundary): "missingClosingBoundary:\(boundary)"
        case .invalidBase64: "invalidBase64"
        }
    }
}
