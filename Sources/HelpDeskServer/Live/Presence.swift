import Foundation
import HelpDeskCore
import HelpDeskService

/// Who is viewing or typing on which ticket, per team, for the presence line
/// that keeps two operators from answering at once; and typing across the live
/// chat: an operator writing a reply on a chat they hold shows "typing…" in the
/// customer's widget, and a customer typing in the widget shows on the ticket.
///
/// Nothing here is stored. Clients repeat a typing signal every few seconds
/// while typing goes on and drop one not repeated for 8 seconds, so a closed tab
/// never leaves "typing…" behind. With several instances on one database each
/// holds its own sockets and tells the others (`relay`, carried by the
/// database's notification channel): a viewer's change at once and every viewer
/// on a ticket again every `refreshInterval`; a viewer another instance stops
/// announcing is forgotten after `remoteLifetime` (its instance died).
actor Presence {
    struct Viewer {
        var teamID: String
        var member: MemberRef
        var ticketNumber: Int?
        var typing: Bool
        var outgoing: AsyncStream<String>.Continuation
    }

    /// A viewer on another instance, as it last announced itself.
    struct RemoteViewer: Equatable {
        var teamID: String
        var member: MemberRef
        var ticketNumber: Int
        var typing: Bool
    }

    /// What instances tell each other.
    struct Signal: Codable {
        enum Kind: String, Codable { case viewers, operatorTyping, customerTyping }
        struct Announced: Codable {
            var viewer: String
            var team: String
            var member: String
            var name: String
            /// nil: the viewer left, or is on no ticket.
            var ticket: Int?
            var typing: Bool
        }
        var kind: Kind
        var from: String
        var viewers: [Announced]? = nil
        var conversation: String? = nil
        var name: String? = nil
        var team: String? = nil
        var tickets: [Int]? = nil
        var typing: Bool? = nil
    }

    static let refreshInterval: Duration = .seconds(5)
    static let remoteLifetime: Duration = .seconds(15)
    /// Viewers per signal, so one stays well inside the notification channel's 7,000 bytes.
    static let viewersPerSignal = 40

    /// This process, among the instances sharing the database.
    let instance = Identifier.make("pr")
    private let relay: @Sendable (String) async -> Void
    private var viewers: [UUID: Viewer] = [:]
    /// Viewers on other instances, by instance and viewer, with when they were last announced.
    private var remote: [String: (viewer: RemoteViewer, seen: ContinuousClock.Instant)] = [:]
    /// Open widgets, by conversation.
    private var widgets: [UUID: (conversationID: String, outgoing: AsyncStream<String>.Continuation)] = [:]

    /// `relay` sends a signal to the other instances (nothing with one process alone).
    init(relay: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.relay = relay
    }

    func join(teamID: String, member: MemberRef, outgoing: AsyncStream<String>.Continuation) -> UUID {
        let id = UUID()
        viewers[id] = Viewer(teamID: teamID, member: member, ticketNumber: nil, typing: false, outgoing: outgoing)
        return id
    }

    func update(_ id: UUID, ticketNumber: Int?, typing: Bool) async {
        guard var viewer = viewers[id] else { return }
        let previous = viewer.ticketNumber
        let changed = previous != ticketNumber || viewer.typing != typing
        viewer.ticketNumber = ticketNumber
        viewer.typing = typing
        viewers[id] = viewer
        if let previous, previous != ticketNumber { broadcast(teamID: viewer.teamID, ticketNumber: previous) }
        if let ticketNumber { broadcast(teamID: viewer.teamID, ticketNumber: ticketNumber) }
        if changed { await announce([(id, viewer)]) }
    }

    func leave(_ id: UUID) async {
        guard var viewer = viewers.removeValue(forKey: id) else { return }
        if let ticket = viewer.ticketNumber {
            broadcast(teamID: viewer.teamID, ticketNumber: ticket)
            viewer.ticketNumber = nil
            await announce([(id, viewer)])
        }
    }

    /// Pushes the ticket's presence line to this instance's viewers of the team: the members on
    /// it here and on the other instances, each once, typing first, then by name.
    private func broadcast(teamID: String, ticketNumber: Int) {
        let team = viewers.values.filter { $0.teamID == teamID }
        let here = team.filter { $0.ticketNumber == ticketNumber }.map { (member: $0.member, typing: $0.typing) }
        let elsewhere = remote.values.map(\.viewer)
            .filter { $0.teamID == teamID && $0.ticketNumber == ticketNumber }
            .map { (member: $0.member, typing: $0.typing) }
        var seen = Set<String>()
        let members = (here + elsewhere)
            .sorted {
                ($0.typing ? 0 : 1, $0.member.displayName, $0.member.id)
                    < ($1.typing ? 0 : 1, $1.member.displayName, $1.member.id)
            }
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
    /// the conversation's widgets, here and on the other instances, show
    /// `{"type":"typing","typing":…,"name":…}`.
    func operatorTyping(conversationID: String, name: String, typing: Bool) async {
        showOperatorTyping(conversationID: conversationID, name: name, typing: typing)
        await send(
            Signal(kind: .operatorTyping, from: instance, conversation: conversationID, name: name, typing: typing))
    }

    private func showOperatorTyping(conversationID: String, name: String, typing: Bool) {
        guard let text = Self.text(["type": "typing", "typing": typing, "name": name]) else { return }
        for widget in widgets.values where widget.conversationID == conversationID { widget.outgoing.yield(text) }
    }

    /// A customer starts or stops typing in the widget: operators of the team on
    /// one of the conversation's tickets, here and on the other instances, get
    /// `{"type":"customerTyping",…}`.
    func customerTyping(teamID: String, ticketNumbers: Set<Int>, typing: Bool) async {
        showCustomerTyping(teamID: teamID, ticketNumbers: ticketNumbers, typing: typing)
        await send(
            Signal(
                kind: .customerTyping, from: instance, team: teamID, tickets: ticketNumbers.sorted(), typing: typing))
    }

    private func showCustomerTyping(teamID: String, ticketNumbers: Set<Int>, typing: Bool) {
        for viewer in viewers.values where viewer.teamID == teamID {
            guard let number = viewer.ticketNumber, ticketNumbers.contains(number),
                let text = Self.text(["type": "customerTyping", "ticketNumber": number, "typing": typing])
            else { continue }
            viewer.outgoing.yield(text)
        }
    }

    // MARK: - Other instances

    /// A signal from another instance: its viewers' changes update the presence lines shown
    /// here; its typing reaches the widgets and operators connected here.
    func receive(_ text: String, now: ContinuousClock.Instant = .now) {
        guard let signal = try? JSONDecoder().decode(Signal.self, from: Data(text.utf8)), signal.from != instance
        else { return }
        switch signal.kind {
        case .viewers:
            for announced in signal.viewers ?? [] {
                let key = signal.from + "/" + announced.viewer
                let before = remote[key]?.viewer
                if let ticket = announced.ticket {
                    let viewer = RemoteViewer(
                        teamID: announced.team,
                        member: MemberRef(id: announced.member, displayName: announced.name), ticketNumber: ticket,
                        typing: announced.typing)
                    remote[key] = (viewer, now)
                    if before == viewer { continue }
                    if let before, before.ticketNumber != ticket {
                        broadcast(teamID: before.teamID, ticketNumber: before.ticketNumber)
                    }
                    broadcast(teamID: viewer.teamID, ticketNumber: ticket)
                } else if let before {
                    remote[key] = nil
                    broadcast(teamID: before.teamID, ticketNumber: before.ticketNumber)
                }
            }
        case .operatorTyping:
            guard let conversation = signal.conversation, let name = signal.name, let typing = signal.typing else {
                return
            }
            showOperatorTyping(conversationID: conversation, name: name, typing: typing)
        case .customerTyping:
            guard let team = signal.team, let tickets = signal.tickets, let typing = signal.typing else { return }
            showCustomerTyping(teamID: team, ticketNumbers: Set(tickets), typing: typing)
        }
    }

    /// Announces every viewer here that is on a ticket again, and forgets the other instances'
    /// viewers not announced for `remoteLifetime` (their instance stopped or died).
    func refresh(now: ContinuousClock.Instant = .now) async {
        let expired = remote.filter { now - $0.value.seen > Self.remoteLifetime }
        for (key, entry) in expired {
            remote[key] = nil
            broadcast(teamID: entry.viewer.teamID, ticketNumber: entry.viewer.ticketNumber)
        }
        await announce(viewers.filter { $0.value.ticketNumber != nil }.map { ($0.key, $0.value) })
    }

    private func announce(_ list: [(UUID, Viewer)]) async {
        let announced = list.map { id, viewer in
            Signal.Announced(
                viewer: id.uuidString, team: viewer.teamID, member: viewer.member.id,
                name: viewer.member.displayName, ticket: viewer.ticketNumber, typing: viewer.typing)
        }
        var start = 0
        while start < announced.count {
            let chunk = Array(announced[start..<min(start + Self.viewersPerSignal, announced.count)])
            await send(Signal(kind: .viewers, from: instance, viewers: chunk))
            start += Self.viewersPerSignal
        }
    }

    private func send(_ signal: Signal) async {
        guard let data = try? JSONEncoder().encode(signal) else { return }
        await relay(String(decoding: data, as: UTF8.self))
    }

    private static func text(_ message: [String: Any]) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
