import Foundation
import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The words the web app shows for the product's closed sets of values.
    /// `app.js` carries the same words for what it renders live.
    enum Words {
        static func status(_ status: TicketStatus) -> String {
            switch status {
            case .open: "Open"
            case .pending: "Pending"
            case .resolved: "Resolved"
            case .merged: "Merged"
            }
        }

        static func priority(_ priority: Priority) -> String {
            switch priority {
            case .low: "Low"
            case .normal: "Normal"
            case .high: "High"
            case .urgent: "Urgent"
            }
        }

        static func channel(_ channel: Channel) -> String {
            switch channel {
            case .web: "Web chat"
            case .telegram: "Telegram"
            case .whatsapp: "WhatsApp"
            case .email: "Email"
            }
        }

        /// Up to two initials of a name ("Olivia Owner" → "OO", "bo" → "B"), for an avatar.
        static func initials(_ name: String) -> String {
            let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).filter {
                $0.first?.isLetter == true
            }
            let letters = words.prefix(2).compactMap(\.first).map { String($0).uppercased() }
            return letters.isEmpty ? "?" : letters.joined()
        }

        /// One of eight avatar colours, the same for the same name here and in `app.js`
        /// (the sum of the name's UTF-16 code units, modulo 8).
        static func avatarHue(_ name: String) -> Int {
            name.utf16.reduce(0) { ($0 + Int($1)) % 8 }
        }

        static func preChat(_ form: PreChatForm) -> String {
            switch form {
            case .off: "Off"
            case .optional: "Optional"
            case .required: "Required"
            }
        }

        static func availability(_ availability: Availability) -> String {
            switch availability {
            case .online: "Online"
            case .away: "Away"
            case .busy: "Busy"
            case .offline: "Offline"
            }
        }

        static func view(_ view: InboxView) -> String {
            switch view {
            case .mine: "Assigned to me"
            case .all: "All"
            case .unassigned: "Unassigned"
            case .resolved: "Resolved"
            }
        }

        static func sort(_ sort: InboxSort) -> String {
            switch sort {
            case .activity: "Last activity"
            case .waiting: "Longest waiting"
            case .due: "Next due"
            }
        }

        static func role(_ role: Role) -> String {
            switch role {
            case .owner: "Owner"
            case .manager: "Manager"
            case .operator: "Operator"
            }
        }

        static func author(_ kind: AuthorKind) -> String {
            switch kind {
            case .customer: "Customer"
            case .ai: "AI agent"
            case .operator: "Team"
            case .system: "Automatic message"
            }
        }

        static func delivery(_ delivery: Delivery) -> String {
            switch delivery.state {
            case .queued: "Queued"
            case .sent: "Sent"
            case .delivered: "Delivered"
            case .read: "Read"
            case .failed: "Failed" + (delivery.error.map { ": " + $0 } ?? "")
            }
        }

        static func assignment(_ method: AssignmentMethod) -> (title: String, explanation: String) {
            switch method {
            case .manual: ("Manual", "Tickets stay unassigned until someone picks one up or assigns it.")
            case .balanced:
                (
                    "Balanced",
                    "To the online operator with the fewest unresolved tickets; ties go to whoever was assigned least recently."
                )
            case .roundRobin: ("Round robin", "One by one to online operators, in a fixed rotation.")
            }
        }

        /// A time for the page before the script shows it in the reader's time zone.
        static func time(_ timestamp: Timestamp) -> String {
            let text = timestamp.rfc3339
            return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
        }

        /// An event in plain words, e.g. "Sam took over the chat" or
        /// "Assigned to Riley — balanced: 2 unresolved, fewest of 3 online".
        static func event(_ event: TicketEvent, agentName: String?) -> String {
            let actor = event.actor?.displayName
            let who = actor ?? "HelpDesk"
            func value(_ raw: String?, _ describe: (String) -> String) -> String {
                guard let raw else { return "—" }
                return describe(raw)
            }
            let statusWord = { (raw: String) in TicketStatus(rawValue: raw).map(Words.status) ?? raw }
            let priorityWord = { (raw: String) in Priority(rawValue: raw).map(Words.priority) ?? raw }
            let because = event.detail.map { " — " + $0 } ?? ""
            let slaClockWord = { (raw: String?) in raw == "resolution" ? "Resolution" : "First response" }
            let slaDue = { (raw: String?) in raw.flatMap(Timestamp.init(rfc3339:)).map { " (due \(time($0)))" } ?? "" }
            switch event.kind {
            case .created:
                if let actor { return "\(actor) opened the ticket" }
                if let agentName { return "\(agentName) handed the conversation to the team" }
                return "The conversation was handed to the team"
            case .assigned:
                let to = event.to ?? "someone"
                guard let actor else { return "Assigned to \(to)\(because)" }
                if let from = event.from { return "\(actor) reassigned the ticket from \(from) to \(to)" }
                if actor == to { return "\(actor) picked up the ticket" }
                return "\(actor) assigned the ticket to \(to)"
            case .unassigned:
                guard let actor else { return "Not assigned\(because)" }
                if event.from == actor { return "\(actor) unassigned themselves" }
                if let from = event.from { return "\(actor) unassigned \(from)" }
                return "\(actor) unassigned the ticket"
            case .takenOver:
                return "\(who) took over the chat"
            case .released:
                if let from = event.from, from != actor { return "\(who) released \(from)’s chat back to the AI" }
                return "\(who) released the chat back to the AI"
            case .statusChanged:
                return
                    "\(who) changed the status from \(value(event.from, statusWord)) to \(value(event.to, statusWord))"
            case .priorityChanged:
                return
                    "\(who) changed the priority from \(value(event.from, priorityWord)) to \(value(event.to, priorityWord))"
            case .subjectChanged:
                return "\(who) changed the subject to “\(event.to ?? "")”"
            case .resolved:
                return "\(who) resolved the ticket"
            case .reopened:
                guard let actor else { return "The customer wrote again, so the ticket was reopened" }
                return "\(actor) reopened the ticket"
            case .escalationRepeated:
                return "The customer asked for a person again"
            case .emailThreaded:
                return "The customer's email was added here" + because
            case .tagAdded:
                return "\(who) tagged the ticket “\(event.to ?? "")”"
            case .merged:
                return "\(who) merged ticket #\(event.from ?? "") into this ticket"
            case .mergedInto:
                return "\(who) merged this ticket into ticket #\(event.to ?? "")"
            case .unmerged:
                if let from = event.from, event.to == nil { return "\(who) undid the merge of ticket #\(from)" }
                return "\(who) undid the merge into ticket #\(event.to ?? "")"
            case .tagRemoved:
                return "\(who) removed the tag “\(event.from ?? "")”"
            case .csatReceived:
                let comment = event.detail.map { ": “\($0)”" } ?? ""
                return "The customer rated the help \(event.to ?? "?") out of 5\(comment)"
            case .slaWarning:
                return "\(slaClockWord(event.to)) is due soon\(slaDue(event.detail))"
            case .slaBreached:
                return "\(slaClockWord(event.to)) missed its target\(slaDue(event.detail))"
            }
        }
    }
}

/// How members are named where two share a display name: "Sam Lee (sam@shop.example)";
/// everyone else by name alone. Menus, inbox rows, ticket facts and the timeline use the same labels.
struct MemberLabels {
    let labels: [String: String]

    init(_ members: [Member]) {
        func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }
        var counts: [String: Int] = [:]
        for member in members { counts[key(member.displayName), default: 0] += 1 }
        var labels: [String: String] = [:]
        for member in members where (counts[key(member.displayName)] ?? 0) > 1 {
            labels[member.id] = "\(member.displayName) (\(member.email))"
        }
        self.labels = labels
    }

    /// The label for a member.
    func callout(_ id: String, _ displayName: String) -> String { labels[id] ?? displayName }

    /// The colliding members' labels as JSON, for `app.js` (`data-member-labels`).
    var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: labels, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
