/// Which channels an operator's reply can take now, and which the composer
/// picks by default: the conversation's live channel once the operator
/// has taken over the chat, otherwise email when the requester has an address.
/// WhatsApp takes free text only inside its 24-hour customer-service window.
public enum ReplyChannels {
    public struct Option: Sendable, Equatable {
        public var channel: Channel
        public var available: Bool
        /// Why it is not available, in words for the composer.
        public var reason: String?
        /// Where it goes, when the channel has an address to show (email: the requester's).
        public var to: String? = nil
    }

    public static func options(conversation: Conversation, caller: MemberRef, now: Timestamp) -> [Option] {
        var options: [Option] = []
        if conversation.channel.isLive {
            switch conversation.speaker {
            case .operator
            where conversation.channel == .whatsapp
                && !CustomerServiceWindow.isOpen(lastCustomerMessage: conversation.lastCustomerMessageAt, now: now):
                options.append(
                    Option(
                        channel: .whatsapp, available: false,
                        reason: CustomerServiceWindow.closedReason(emailOnFile: conversation.requester.email != nil)))
            case .operator(let holder) where holder.id == caller.id:
                options.append(Option(channel: conversation.channel, available: true, reason: nil))
            case .operator(let holder):
                options.append(
                    Option(
                        channel: conversation.channel, available: false, reason: "\(holder.displayName) holds the chat")
                )
            default:
                options.append(
                    Option(channel: conversation.channel, available: false, reason: "take over the chat to reply live"))
            }
        }
        if let email = conversation.requester.email {
            options.append(Option(channel: .email, available: true, reason: nil, to: email))
        } else {
            options.append(Option(channel: .email, available: false, reason: "no email address on file"))
        }
        return options
    }

    /// The composer's default: the first available option.
    public static func defaultChannel(conversation: Conversation, caller: MemberRef, now: Timestamp) -> Channel? {
        options(conversation: conversation, caller: caller, now: now).first(where: \.available)?.channel
    }

    /// Checks a chosen channel, or picks the default; the error says how to fix it.
    public static func resolve(_ chosen: Channel?, conversation: Conversation, caller: MemberRef, now: Timestamp)
        throws(HelpDeskError) -> Channel
    {
        let all = options(conversation: conversation, caller: caller, now: now)
        guard let chosen else {
            guard let channel = all.first(where: \.available)?.channel else {
                let reasons = all.compactMap { option in option.reason.map { "\(option.channel.rawValue): \($0)" } }
                throw .unprocessable(
                    "no channel can reach this customer now (\(reasons.joined(separator: "; "))); nothing was sent")
            }
            return channel
        }
        guard let option = all.first(where: { $0.channel == chosen }) else {
            throw .unprocessable(
                "this conversation is on \(conversation.channel.rawValue); \(chosen.rawValue) cannot reach the customer; nothing was sent"
            )
        }
        guard option.available else {
            throw .unprocessable(
                "cannot reply on \(chosen.rawValue): \(option.reason ?? "unavailable"); nothing was sent")
        }
        return chosen
    }
}

extension TimelineEntry {
    /// The ticket's timeline with the `created` event, which carries the
    /// handoff summary, first; everything else in the order it happened.
    public static func handoffFirst(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        guard
            let index = entries.firstIndex(where: {
                if case .event(let event) = $0.content { event.kind == .created } else { false }
            })
        else { return entries }
        var ordered = entries
        let created = ordered.remove(at: index)
        return [created] + ordered
    }
}
