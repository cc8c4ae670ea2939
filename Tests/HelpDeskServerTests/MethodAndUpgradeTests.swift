import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// A method a known path does not serve is 405 with `Allow`, and a refused
/// WebSocket upgrade gets the status a plain request would get, not a bare 400.
@Suite struct MethodAndUpgradeTests {
    @Test func anUnsupportedMethodOnAKnownPathIs405WithAllow() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let me = try await client.call(.delete, "/api/v1/me", token: acme.ownerToken)
            #expect(me.status == .methodNotAllowed)
            #expect(me.headers[.allow] == "GET, HEAD, PATCH")
            #expect(me.headers[.contentType] == "application/problem+json")
            #expect(me.problemType == "urn:helpdesk:problem:method-not-allowed")

            // Anonymous too: the method is wrong whoever asks.
            let health = try await client.call(.post, "/health")
            #expect(health.status == .methodNotAllowed)
            #expect(health.headers[.allow] == "GET, HEAD")

            // A literal segment wins over a parameter, as in the router.
            let counts = try await client.call(.patch, "/api/v1/tickets/counts", token: acme.ownerToken)
            #expect(counts.status == .methodNotAllowed)
            #expect(counts.headers[.allow] == "GET, HEAD")
            let ticket = try await client.call(.put, "/api/v1/tickets/10001", token: acme.ownerToken)
            #expect(ticket.headers[.allow] == "GET, HEAD, PATCH")

            // Pages and methods outside the usual five as well.
            #expect(try await client.call(.post, "/app/tickets/10001").headers[.allow] == "GET, HEAD")
            let trace = try await client.call(HTTPRequest.Method("TRACE")!, "/api/v1/agents", token: acme.ownerToken)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD, POST")

            // An unknown path stays 404, and so does a handler's own 404.
            #expect(try await client.call(.get, "/api/v1/nothing-here").status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/nothing-here").status == .notFound)
            #expect(try await client.call(.get, "/api/v1/tickets/99999", token: acme.ownerToken).status == .notFound)

            // HEAD is served wherever GET is.
            let head = try await client.call(.head, "/health")
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func everyDocumentedPathAnswersEveryOtherMethodWith405() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let routes = buildRouter(helpDesk: desk.helpDesk, configuration: desk.configuration).routes
        let served = Dictionary(grouping: routes, by: \.path).mapValues { Set($0.map(\.method)) }
        try await desk.test { client in
            for (path, methods) in served {
                let concrete = path.replacingOccurrences(of: "{number}", with: "10001")
                    .replacingOccurrences(of: "{id}", with: "x").replacingOccurrences(of: "{channelId}", with: "ch_x")
                for method in ["GET", "PUT", "POST", "PATCH", "DELETE"] where !methods.contains(method) {
                    let response = try await client.call(HTTPRequest.Method(method)!, concrete, token: acme.ownerToken)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    let allow = Set(
                        (response.headers[.allow] ?? "").split(separator: ",").map {
                            $0.trimmingCharacters(in: .whitespaces)
                        })
                    var expected = methods
                    if methods.contains("GET") { expected.insert("HEAD") }
                    #expect(allow == expected, "\(method) \(path)")
                }
            }
        }
    }

    /// The request a browser sends to open a WebSocket.
    static let upgrade: HTTPFields = [
        .upgrade: "websocket", .connection: "Upgrade", .secWebSocketVersion: "13",
        .secWebSocketKey: "dGhlIHNhbXBsZSBub25jZQ==",
    ]

    /// Asks for a WebSocket on a connection of its own: a refused upgrade ends its connection.
    static func upgrade(port: Int, _ uri: String, origin: String? = nil) async throws -> (
        status: HTTPResponse.Status, problemType: String?
    ) {
        var fields = upgrade
        if let origin { fields[.origin] = origin }
        let headers = fields
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(TestClient.Request(uri, method: .get, headers: headers))
        }
        let body = response.body.map { Data($0.readableBytesView) } ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        return (response.status, object?["type"] as? String)
    }

    /// QUERY is an HTTP method clients send: on a path that has other methods it is 405 with
    /// `Allow`, like any standard method; a made-up method is 501.
    @Test func queryIsNotAllowedAndAMadeUpMethodIsNotImplemented() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let query = try await client.call(HTTPRequest.Method("QUERY")!, "/api/v1/agents", token: acme.ownerToken)
            #expect(query.status == .methodNotAllowed)
            #expect(query.headers[.allow] == "GET, HEAD, POST")
            let brew = try await client.execute(
                uri: "/api/v1/agents", method: HTTPRequest.Method("BREW")!, headers: [:], body: nil)
            #expect(brew.status == .notImplemented)
        }
    }

    @Test func aRefusedLiveUpgradeGetsTheStatusOfAPlainRequest() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let hobby = try await desk.team("Hobbyist", plan: .hobby)
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let anonymous = try await Self.upgrade(port: port, "/api/v1/live")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.problemType == "urn:helpdesk:problem:unauthorized")
            #expect(try await Self.upgrade(port: port, "/api/v1/live?token=forged").status == .unauthorized)
            #expect(try await Self.upgrade(port: port, "/api/v1/live?token=\(hobby.ownerToken)").status == .forbidden)

            // A plain GET with good credentials, in the query or the header, is told to upgrade.
            #expect(try await client.call(.get, "/api/v1/live?token=\(acme.ownerToken)").status == .upgradeRequired)
            #expect(try await client.call(.get, "/api/v1/live", token: acme.ownerToken).status == .upgradeRequired)

            let widget = try await WidgetFixture.make(desk, client: client, team: acme)
            let visitor = try await widget.session(client)
            #expect(try await Self.upgrade(port: port, "/widget/v1/ch_nope/live?visitorToken=x").status == .notFound)
            #expect(
                try await Self.upgrade(port: port, "\(widget.base)/live?visitorToken=forged").status == .unauthorized)
            let foreign = try await Self.upgrade(
                port: port, "\(widget.base)/live?visitorToken=\(visitor)", origin: "https://evil.example")
            #expect(foreign.status == .forbidden)
            #expect(
                try await client.call(.get, "\(widget.base)/live?visitorToken=\(visitor)").status == .upgradeRequired)
        }
    }
}
