import Foundation
import HelpDeskCore
import HelpDeskService

/// Who is viewing or typing on which ticket, per team, for the presence line
/// that keeps two operators from answering at once; and typing across the live
/// chat: an operator writing a reply on a chat they hold shows "typing…" in the
/// customer's widget, and a customer typing in the widget shows on the ticket.
/// Held in this process: with several instances each shows the people connected
/// to it. Nothing here is stored; clients repeat a typing signal every few
/// seconds while typing goes on and drop one not repeated for 8 seconds, so a
/// closed tab never leaves "typing…" behind.
actor Presence {
    struct Viewer {
        var teamID: String
        var member: MemberRef
        var ticketNumber: Int?
        var typing: Bool
        var outgoing: AsyncStream<String>.Continuation
    }

    private var viewers: [UUID: Viewer] = [:]
    /// Open widgets, by conversation.
    private var widgets: [UUID: (conversationID: String, outgoing: AsyncStream<String>.Continuation)] = [:]

    func join(teamID: String, member: MemberRef, outgoing: AsyncStream<String>.Continuation) -> UUID {
        let id = UUID()
        viewers[id] = Viewer(teamID: teamID, member: member, ticketNumber: nil, typing: false, outgoing: outgoing)
        return id
    }

    func update(_ id: UUID, ticketNumber: Int?, typing: Bool) {
        guard var viewer = viewers[id] else { return }
        let previous = viewer.ticketNumber
        viewer.ticketNumber = ticketNumber
        viewer.typing = typing
        viewers[id] = viewer
        if let previous, previous != ticketNumber { broadcast(teamID: viewer.teamID, ticketNumber: previous) }
        if let ticketNumber { broadcast(teamID: viewer.teamID, ticketNumber: ticketNumber) }
    }

    func leave(_ id: UUID) {
        guard let viewer = viewers.removeValue(forKey: id) else { return }
        if let ticket = viewer.ticketNumber { broadcast(teamID: viewer.teamID, ticketNumber: ticket) }
    }

    private func broadcast(teamID: String, ticketNumber: Int) {
        let team = viewers.values.filter { $0.teamID == teamID }
        var seen = Set<String>()
        let members = team.filter { $0.ticketNumber == ticketNumber }
            .sorted { $0.typing && !$1.typing }
            .filter { seen.insert($0.member.id).inserted }
            .map { ["id": $0.member.id, "displayName": $0.member.displayName, "typing": $0.typing] as [String: Any] }
        let message: [String: Any] = ["type": "presence", "ticketNumber": ticketNumber, "members": members]
        guard let text = Self.text(message) else { return }
        for viewer in team { viewer.outgoing.yield(text) }
    }

    // MARK: - Typing across the live chat

    /// An open widget of a conversation, to be told when an operator types.
    func watch(conversationID: String, outgoing: AsyncStream<String>.Continuation) -> UUID {
        let id = UUID()
        widgets[id] = (conversationID, outgoing)
        return id
    }

    func unwatch(_ id: UUID) {
        widgets[id] = nil
    }

    /// An operator starts or stops writing a reply on a live chat they hold:
    /// the conversation's widgets show `{"type":"typing","typing":…,"name":…}`.
    func operatorTyping(conversationID: String, name: String, typing: Bool) {
        guard let text = Self.text(["type": "typing", "typing": typing, "name": name]) else { return }
        for widget in widgets.values where widget.conversationID == conversationID { widget.outgoing.yield(text) }
    }

    /// A customer starts or stops typing in the widget: operators of the team on
    /// one of the conversation's tickets get `{"type":"customerTyping",…}`.
    func customerTyping(teamID: String, ticketNumbers: Set<Int>, typing: Bool) {
        for viewer in viewers.values where viewer.teamID == teamID {
            guard let number = viewer.ticketNumber, ticketNumbers.contains(number),
                let text = Self.text(["type": "customerTyping", "ticketNumber": number, "typing": typing])
            else { continue }
            viewer.outgoing.yield(text)
        }
    }

    private static func text(_ message: [String: Any]) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
