import Testing

@testable import HelpDeskCore

/// Which files are accepted and as what, who sees an attachment, and which
/// uploads a message may carry: on plain values.
@Suite struct AttachmentPolicyTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)

    static func accept(_ name: String?, _ type: String? = nil, _ head: [UInt8] = [1, 2, 3], size: Int = 100)
        -> Result<(name: String, contentType: String), HelpDeskError>
    {
        Result { () throws(HelpDeskError) in
            try AttachmentPolicy.accept(name: name, declaredType: type, head: head, size: size, maxBytes: 1000)
        }
    }

    @Test func theTypeComesFromTheExtensionAndImagesFromTheirBytes() throws {
        #expect(try Self.accept("Report.PDF").get().contentType == "application/pdf")
        // Windows declares CSV as Excel; the name decides.
        #expect(try Self.accept("list.csv", "application/vnd.ms-excel").get().contentType == "text/csv")
        #expect(try Self.accept("readme", "text/plain; charset=utf-8").get().contentType == "text/plain")
        #expect(try Self.accept("photo.jpeg", "image/jpeg", Self.png).get().contentType == "image/png")
        #expect(try Self.accept("anim.gif", nil, Self.gif).get().contentType == "image/gif")
        #expect(try Self.accept("pic.webp", nil, Self.webp).get().contentType == "image/webp")
        #expect(try Self.accept("pic.jpg", nil, [0xFF, 0xD8, 0xFF, 0xDB]).get().contentType == "image/jpeg")
    }

    @Test func refusalsSayWhy() {
        let cases: [(String?, String?, [UInt8], Int, HelpDeskError)] = [
            ("x.svg", "image/svg+xml", [1], 10, .unsupportedMediaType("")),
            ("x.png", "image/png", Array("<svg".utf8), 10, .unsupportedMediaType("")),
            ("x", nil, [1], 10, .unsupportedMediaType("")),
            ("x", "application/octet-stream", [1], 10, .unsupportedMediaType("")),
            ("x.pdf", nil, [1], 1001, .tooLarge("")),
            ("x.pdf", nil, [], 0, .invalid("file", "")),
            (nil, nil, [1], 10, .invalid("file", "")),
            (" /tmp/ ", nil, [1], 10, .invalid("file", "")),
        ]
        for (name, type, head, size, expected) in cases {
            let result = Self.accept(name, type, head, size: size)
            guard case .failure(let error) = result else {
                Issue.record("\(name ?? "nil") was accepted")
                continue
            }
            switch (error, expected) {
            case (.unsupportedMediaType, .unsupportedMediaType), (.tooLarge, .tooLarge), (.invalid, .invalid): break
            default: Issue.record("\(name ?? "nil"): \(error)")
            }
        }
        #expect(
            Self.accept("big.pdf", size: 1001).failureDescription
                == "big.pdf is 1001 bytes; a file may be at most 1000 bytes")
        let justOver = Result { () throws(HelpDeskError) in
            try AttachmentPolicy.accept(
                name: "a.zip", declaredType: nil, head: [1], size: 10_485_761, maxBytes: 10_485_760)
        }
        #expect(
            justOver.failureDescription == "a.zip is 10485761 bytes; a file may be at most 10485760 bytes (10 MB)")
    }

    @Test func namesAreCleaned() {
        #expect(AttachmentPolicy.cleanName("C:\\fakepath\\photo.png") == "photo.png")
        #expect(AttachmentPolicy.cleanName("../../etc/passwd") == "passwd")
        // A right-to-left override would show "invoice_gnp.exe" as "invoice_exe.png".
        #expect(AttachmentPolicy.cleanName("invoice_\u{202E}gnp.exe") == "invoice_gnp.exe")
        #expect(AttachmentPolicy.cleanName("a\u{0}b\r\n.txt") == "ab.txt")
        #expect(AttachmentPolicy.cleanName("  ") == nil)
        #expect(AttachmentPolicy.cleanName("..") == nil)
        let long = AttachmentPolicy.cleanName(String(repeating: "é", count: 300) + ".pdf")
        #expect(long?.unicodeScalars.count == AttachmentPolicy.nameLimit)
        #expect(long?.hasSuffix("é.pdf") == true)
    }

    @Test func sizesInWords() {
        #expect(AttachmentPolicy.describe(bytes: 10 * 1024 * 1024) == "10 MB")
        #expect(AttachmentPolicy.describe(bytes: 1024 * 1024 + 512 * 1024) == "1.5 MB")
        #expect(AttachmentPolicy.describe(bytes: 3000) == "3 KB")
        #expect(AttachmentPolicy.describe(bytes: 1) == "1 byte")
    }

    static func stored(
        _ id: String, uploader: AttachmentUploader, conversation: String = "cv_1", ticket: Int64? = 1,
        entry: Int64? = nil, onNote: Bool = false
    ) -> StoredAttachment {
        StoredAttachment(
            attachment: Attachment(id: id, name: "a.png", contentType: "image/png", size: 1), teamID: "tm_1",
            conversationID: conversation, ticketID: ticket, uploader: uploader, entryID: entry, onNote: onNote,
            createdAt: Timestamp(microseconds: 0))
    }

    @Test func whoSeesWhat() {
        let unsent = Self.stored("at_1", uploader: .member(id: "mb_ana"))
        #expect(unsent.isVisible(toMember: "mb_ana", ofTeam: "tm_1"))
        #expect(!unsent.isVisible(toMember: "mb_bob", ofTeam: "tm_1"))
        #expect(!unsent.isVisible(toCustomerOf: "cv_1", ofTeam: "tm_1"))
        let sent = Self.stored("at_2", uploader: .member(id: "mb_ana"), entry: 9)
        #expect(sent.isVisible(toMember: "mb_bob", ofTeam: "tm_1"))
        #expect(!sent.isVisible(toMember: "mb_bob", ofTeam: "tm_2"))
        #expect(sent.isVisible(toCustomerOf: "cv_1", ofTeam: "tm_1"))
        #expect(!sent.isVisible(toCustomerOf: "cv_2", ofTeam: "tm_1"))
        let note = Self.stored("at_3", uploader: .member(id: "mb_ana"), entry: 10, onNote: true)
        #expect(note.isVisible(toMember: "mb_bob", ofTeam: "tm_1"))
        #expect(!note.isVisible(toCustomerOf: "cv_1", ofTeam: "tm_1"))
        let customers = Self.stored("at_4", uploader: .customer, ticket: nil)
        #expect(customers.isVisible(toCustomerOf: "cv_1", ofTeam: "tm_1"))
        #expect(!customers.isVisible(toMember: "mb_ana", ofTeam: "tm_1"))
    }

    @Test func aMessageCarriesOnlyItsSendersUnsentUploadsOfThatPlace() {
        let found = [
            Self.stored("at_mine", uploader: .member(id: "mb_ana")),
            Self.stored("at_bobs", uploader: .member(id: "mb_bob")),
            Self.stored("at_sent", uploader: .member(id: "mb_ana"), entry: 4),
            Self.stored("at_other_ticket", uploader: .member(id: "mb_ana"), ticket: 2),
        ]
        func fields(_ ids: [String]) -> [String] {
            do {
                try AttachmentPolicy.checkSendable(
                    ids, found: found, by: .member(id: "mb_ana"), conversationID: "cv_1", ticketID: 1)
                return []
            } catch {
                if case .invalid(let errors) = error { return errors.map(\.field) }
                return ["?"]
            }
        }
        #expect(fields(["at_mine"]) == [])
        #expect(
            fields(["at_mine", "at_bobs", "at_sent", "at_other_ticket", "at_none"]) == [
                "attachmentIds[1]", "attachmentIds[2]", "attachmentIds[3]", "attachmentIds[4]",
            ])
        #expect(fields(["at_mine", "at_mine"]) == ["attachmentIds[1]"])
        #expect(fields((0...10).map { "at_\($0)" }) == ["attachmentIds"])
    }
}

extension Result where Failure == HelpDeskError {
    var failureDescription: String? {
        if case .failure(let error) = self { error.description } else { nil }
    }
}
