import Foundation
import Logging
import NIOCore

/// Commands and their replies over one connection, each within its time
/// limit, with every failure turned into an `SMTPError` for its step.
///
/// Every line sent is logged at trace level except the secrets: AUTH lines are
/// logged as `****`, so no password (nor its base64) reaches a log.
struct SMTPDialogue: Sendable {
    let connection: SMTPConnection
    let timeouts: SMTPTimeouts
    let logger: Logger

    /// Sends `line` and reads its reply, which must carry one of `expected`.
    /// `logged` is what the log shows instead of a line holding a secret.
    @discardableResult
    func command(
        _ line: String, step: SMTPError.Step, expect expected: Set<Int>, logged: String? = nil,
        timeout: Duration? = nil
    ) async throws(SMTPError) -> SMTPReply {
        logger.trace("SMTP client: \(logged ?? line)")
        connection.write(Array((line + "\r\n").utf8))
        return try await reply(step: step, expect: expected, timeout: timeout ?? timeouts.command)
    }

    /// Sends the message (already dot-stuffed and terminated) and reads the verdict.
    func message(_ payload: [UInt8]) async throws(SMTPError) -> SMTPReply {
        logger.trace("SMTP client: <message of \(payload.count) bytes>")
        connection.write(payload)
        return try await reply(step: .message, expect: [250], timeout: timeouts.data)
    }

    /// Reads the next reply, which must carry one of `expected`.
    func reply(step: SMTPError.Step, expect expected: Set<Int>, timeout: Duration) async throws(SMTPError)
        -> SMTPReply
    {
        let reply: SMTPReply
        do {
            reply = try await connection.reply(within: timeout)
        } catch {
            if Task.isCancelled { throw SMTPError(step: step, reason: .connectionFailed("cancelled")) }
            throw SMTPError(step: step, reason: Self.reason(for: error, timeout: timeout))
        }
        logger.trace("SMTP server: \(reply)")
        guard expected.contains(reply.code) else { throw SMTPError(step: step, reason: .rejected(reply)) }
        return reply
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// What a failed wait means, in words that hold no secret.
    static func reason(for error: any Error, timeout: Duration) -> SMTPError.Reason {
        switch error {
        case SMTPReplyHandler.Failure.timedOut:
            return .timedOut(timeout)
        case SMTPReplyHandler.Failure.closed:
            return .connectionFailed("the server closed the connection")
        case SMTPReplyHandler.Failure.malformed(let detail):
            return .protocolViolation(detail)
        case SMTPReplyHandler.Failure.channel(let inner):
            return .connectionFailed(describe(inner))
        default:
            return .connectionFailed(describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        SMTPFailureWords.describe(error)
    }
}
