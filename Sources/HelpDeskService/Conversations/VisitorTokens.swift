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

    private func signingKey() async throws -> SymmetricKey {
        if let key { return key }
        let loaded = SymmetricKey(data: try await store.secret(named: "visitor-token-key"))
        key = loaded
        return loaded
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
