import HelpDeskCore
import HelpDeskService
import Hummingbird

/// `POST /api/v1/copilot`: read the inbox by asking (`{message}` → `{answer, tickets}`);
/// `GET/PUT /api/v1/settings/copilot`: how it reads (built-in interpreter or a model).
enum CopilotAPI {
    struct Question: Decodable {
        var message: String
    }

    struct AnswerJSON: Encodable {
        var answer: String
        var tickets: [InboxRowJSON]
    }

    /// The settings as written: the whole object; an omitted `apiKey` keeps the stored one.
    struct SettingsBody: Decodable {
        var mode: CopilotMode
        var baseURL: String?
        var model: String?
        var apiKey: String?
        var timeoutSeconds: Int?

        enum CodingKeys: String, CodingKey { case mode, baseURL, model, apiKey, timeoutSeconds }

        /// `baseURL` and `model` may be null (none); `apiKey` and `timeoutSeconds`
        /// may be left out but not null, as the document says.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mode = try c.decode(CopilotMode.self, forKey: .mode)
            baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            apiKey = try c.decodeUnlessAbsent(String.self, forKey: .apiKey)
            // Read as a number first: Foundation reports 2.5 for an integer as invalid JSON, naming no field.
            if let seconds = try c.decodeUnlessAbsent(Double.self, forKey: .timeoutSeconds) {
                guard seconds.rounded() == seconds, abs(seconds) < 1e9 else {
                    throw HelpDeskError.invalid("timeoutSeconds", "must be a whole number of seconds from 1 to 120")
                }
                timeoutSeconds = Int(seconds)
            }
        }

        var draft: CopilotSettingsDraft {
            CopilotSettingsDraft(
                mode: mode, baseURL: baseURL, model: model, apiKey: apiKey, timeoutSeconds: timeoutSeconds)
        }
    }

    /// The settings as shown: the API key is write-only, only whether one is set.
    struct SettingsJSON: Encodable {
        var mode: CopilotMode
        var baseURL: String?
        var model: String?
        var apiKeySet: Bool
        var timeoutSeconds: Int

        init(_ settings: CopilotSettings) {
            mode = settings.mode
            baseURL = settings.baseURL
            model = settings.model
            apiKeySet = settings.apiKey != nil
            timeoutSeconds = settings.timeoutSeconds
        }

        enum CodingKeys: String, CodingKey { case mode, baseURL, model, apiKeySet, timeoutSeconds }

        /// `baseURL` and `model` are always present, null when unset, so a form can be filled from them.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mode, forKey: .mode)
            try c.encode(baseURL, forKey: .baseURL)
            try c.encode(model, forKey: .model)
            try c.encode(apiKeySet, forKey: .apiKeySet)
            try c.encode(timeoutSeconds, forKey: .timeoutSeconds)
        }
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/api/v1/settings/copilot") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(SettingsJSON(try await helpDesk.copilotSettings(caller)))
        }
        routes.add(.put, "/api/v1/settings/copilot") { request, context in
            let caller = try context.requireCaller()
            try caller.requireHelpDesk()
            try caller.requireConfigure("change the copilot settings")
            let body = try await request.decodeJSON(SettingsBody.self)
            return try jsonResponse(SettingsJSON(try await helpDesk.updateCopilotSettings(caller, body.draft)))
        }
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
