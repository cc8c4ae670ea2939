import Foundation
import HTTPTypes
import HelpDeskAI
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The copilot's LLM mode against a local OpenAI-compatible fake: the tools the
/// model calls, what it is sent back (only what the caller may see), the
/// fallback to the built-in interpreter, and the settings that turn it on.
@Suite struct CopilotLLMTests {
    static let apiKey = "sk-copilot-key-7f3a9c"
    static let note = HelpDesk.copilotFallbackNote

    func ask(_ client: any TestClientProtocol, _ token: String, _ message: String) async throws -> TestResponse {
        try await client.call(.post, "/api/v1/copilot", token: token, json: json(["message": message]))
    }

    /// Turns the team's copilot to the fake model.
    func useModel(
        _ client: any TestClientProtocol, _ team: TestTeam, _ model: FakeChatModel, timeoutSeconds: Int = 10
    ) async throws {
        let saved = try await client.call(
            .put, "/api/v1/settings/copilot", token: team.ownerToken,
            json: json([
                "mode": "llm", "baseURL": model.baseURL, "model": "fake-model", "apiKey": Self.apiKey,
                "timeoutSeconds": timeoutSeconds,
            ]))
        #expect(saved.status == .ok, "\(saved.text)")
    }

    func numbers(_ response: TestResponse) -> [Int] {
        (response.object["tickets"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? Int }
    }

    // MARK: - Tools

    @Test func theModelReadsTheInboxThroughToolsAndItsAnswerComesBackWithTheRows() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await FakeChatModel.with([
            .tools([
                ("list_tickets", #"{"status":"open","priority":"urgent"}"#),
                ("count_tickets", #"{"filters":{"status":"unresolved"},"groupBy":"priority"}"#),
            ]),
            .tools([("get_ticket", ##"{"number":"#10001"}"##)]),
            .text("There is one urgent open ticket, #10001 “Refund missing”."),
        ]) { model in
            try await desk.test { client in
                let urgent = try await openTicket(
                    client, token: acme.ownerToken, subject: "Refund missing", priority: "urgent")
                _ = try await openTicket(client, token: acme.ownerToken, subject: "Printer on fire")
                try await useModel(client, acme, model)

                let answer = try await ask(client, acme.ownerToken, "which urgent tickets are open?")
                #expect(answer.status == .ok, "\(answer.text)")
                #expect(
                    answer.object["answer"] as? String == "There is one urgent open ticket, #10001 “Refund missing”.")
                #expect(numbers(answer) == [urgent], "the rows the tools returned, each once")

                let requests = model.requests
                #expect(requests.count == 3)
                #expect(model.authorizations.allSatisfy { $0 == "Bearer \(Self.apiKey)" })
                let first = try #require(requests.first)
                #expect(first["model"] as? String == "fake-model")
                #expect(first["tool_choice"] as? String == "auto")
                let tools = (first["tools"] as? [[String: Any]] ?? []).compactMap {
                    ($0["function"] as? [String: Any])?["name"] as? String
                }
                #expect(tools == ["list_tickets", "count_tickets", "get_ticket"])
                let messages = first["messages"] as? [[String: Any]] ?? []
                #expect(messages.map { $0["role"] as? String } == ["system", "user"])
                #expect(messages.last?["content"] as? String == "which urgent tickets are open?")
                let system = messages.first?["content"] as? String ?? ""
                let today = String(Timestamp.now().rfc3339.prefix(10))
                #expect(system.contains("Today is \(today)"), "\(system)")
                #expect(system.contains("time zone UTC"))
                #expect(system.contains("You only read"))
                #expect(system.contains("Always use the tools"))

                // The second request carries the calls as the model made them and one result per call.
                let second = requests[1]["messages"] as? [[String: Any]] ?? []
                #expect(second.map { $0["role"] as? String } == ["system", "user", "assistant", "tool", "tool"])
                #expect(second[3]["tool_call_id"] as? String == "call_1")
                #expect(second[4]["tool_call_id"] as? String == "call_2")
                let results = second.suffix(2).compactMap {
                    try? JSONSerialization.jsonObject(with: Data(($0["content"] as? String ?? "").utf8))
                        as? [String: Any]
                }
                let listed = results.first?["tickets"] as? [[String: Any]] ?? []
                #expect(listed.map { $0["number"] as? Int } == [urgent])
                #expect(listed.first?["subject"] as? String == "Refund missing")
                #expect(listed.first?["priority"] as? String == "urgent")
                #expect(results.first?["count"] as? Int == 1)
                #expect(results.last?["groupBy"] as? String == "priority")
                let groups = results.last?["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["name"] as? String } == ["normal", "urgent"])
                #expect(groups.map { $0["count"] as? Int } == [1, 1])

                let third = model.toolResultObjects
                #expect((third.last?["ticket"] as? [String: Any])?["number"] as? Int == urgent)
            }
        }
    }

    @Test func argumentsTheModelGotWrongAreAnsweredWithAnErrorItCanCorrect() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await FakeChatModel.with([
            .tools([
                ("list_tickets", "{not json"), ("list_tickets", #"{"assigned_to":"Sam"}"#),
                ("count_tickets", #"{"groupBy":"weather"}"#), ("delete_ticket", #"{"number":10001}"#),
                ("list_tickets", #"{"assignee":"Nobody Here"}"#), ("list_tickets", #"{"createdFrom":"yesterday"}"#),
            ]),
            .text("I could not read that."),
        ]) { model in
            try await desk.test { client in
                _ = try await openTicket(client, token: acme.ownerToken)
                try await useModel(client, acme, model)
                let answer = try await ask(client, acme.ownerToken, "tickets of Sam")
                #expect(answer.object["answer"] as? String == "I could not read that.")
                #expect(numbers(answer).isEmpty)
                let errors = model.toolResultObjects.map { $0["error"] as? String ?? "" }
                #expect(errors.count == 6)
                #expect(errors[0].contains("not JSON"))
                #expect(errors[1].contains("unknown argument assigned_to"))
                #expect(errors[2].contains("groupBy must be one of status, priority, channel, assignee, agent"))
                #expect(errors[3].contains("there is no tool delete_ticket"))
                #expect(errors[4] == "I found no team member called Nobody Here.")
                #expect(errors[5].contains("createdFrom must be a day written YYYY-MM-DD"))
            }
        }
    }

    // MARK: - Visibility

    @Test func anOperatorsModelIsSentOnlyTheirOwnTicketsAndCounts() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        let sam = try await acme.member("Sam Lee")
        try await FakeChatModel.with([
            .tools([
                ("get_ticket", #"{"number":10002}"#), ("get_ticket", #"{"number":99999}"#),
                ("list_tickets", "{}"), ("count_tickets", "{}"), ("count_tickets", #"{"groupBy":"assignee"}"#),
                ("list_tickets", #"{"assignee":"Sam Lee"}"#), ("list_tickets", #"{"text":"secret"}"#),
            ]),
            .text("You have one ticket."),
        ]) { model in
            try await desk.test { client in
                let rileys = try await openTicket(client, token: acme.ownerToken, subject: "Riley's printer")
                let sams = try await openTicket(client, token: acme.ownerToken, subject: "Sam's secret refund")
                _ = try await openTicket(client, token: acme.ownerToken, subject: "Nobody's secret invoice")
                #expect(sams == 10002)
                for (number, member) in [(rileys, riley), (sams, sam)] {
                    _ = try await client.call(
                        .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken,
                        json: json(["assigneeId": member.member.id]))
                }
                try await useModel(client, acme, model)

                let answer = try await ask(client, riley.token, "what about ticket 10002 and my others?")
                #expect(answer.object["answer"] as? String == "You have one ticket.")
                #expect(numbers(answer) == [rileys])

                let results = model.toolResults
                #expect(results.count == 7)
                // Another's ticket answers exactly like one that does not exist.
                #expect(results[0] == #"{"error":"no such ticket #10002"}"#)
                #expect(results[1] == #"{"error":"no such ticket #99999"}"#)
                let objects = model.toolResultObjects
                #expect((objects[2]["tickets"] as? [[String: Any]])?.map { $0["number"] as? Int } == [rileys])
                #expect(objects[3]["count"] as? Int == 1, "counts count only what the operator may see")
                let groups = objects[4]["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["name"] as? String } == ["Riley Quinn"])
                #expect(groups.map { $0["count"] as? Int } == [1])
                #expect(objects[5]["count"] as? Int == 0)
                #expect(objects[6]["count"] as? Int == 0, "the word is only in tickets that are not Riley's")
                for result in results {
                    #expect(!result.contains("Sam's secret") && !result.contains("Nobody's"), "\(result)")
                }
                let everything = model.requests.map { String(describing: $0) }.joined()
                #expect(!everything.contains("Sam's secret refund"))
            }
        }
    }

    @Test func theOwnersModelSeesEveryTicketOfTheTeamAndNoOtherTeams() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let other = try await desk.team("Other")
        try await FakeChatModel.with([
            .tools([("count_tickets", "{}"), ("get_ticket", #"{"number":10002}"#)]), .text("Two."),
        ]) { model in
            try await desk.test { client in
                _ = try await openTicket(client, token: acme.ownerToken, subject: "First")
                _ = try await openTicket(client, token: acme.ownerToken, subject: "Second")
                _ = try await openTicket(client, token: other.ownerToken, subject: "Other team's")
                try await useModel(client, acme, model)
                let answer = try await ask(client, acme.ownerToken, "how many tickets, and what is 10002?")
                #expect(answer.object["answer"] as? String == "Two.")
                let objects = model.toolResultObjects
                #expect(objects.first?["count"] as? Int == 2)
                #expect((objects.last?["ticket"] as? [String: Any])?["subject"] as? String == "Second")
            }
        }
    }

    // MARK: - Refusals and fallback

    @Test func changeRequestsAreRefusedWithoutAskingTheModel() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await FakeChatModel.with([.tools([("list_tickets", "{}")])]) { model in
            try await desk.test { client in
                let number = try await openTicket(client, token: acme.ownerToken)
                try await useModel(client, acme, model)
                for change in ["close \(number)", "bitte Ticket \(number) löschen", "assign all urgent tickets to me"] {
                    let refused = try await ask(client, acme.ownerToken, change)
                    #expect(refused.status == .ok)
                    #expect((refused.object["answer"] as? String)?.contains("change nothing") == true, "\(change)")
                }
                #expect(model.requests.isEmpty, "the model was never asked")
                let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken)
                #expect(ticket.object["status"] as? String == "open")
            }
        }
    }

    /// The interpreter's answer with the note, for each way the model can fail.
    @Test(arguments: [
        ("HTTP 500", [FakeChatModel.Reply.error(500)], 2),
        ("not a completion", [FakeChatModel.Reply(body: "<html>Bad Gateway</html>")], 1),
        ("no text and no tool call", [FakeChatModel.Reply.text("   ")], 1),
        ("tool calls after the last round", [FakeChatModel.Reply.tools([("count_tickets", "{}")])], 4),
    ])
    func aFailingModelFallsBackToTheInterpreterWithANote(
        failure: String, replies: [FakeChatModel.Reply], requests: Int
    ) async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await FakeChatModel.with(replies) { model in
            try await desk.test { client in
                let number = try await openTicket(client, token: acme.ownerToken, subject: "Refund missing")
                try await useModel(client, acme, model)
                let answer = try await ask(client, acme.ownerToken, "open tickets")
                #expect(answer.status == .ok, "\(failure): \(answer.text)")
                #expect(answer.object["answer"] as? String == "Tickets open: 1." + Self.note, "\(failure)")
                #expect(numbers(answer) == [number])
                #expect(model.requests.count == requests, "\(failure)")
            }
        }
    }

    @Test func aModelSlowerThanTheTimeoutFallsBackInTime() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        var slow = FakeChatModel.Reply.text("Too late.")
        slow.delay = .seconds(30)
        try await FakeChatModel.with([slow]) { model in
            try await desk.test { client in
                _ = try await openTicket(client, token: acme.ownerToken)
                try await useModel(client, acme, model, timeoutSeconds: 1)
                let started = ContinuousClock.now
                let answer = try await ask(client, acme.ownerToken, "how many open tickets?")
                // Far below the model's 30 s; generous, since parallel tests can starve the timer.
                #expect(ContinuousClock.now - started < .seconds(15), "the one-second timeout bounds the wait")
                #expect(answer.object["answer"] as? String == "1 tickets open." + Self.note)
            }
        }
    }

    @Test func theBuiltInModeNeverCallsTheModel() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await FakeChatModel.with([.text("From the model.")]) { model in
            try await desk.test { client in
                _ = try await openTicket(client, token: acme.ownerToken)
                try await useModel(client, acme, model)
                let builtin = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                    json: json(["mode": "builtin", "baseURL": model.baseURL, "model": "fake-model"]))
                #expect(builtin.object["apiKeySet"] as? Bool == true, "the endpoint is kept for later")
                let answer = try await ask(client, acme.ownerToken, "open tickets")
                #expect(answer.object["answer"] as? String == "Tickets open: 1.")
                #expect(model.requests.isEmpty)
            }
        }
    }

    // MARK: - Settings

    @Test func settingsAreForOwnersAndManagersOnHelpDeskPlans() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        let morgan = try await acme.member("Morgan Manager", role: .manager)
        let hobby = try await desk.team("Hobby", plan: .hobby)
        try await desk.test { client in
            let defaults = try await client.call(.get, "/api/v1/settings/copilot", token: acme.ownerToken)
            #expect(defaults.status == .ok)
            #expect(defaults.object["mode"] as? String == "builtin")
            #expect(defaults.object["baseURL"] is NSNull && defaults.object["model"] is NSNull)
            #expect(defaults.object["apiKeySet"] as? Bool == false)
            #expect(defaults.object["timeoutSeconds"] as? Int == 20)
            let byManager = try await client.call(
                .put, "/api/v1/settings/copilot", token: morgan.token,
                json: json(["mode": "llm", "baseURL": "http://127.0.0.1:11434/v1", "model": "qwen2.5:7b"]))
            #expect(byManager.status == .ok, "\(byManager.text)")
            #expect(byManager.object["timeoutSeconds"] as? Int == 20)

            #expect(try await client.call(.get, "/api/v1/settings/copilot", token: riley.token).status == .forbidden)
            let byOperator = try await client.call(
                .put, "/api/v1/settings/copilot", token: riley.token, json: json(["mode": "builtin"]))
            #expect(byOperator.status == .forbidden)
            #expect(
                try await client.call(.get, "/api/v1/settings/copilot", token: hobby.ownerToken).status == .forbidden)
            let onHobby = try await client.call(
                .put, "/api/v1/settings/copilot", token: hobby.ownerToken, json: json(["mode": "builtin"]))
            #expect(onHobby.status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/settings/copilot").status == .unauthorized)
        }
    }

    @Test func everyProblemIsNamedByItsField() async throws {
        // The production outbound policy: private and loopback addresses are refused.
        let desk = try TestHelpDesk(configure: { $0.outbound = OutboundPolicy() })
        let acme = try await desk.team()
        try await desk.test { client in
            func fields(_ body: [String: Any?]) async throws -> [String] {
                let response = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken, json: json(body))
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                return ((response.object["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            }
            #expect(try await fields(["mode": "llm"]) == ["baseURL", "model"])
            #expect(
                try await fields(["mode": "llm", "baseURL": "ftp://models.example", "model": "m", "timeoutSeconds": 0])
                    == ["baseURL", "timeoutSeconds"])
            #expect(
                try await fields(["mode": "llm", "baseURL": "http://127.0.0.1:11434/v1", "model": "m"]) == ["baseURL"])
            #expect(try await fields(["mode": "builtin", "baseURL": "http://169.254.169.254/latest"]) == ["baseURL"])
            #expect(
                try await fields(["mode": "llm", "baseURL": "https://user:pw@api.example/v1", "model": "  "]) == [
                    "baseURL", "model",
                ])
            #expect(try await fields(["mode": "builtin", "timeoutSeconds": 121]) == ["timeoutSeconds"])
            #expect(try await fields(["mode": "auto"]) == ["mode"])
            #expect(try await fields(["mode": "builtin", "timeoutSeconds": 2.5]) == ["timeoutSeconds"])
            #expect(try await fields(["mode": "builtin", "apiKey": nil]) == ["apiKey"])
            #expect(try await fields([:]) == ["mode"])
            let fine = try await client.call(
                .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                json: json(["mode": "llm", "baseURL": "https://api.openai.com/v1", "model": "gpt-4o-mini"]))
            #expect(fine.status == .ok, "\(fine.text)")
        }
    }

    @Test func theKeyIsWriteOnlySealedAndNeverLogged() async throws {
        let lines = LineRecorder.Lines()
        let logger = Logger(label: "helpdesk") { _ in LineRecorder(lines: lines) }
        let local = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])
        let desk = try TestHelpDesk(
            brains: Brains(
                builtin: BuiltinBrain(), llm: HelpDeskAIBuiltin.unreachableLLM(),
                copilot: LLMCopilot(outbound: local, retryDelay: .milliseconds(10), logger: logger)))
        let acme = try await desk.team()
        try await FakeChatModel.with([.error(500)]) { model in
            let application = buildApplication(
                helpDesk: desk.helpDesk, configuration: desk.configuration, logger: logger)
            try await application.test(.router) { client in
                let saved = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                    json: json(["mode": "llm", "baseURL": model.baseURL, "model": "m", "apiKey": Self.apiKey]))
                #expect(saved.status == .ok)
                #expect(saved.object["apiKeySet"] as? Bool == true)
                #expect(saved.object["apiKey"] == nil)
                let shown = try await client.call(.get, "/api/v1/settings/copilot", token: acme.ownerToken)
                #expect(shown.object["apiKeySet"] as? Bool == true)
                let page = try await client.call(
                    .get, "/app/settings", headers: try await WebAppTests.signIn(client, email: acme.owner.email))
                #expect(page.text.contains("id=\"panel-copilot\""))
                #expect(page.text.contains("A key is stored."))

                // A failing call logs why, without the key.
                let answer = try await ask(client, acme.ownerToken, "open tickets")
                #expect((answer.object["answer"] as? String)?.hasSuffix(Self.note) == true)
                #expect(model.authorizations.first == "Bearer \(Self.apiKey)")
                let logged = lines.all.withLock { $0 }
                #expect(logged.contains { $0.contains("copilot model gave no answer") }, "\(logged)")

                // Kept when left out for the same base URL; a new base URL needs it again; empty removes it.
                let kept = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                    json: json(["mode": "llm", "baseURL": model.baseURL, "model": "m2", "timeoutSeconds": 30]))
                #expect(kept.object["apiKeySet"] as? Bool == true)
                let moved = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                    json: json(["mode": "llm", "baseURL": "http://127.0.0.2:9/v1", "model": "m2"]))
                #expect(moved.status == .badRequest)
                #expect(
                    (moved.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["apiKey"])

                for response in [saved, shown, page, answer, kept, moved] {
                    #expect(!response.text.contains(Self.apiKey))
                }
                #expect(!lines.all.withLock { $0 }.contains { $0.contains(Self.apiKey) })
                for suffix in ["", "-wal"] {
                    let file = FileManager.default.contents(atPath: desk.store.path + suffix) ?? Data()
                    #expect(file.range(of: Data(Self.apiKey.utf8)) == nil, "sealed at rest (\(suffix))")
                }

                let removed = try await client.call(
                    .put, "/api/v1/settings/copilot", token: acme.ownerToken,
                    json: json(["mode": "llm", "baseURL": model.baseURL, "model": "m2", "apiKey": ""]))
                #expect(removed.object["apiKeySet"] as? Bool == false)
            }
        }
    }

    @Test func theSettingsPageOffersTheCopilotToOwnersAndManagersOnly() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        try await desk.test { client in
            let owner = try await client.call(
                .get, "/app/settings", headers: try await WebAppTests.signIn(client, email: acme.owner.email))
            WebAppTests.expectSafePage(owner, "/app/settings")
            #expect(owner.text.contains("id=\"tab-copilot\""))
            #expect(owner.text.contains("id=\"copilot-builtin\" value=\"builtin\" checked"))
            #expect(owner.text.contains("No key stored."))
            let operatorPage = try await client.call(
                .get, "/app/settings", headers: try await WebAppTests.signIn(client, email: riley.member.email))
            #expect(operatorPage.status == .ok)
            #expect(!operatorPage.text.contains("tab-copilot"))
        }
    }
}
