import HelpDeskCore
import HelpDeskService
import Hummingbird

/// `POST /api/v1/copilot`: read the inbox by asking (`{message}` → `{answer, tickets}`).
enum CopilotAPI {
    struct Question: Decodable {
        var message: String
    }

    struct AnswerJSON: Encodable {
        var answer: String
        var tickets: [InboxRowJSON]
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.post, "/api/v1/copilot") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            let question = try await request.decodeJSON(Question.self)
            let answer = try await helpDesk.copilot(caller, message: question.message)
            return try jsonResponse(
                AnswerJSON(
                    answer: answer.answer, tickets: answer.tickets.map { InboxRowJSON(ticket: $0, triage: nil) }))
        }
    }
}
