import Crypto
import Foundation
import HelpDeskCore
import HelpDeskStore

/// A widget visitor's identity: which channel and which conversation.
public struct VisitorIdentity: Sendable, Equatable {
    public var channelID: String
    public var conversationID: String
    public var expiresAt: Int64
}

/// Signed visitor tokens: `payload.signature`, both base64url, the signature an
/// HMAC-SHA256 over the payload with a key kept in the database (so every
/// instance accepts every other instance's tokens). Nothing else about the
/// visitor is trusted from the client.
public actor VisitorTokens {
    private let store: any Store
    private var key: SymmetricKey?
    public let lifetimeSeconds: Int64

    public init(store: any Store, lifetimeSeconds: Int64 = 30 * 24 * 3600) {
        self.store = store
        self.lifetimeSeconds = lifetimeSeconds
    }

    private var linkKey: Data?

    private func signingKey() async throws -> SymmetricKey {
        if let key { return key }
        let loaded = SymmetricKey(data: try await store.secret(named: "visitor-token-key"))
        key = loaded
        return loaded
    }

    /// The key of attachment links: another key than the tokens', so a link can never pass for a token.
    private func attachmentLinkKey() async throws -> Data {
        if let linkKey { return linkKey }
        let loaded = try await store.secret(named: "attachment-link-key")
        linkKey = loaded
        return loaded
    }

    /// Signs links to the files of one conversation, valid from now until the
    /// end of the next full hour (one to two hours): the same link all hour
    /// long, so browsers cache the images they show.
    public func attachmentLinks(channelID: String, conversationID: String, now: Timestamp) async throws
        -> AttachmentLinks
    {
        let hour: Int64 = 3600
        let expires = (now.microseconds / 1_000_000 / hour + 2) * hour
        return AttachmentLinks(
            key: try await attachmentLinkKey(), channelID: channelID, conversationID: conversationID, expires: expires)
    }

    /// Whether `signature` is this server's for the attachment in that conversation until `expires`
    /// (expired or not: the caller tells an expired link from a forged one).
    public func isAttachmentSignature(
        _ signature: String, attachmentID: String, conversationID: String, expires: Int64
    ) async throws -> Bool {
        guard signature.count <= 100, let mac = Base64URL.decode(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: AttachmentLinks.message(attachmentID, conversationID, expires),
            using: SymmetricKey(data: try await attachmentLinkKey()))
    }

    public func issue(channelID: String, conversationID: String, now: Timestamp) async throws -> String {
        let expires = now.microseconds / 1_000_000 + lifetimeSeconds
        let payload = Data("v1|\(channelID)|\(conversationID)|\(expires)".utf8)
        let signature = HMAC<SHA256>.authenticationCode(for: payload, using: try await signingKey())
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(signature))
    }

    /// The identity in a token, or nil when it is malformed, forged or expired.
    public func verify(_ token: String, now: Timestamp) async throws -> VisitorIdentity? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 400, parts.count == 2, let payload = Base64URL.decode(String(parts[0])),
            let signature = Base64URL.decode(String(parts[1]))
        else { return nil }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: try await signingKey())
        else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|").map(String.init)
        guard fields.count == 4, fields[0] == "v1", let expires = Int64(fields[3]) else { return nil }
        guard expires > now.microseconds / 1_000_000 else { return nil }
        return VisitorIdentity(channelID: fields[1], conversationID: fields[2], expiresAt: expires)
    }
}

/// Signed links to the files of one widget conversation, for the widget's
/// `<img>` and download links, which cannot send the visitor token:
/// `/widget/v1/{channelId}/attachments/{id}?expires=<unix seconds>&signature=<base64url HMAC-SHA256>`.
/// A link opens one file, for a short while, and nothing else.
public struct AttachmentLinks: Sendable {
    /// The signing key's bytes (`SymmetricKey` is not `Sendable`).
    let key: Data
    public let channelID: String
    public let conversationID: String
    /// When the links stop working, in seconds since 1970.
    public let expires: Int64

    /// What is signed: the attachment, the conversation it was shown in, the expiry.
    static func message(_ attachmentID: String, _ conversationID: String, _ expires: Int64) -> Data {
        Data("a1|\(attachmentID)|\(conversationID)|\(expires)".utf8)
    }

    /// The path of a signed link to one attachment, on this server.
    public func path(for attachmentID: String) -> String {
        let signature = HMAC<SHA256>.authenticationCode(
            for: Self.message(attachmentID, conversationID, expires), using: SymmetricKey(data: key))
        let channel = channelID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? channelID
        return "/widget/v1/\(channel)/attachments/\(attachmentID)?expires=\(expires)&signature="
            + Base64URL.encode(Data(signature))
    }
}
