import Foundation
import HelpDeskCore
import HelpDeskService

/// Who is viewing or typing on which ticket, per team, for the presence line
/// that keeps two operators from answering at once. Held in this process: with
/// several instances each shows the operators connected to it.
actor Presence {
    struct Viewer {
        var teamID: String
        var member: MemberRef
        var ticketNumber: Int?
        var typing: Bool
        var outgoing: AsyncStream<String>.Continuation
    }

    private var viewers: [UUID: Viewer] = [:]

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
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else { return }
        let text = String(decoding: data, as: UTF8.self)
        for viewer in team { viewer.outgoing.yield(text) }
    }
}
