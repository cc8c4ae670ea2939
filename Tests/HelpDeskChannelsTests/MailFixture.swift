import Foundation

@testable import HelpDeskChannels

/// The raw messages under `Tests/Fixtures/mail`, byte for byte as a mail
/// server would hand them over (CRLF, except the files testing bare LF).
enum MailFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mail")

    /// Every `.eml` file in the folder, sorted, so a new fixture joins the
    /// corpus-wide tests (line endings, mutation, truncation) by being there.
    static let names: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".eml") }.sorted()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func mail(_ name: String) throws -> InboundMail {
        try InboundMail.parse(bytes(name))
    }

    /// The instant of an ISO 8601 UTC timestamp, to compare parsed dates with.
    static func utc(_ iso: String) -> Date? {
        ISO8601DateFormatter().date(from: iso)
    }

    /// The 1×1 PNG the fixtures attach.
    static let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        + [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89]

    /// The small PDF the fixtures attach.
    static let pdf = Array(
        "%PDF-1.4\n% invoice\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
}
