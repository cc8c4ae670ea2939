import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct OperationsTests {
    @Test func healthReadyAndMetrics() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let health = try await client.call(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            let ready = try await client.call(.get, "/ready")
            #expect(ready.status == .ok)
            _ = try await openTicket(client, token: acme.ownerToken)
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("helpdesk_tickets_created_total"))
            #expect(metrics.text.contains("hb_requests"))
            #expect(metrics.text.contains("http_server_request_duration"))
        }
    }

    @Test func readyIs503WhenTheDatabaseIsGone() async throws {
        let desk = try TestHelpDesk()
        try desk.store.close()
        try await desk.test { client in
            let ready = try await client.call(.get, "/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.problemType == "urn:helpdesk:problem:not-ready")
        }
    }

    @Test func everyDocumentedErrorIsAProblem() async throws {
        let desk = try TestHelpDesk()
        let text = try await desk.test { client in try await client.call(.get, "/openapi.json").text }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let components = try #require(document["components"] as? [String: Any])
        let shared = try #require(components["responses"] as? [String: [String: Any]])
        var checked = 0
        for (path, operations) in paths {
            for (method, operation) in operations where method != "parameters" {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: [String: Any]])
                // 1xx (the WebSocket upgrade), 2xx and 3xx (304 Not Modified) are not errors.
                for (code, response) in responses where code.hasPrefix("4") || code.hasPrefix("5") {
                    var response = response
                    if let reference = response["$ref"] as? String {
                        response = try #require(shared[String(reference.split(separator: "/").last!)])
                    }
                    let content = response["content"] as? [String: [String: Any]]
                    let schema = content?["application/problem+json"]?["schema"] as? [String: String]
                    #expect(
                        schema == ["$ref": "#/components/schemas/Problem"],
                        "\(method.uppercased()) \(path) \(code) is not a Problem as application/problem+json")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() async throws {
        let desk = try TestHelpDesk()
        let served = Set(buildRouter(helpDesk: desk.helpDesk, configuration: desk.configuration).routes)
        let text = try await desk.test { client in try await client.call(.get, "/openapi.json").text }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var documented = Set<RouteDescription>()
        for (path, operations) in paths {
            for method in operations.keys where methods.contains(method) {
                documented.insert(RouteDescription(method: method.uppercased(), path: path))
            }
        }
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")

        // And the router really answers each documented route (never the "no route" problem).
        let documentedRoutes = documented
        try await desk.test { client in
            for route in documentedRoutes {
                let path = route.path.replacingOccurrences(of: "{number}", with: "10001")
                    .replacingOccurrences(of: "{id}", with: "mb_x").replacingOccurrences(
                        of: "{channelId}", with: "ch_x")
                let response = try await client.call(
                    HTTPRequest.Method(route.method)!, path, json: route.method == "GET" ? nil : "{}")
                #expect(response.problemType != "urn:helpdesk:problem:no-route", "\(route)")
            }
        }
    }
}
