import Crypto
import Foundation
import HelpDeskCore
import HelpDeskStore

/// Email channels: the inbound secret a mail provider's route proves itself
/// with (shown once, kept only as a hash), and the team's outgoing mail server.
extension HelpDesk {
    /// A fresh inbound secret and the hash the channel keeps of it.
    public static func newInboundSecret() -> (secret: String, hash: String) {
        let secret = "in_" + Tokens.random(bytes: 32)
        return (secret, inboundSecretHash(secret))
    }

    /// The lowercase hex SHA-256 of a secret.
    public static func inboundSecretHash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The email channel an inbound delivery is for, once its bearer secret proved it: 404 for no
    /// such email channel, 401 when the secret is missing or wrong (compared as hashes, in constant time).
    public func inboundEmailChannel(id: String, bearer: String?) async throws -> ChannelConnection {
        let channel = try await chatChannel(id: id, kind: .email)
        guard let settings = channel.configuration.email, let bearer,
            Tokens.constantTimeEquals(Self.inboundSecretHash(bearer), settings.inboundSecretHash)
        else {
            throw HelpDeskError.unauthorized(
                "send the channel's inbound secret as Authorization: Bearer <inboundSecret>")
        }
        return channel
    }

    /// The team's email channel: its SMTP server sends replies and notifications; nil when the team has none.
    public func emailChannel(teamID: String) async throws -> ChannelConnection? {
        try await store.channels(teamID: teamID).first { $0.kind == .email }
    }
}
