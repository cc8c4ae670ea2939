import Foundation

/// Whether a machine rather than a person sent a message, and how we know.
///
/// An automated message is still stored on its ticket; what it must never
/// get is an automatic answer, or two auto-responders would write to each
/// other forever (RFC 3834). The signals are the ones mail systems agree on;
/// any one suffices.
public struct InboundAutomation: Sendable, Equatable {
    /// One signal of automation, worded for the ticket's timeline by `description`.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// `Auto-Submitted` with a value other than `no` (RFC 3834): `auto-replied`, `auto-generated`.
        case autoSubmitted(String)
        /// A vendor auto-reply marker, `X-Autoreply` or `X-Autorespond` (the field name).
        case autoReplyField(String)
        /// `Precedence: bulk`, `junk` or `list`.
        case precedence(String)
        /// A mailing-list field (RFC 2919, RFC 2369): `List-Id`, `List-Unsubscribe` or `List-Post`.
        case mailingList(String)
        /// `Return-Path: <>`, the null sender of bounces and notifications.
        case nullReturnPath
        /// A system mailbox sent it: `MAILER-DAEMON`, `postmaster`, `no-reply` (the address).
        case systemSender(String)
        /// A `multipart/report`: a delivery status notification (a bounce), a
        /// read receipt or another machine report (the `report-type`).
        case report(String)
        /// `X-Failed-Recipients`, which mail servers add to bounces.
        case failedRecipients
        /// `X-Loop` carries one of our own markers: our own mail came back.
        case loop(String)

        public var description: String {
            switch self {
            case .autoSubmitted(let value): "Auto-Submitted: \(value)"
            case .autoReplyField(let name): "\(name) is set"
            case .precedence(let value): "Precedence: \(value)"
            case .mailingList(let name): "sent by a mailing list (\(name))"
            case .nullReturnPath: "empty Return-Path (a bounce or notification)"
            case .systemSender(let address): "sent by the system mailbox \(address)"
            case .report(let type): "a \(type) report"
            case .failedRecipients: "a bounce (X-Failed-Recipients)"
            case .loop(let marker): "our own mail came back (X-Loop: \(marker))"
            }
        }
    }

    /// Every signal found, in a fixed order; empty for a message a person wrote.
    public var reasons: [Reason]

    public var isAutomated: Bool { !reasons.isEmpty }

    public init(reasons: [Reason]) {
        self.reasons = reasons
    }

    /// Local parts of mailboxes that only machines write from.
    static let systemLocalParts: Set<String> = [
        "mailer-daemon", "postmaster", "no-reply", "noreply", "do-not-reply", "donotreply",
    ]

    /// The signals in `mail`'s top-level headers. `loopMarkers` are the
    /// `X-Loop` values this help desk writes on its own mail.
    public static func classify(_ mail: InboundMail, loopMarkers: Set<String> = []) -> InboundAutomation {
        let headers = mail.headers
        var reasons: [Reason] = []
        if let value = headers["auto-submitted"] {
            let token = MIMEParameterizedValue(parsing: value).value
            if token != "no" { reasons.append(.autoSubmitted(token.isEmpty ? value : token)) }
        }
        for name in ["X-Autoreply", "X-Autorespond"] {
            if let value = headers[name], value.lowercased() != "no" { reasons.append(.autoReplyField(name)) }
        }
        if let value = headers["precedence"]?.lowercased().trimmingMailWhitespace(),
            ["bulk", "junk", "list"].contains(value)
        {
            reasons.append(.precedence(value))
        }
        if let name = ["List-Id", "List-Unsubscribe", "List-Post"].first(where: headers.contains) {
            reasons.append(.mailingList(name))
        }
        if let returnPath = headers["return-path"] {
            let inside = returnPath.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
            if inside.isEmpty { reasons.append(.nullReturnPath) }
        }
        let senders =
            mail.from + [mail.sender].compactMap { $0 }
            + (headers["return-path"].map(InboundAddress.list) ?? [])
        if let system = senders.first(where: { systemLocalParts.contains($0.localPart.lowercased()) }) {
            reasons.append(.systemSender(system.address))
        }
        let contentType = headers["content-type"].map(MIMEParameterizedValue.init(parsing:))
        if let contentType, contentType.value == "multipart/report" {
            reasons.append(.report(contentType["report-type"]?.lowercased() ?? "unknown"))
        }
        if headers.contains("x-failed-recipients") { reasons.append(.failedRecipients) }
        if let marker = headers.values("x-loop").first(where: { loopMarkers.contains($0) }) {
            reasons.append(.loop(marker))
        }
        return InboundAutomation(reasons: reasons)
    }
}

extension InboundMail {
    /// Whether a machine sent this message and why; see `InboundAutomation`.
    public func automation(loopMarkers: Set<String> = []) -> InboundAutomation {
        InboundAutomation.classify(self, loopMarkers: loopMarkers)
    }

    /// Whether a machine sent this message, so it must get no automatic answer.
    public var isAutomated: Bool { automation().isAutomated }
}
