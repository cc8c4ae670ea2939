import Crypto
import Foundation
import HelpDeskCore

/// How a webhook delivery is signed: `X-HelpDesk-Timestamp` is the unix time
/// of the attempt in seconds, and `X-HelpDesk-Signature` is
/// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
/// Receivers recompute it from the raw bytes they received, compare in
/// constant time, and refuse timestamps far from their clock (replays).
public enum WebhookSignature {
    /// The hex HMAC of `"<timestamp>.<body>"` under `secret` (the whole secret, `whsec_` included).
    public static func hex(secret: String, timestamp: Int64, body: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: key)
        return Hex.encode(mac)
    }

    /// The `X-HelpDesk-Signature` header's value.
    public static func header(secret: String, timestamp: Int64, body: String) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }
}
