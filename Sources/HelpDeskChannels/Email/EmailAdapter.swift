import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore

/// Email channels: an inbound mail (from a provider's route or the built-in
/// SMTP listener) parsed and handed to `HelpDesk.receiveEmail`: the sender,
/// the new text with the quoted history cut (the whole text kept as a file),
/// the reply tokens addressed to the channel's domain, the parent Message-IDs,
/// why it is automatic, and the bounced mail a delivery report names.
public struct EmailAdapter: Sendable {
    let helpDesk: HelpDesk
    /// The largest raw mail taken (the listener and the hook refuse more first).
    public let maxMessageBytes: Int

    public init(helpDesk: HelpDesk, maxMessageBytes: Int = 25 * 1024 * 1024) {
        self.helpDesk = helpDesk
        self.maxMessageBytes = maxMessageBytes
    }

    /// Parses and takes a raw RFC 5322 mail for `channel`. A mail too large or
    /// too deeply nested is 413/400; one without a sender is 400; nothing is stored then.
    public func take(_ raw: [UInt8], on channel: ChannelConnection, envelopeRecipients: [String] = []) async throws
        -> EmailIntake
    {
        guard let settings = channel.configuration.email else {
            throw HelpDeskError.notFound("no email channel with id \(channel.id)")
        }
        let mail: InboundMail
        do {
            mail = try InboundMail.parse(raw, limits: InboundMail.Limits(maximumBytes: maxMessageBytes))
        } catch .tooLarge(let bytes, let limit) {
            throw HelpDeskError.tooLarge("the mail is \(bytes) bytes; at most \(limit) are taken")
        } catch {
            throw HelpDeskError.badRequest("the mail cannot be read: \(error)")
        }
        return try await helpDesk.receiveEmail(
            Self.inbound(mail, domain: settings.domain, envelopeRecipients: envelopeRecipients), on: channel)
    }

    /// The service's view of a parsed mail, for a channel whose support address is on `domain`.
    static func inbound(_ mail: InboundMail, domain: String, envelopeRecipients: [String]) throws -> InboundEmail {
        guard let sender = mail.from.first ?? mail.sender else {
            throw HelpDeskError.badRequest("the mail has no From address")
        }
        let tokens = mail.subaddressedRecipients(envelopeRecipients: envelopeRecipients)
            .filter { $0.domain == domain.lowercased() && $0.detail.lowercased().hasPrefix("t-") }
            .map(\.detail)
        let automation = mail.automation()
        let reply = mail.replyText
        return InboundEmail(
            messageID: mail.messageID, from: sender.normalizedAddress, fromName: sender.name,
            subject: mail.subject ?? "", text: reply, fullText: reply == mail.text ? nil : mail.text,
            replyTokens: tokens, parentMessageIDs: mail.parentMessageIDs,
            automated: automation.isAutomated ? automation.reasons.map(\.description).joined(separator: "; ") : nil,
            bouncedMessageID: mail.bouncedMessageID,
            attachments: mail.attachments.filter { !isReportPart($0.contentType) }.map {
                InboundEmail.Attachment(name: $0.filename, contentType: $0.contentType, data: Data($0.data))
            })
    }

    static func isReportPart(_ type: String) -> Bool {
        ["message/rfc822", "text/rfc822-headers", "message/delivery-status", "message/global-headers"].contains(
            type.lowercased())
    }
}
