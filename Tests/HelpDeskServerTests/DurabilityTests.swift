import AsyncHTTPClient
import Foundation
import HelpDeskCore
import HelpDeskStore
import NIOCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `helpdesk` binary, kills it with SIGKILL in the middle of a
/// burst of ticket creations, and checks that every ticket the server
/// acknowledged (201) is in the file afterwards.
@Suite(.serialized) struct DurabilityTests {
    @Test func acknowledgedTicketsSurviveSIGKILLMidBurst() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-durability-" + UUID().uuidString
        let teamID = try await ServerProcess.seedTeam("Durable", in: directory)
        let running = try ServerProcess.start(dataDirectory: directory)
        let server = running.process
        defer { running.kill() }
        let base = running.base

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var login = HTTPClientRequest(url: "\(base)/api/v1/auth/login")
        login.method = .POST
        login.headers.add(name: "Content-Type", value: "application/json")
        login.body = .bytes(ByteBuffer(string: #"{"email":"o@durable.test","password":"durable password"}"#))
        let loginResponse = try await client.execute(login, timeout: .seconds(10))
        let loginBody = try await loginResponse.body.collect(upTo: 1 << 16)
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(loginBody.readableBytesView)) as? [String: Any])?["token"]
                as? String)

        let acknowledged = AcknowledgedNumbers()
        let writers = (0..<6).map { writer in
            Task {
                for index in 0..<10_000 {
                    var request = HTTPClientRequest(url: "\(base)/api/v1/tickets")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(
                        ByteBuffer(
                            string:
                                #"{"subject":"Burst \#(writer)-\#(index)","requester":{"name":"Ana"},"body":"hello"}"#))
                    guard let response = try? await client.execute(request, timeout: .seconds(10)) else { return }
                    guard response.status == .created,
                        let body = try? await response.body.collect(upTo: 1 << 16),
                        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))
                            as? [String: Any],
                        let number = object["number"] as? Int
                    else { return }
                    await acknowledged.add(number)
                }
            }
        }
        // Let the burst run, then kill the server while requests are in flight.
        while await acknowledged.count < 150 { try await Task.sleep(for: .milliseconds(5)) }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        for writer in writers { await writer.value }
        try await client.shutdown()

        let numbers = await acknowledged.numbers
        #expect(numbers.count >= 150)
        let store = try SQLiteStore(directory: directory)
        for number in numbers {
            let ticket = try await store.ticket(teamID: teamID, number: number)
            #expect(ticket?.subject.hasPrefix("Burst") == true, "acknowledged ticket \(number) is missing")
        }
        // Every ticket in the file is whole and numbers have no holes.
        let page = try await store.inbox(
            teamID: teamID, callerID: "", query: InboxQuery(view: .all, limit: InboxQuery.maxLimit))
        #expect(page.items.allSatisfy { $0.conversationID.hasPrefix("cv_") })
        let stored = try await store.timeline(teamID: teamID, number: numbers.max()!)
        #expect(stored.contains { if case .event(let event) = $0.content { event.kind == .created } else { false } })
        var walked: [Int] = []
        var query = InboxQuery(view: .all, limit: InboxQuery.maxLimit)
        while true {
            let next = try await store.inbox(teamID: teamID, callerID: "", query: query)
            walked += next.items.map(\.number)
            guard let cursor = next.nextCursor else { break }
            query.cursor = cursor
        }
        #expect(walked.sorted() == Array(10001...(10000 + walked.count)))
        #expect(Set(numbers).isSubset(of: Set(walked)))
    }
}

actor AcknowledgedNumbers {
    private(set) var numbers: [Int] = []
    var count: Int { numbers.count }
    func add(_ number: Int) { numbers.append(number) }
}
