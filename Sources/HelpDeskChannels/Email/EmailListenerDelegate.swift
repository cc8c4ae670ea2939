import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Logging

/// The built-in SMTP listener's side of the help desk (`serve --smtp-port`):
/// a recipient is accepted when it is an email channel's support address, or a
/// reply address under it (`support+t-…@`); the bare support address is
/// refused (550) while that team's support inbox is off. An accepted mail is
/// taken once per channel it reached, as the provider route takes it.
public struct EmailListenerDelegate: SMTPListenerDelegate {
    let helpDesk: HelpDesk
    let email: EmailAdapter
    let logger: Logger

    public init(helpDesk: HelpDesk, email: EmailAdapter, logger: Logger) {
        self.helpDesk = helpDesk
        self.email = email
        self.logger = logger
    }

    public func checkRecipient(_ address: String) async -> SMTPRecipientDecision {
        do {
            guard let (channel, isReplyAddress) = try await helpDesk.emailChannel(receiving: address) else {
                return .unknown
            }
            if !isReplyAddress, try await !helpDesk.supportInboxEnabled(teamID: channel.teamID) {
                return .unknown
            }
            return .accept
        } catch {
            return .temporaryFailure("the help desk cannot check this address now; try again later")
        }
    }

    public func receive(_ message: SMTPReceivedMessage) async -> SMTPDeliveryDecision {
        var channels: [ChannelConnection] = []
        do {
            for recipient in message.recipients {
                if let (channel, _) = try await helpDesk.emailChannel(receiving: recipient),
                    !channels.contains(where: { $0.id == channel.id })
                {
                    channels.append(channel)
                }
            }
        } catch {
            return .temporaryFailure("the help desk cannot take mail now; try again later")
        }
        var taken: [String] = []
        for channel in channels {
            do {
                switch try await email.take(message.data, on: channel, envelopeRecipients: message.recipients) {
                case .stored(let number, _): taken.append("#\(number)")
                case .duplicate, .bounce: taken.append("ok")
                }
            } catch let error as HelpDeskError {
                switch error {
                case .unprocessable(let detail), .badRequest(let detail), .tooLarge(let detail):
                    return .rejected(detail)
                default:
                    return .temporaryFailure(error.description)
                }
            } catch {
                logger.error("an inbound mail could not be stored", metadata: ["error": "\(error)"])
                return .temporaryFailure("the help desk could not store the mail; try again later")
            }
        }
        return .accepted(id: taken.joined(separator: ","))
    }
}
