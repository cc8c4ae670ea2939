import Foundation
import HTTPTypes
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The response validator every HTTP test goes through must itself catch what it is for.
@Suite struct OpenAPIContractTests {
    static func contract() async throws -> OpenAPIContract {
        let desk = try TestHelpDesk()
        return try await desk.test { client in try await OpenAPIContract.load(client) }
    }

    static var ticket: [String: Any] {
        [
            "number": 10001, "status": "open", "priority": "normal", "subject": "Printer on fire",
            "requester": ["name": "Ana", "email": "ana@example.com", "phone": NSNull(), "handle": NSNull()],
            "assignee": NSNull(), "agent": NSNull(), "channel": "email", "createdAt": "2026-01-02T03:04:05.678Z",
            "lastActivityAt": "2026-01-02T03:04:05.678Z", "resolvedAt": NSNull(), "tags": ["billing"],
            "mergedInto": NSNull(),
        ]
    }

    static func violations(_ contract: OpenAPIContract, _ body: [String: Any], status: Int = 200) -> [String] {
        let data = try! JSONSerialization.data(withJSONObject: body)
        return contract.violations(
            method: "GET", path: "/api/v1/tickets/10001", status: status, contentType: "application/json", body: data)
    }

    @Test func aDocumentedTicketPasses() async throws {
        #expect(Self.violations(try await Self.contract(), Self.ticket) == [])
    }

    @Test func aWrongTypeIsCaught() async throws {
        var ticket = Self.ticket
        ticket["number"] = "10001"
        let found = Self.violations(try await Self.contract(), ticket)
        #expect(found.count == 1)
        #expect(found.first?.contains("/number must be integer") == true, "\(found)")

        ticket = Self.ticket
        ticket["requester"] = ["name": "Ana", "email": true, "phone": NSNull(), "handle": NSNull()]
        #expect(Self.violations(try await Self.contract(), ticket).first?.contains("/requester/email") == true)
    }

    @Test func aMissingRequiredFieldIsCaught() async throws {
        var ticket = Self.ticket
        ticket.removeValue(forKey: "resolvedAt")
        let found = Self.violations(try await Self.contract(), ticket)
        #expect(found == ["the body is missing the required property resolvedAt"])
    }

    @Test func aBadEnumValueIsCaught() async throws {
        var ticket = Self.ticket
        ticket["status"] = "closed"
        let found = Self.violations(try await Self.contract(), ticket)
        #expect(found.count == 1)
        #expect(found.first?.contains("/status must be one of") == true, "\(found)")
    }

    @Test func formatsNullabilityAndBoundsAreChecked() async throws {
        let contract = try await Self.contract()
        var ticket = Self.ticket
        ticket["createdAt"] = "yesterday"
        ticket["number"] = 0
        ticket["assignee"] = ["id": "mb_1"]
        let found = Self.violations(contract, ticket)
        #expect(found.contains { $0.contains("/createdAt must be a date-time") }, "\(found)")
        #expect(found.contains { $0.contains("/number must be at least 1") }, "\(found)")
        #expect(found.contains { $0.contains("/assignee matches none of oneOf") }, "\(found)")
    }

    @Test func anUndocumentedStatusOrAnUndocumentedBodyIsCaught() async throws {
        let contract = try await Self.contract()
        #expect(Self.violations(contract, Self.ticket, status: 418) == ["the status 418 is not documented"])
        let noContent = contract.violations(
            method: "DELETE", path: "/api/v1/agents/ag_1", status: 204, contentType: "application/json",
            body: Data("{}".utf8))
        #expect(noContent.first?.contains("documents no application/json body") == true, "\(noContent)")
        // A problem answer must be a problem document even where no operation is documented.
        let problem = contract.violations(
            method: "GET", path: "/nowhere", status: 404, contentType: "application/problem+json",
            body: Data(#"{"title": "Not found"}"#.utf8))
        #expect(problem.contains("the body is missing the required property status"), "\(problem)")
    }
}
