import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `helpdesk` binary, run as a child process, for tests that need the
/// whole program: signals, the metrics system as the executable boots it, files.
struct ServerProcess {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("helpdesk")
    }

    let process: Process
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// Runs one `helpdesk` command to completion and returns what it printed.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil) async throws -> String {
        let result = try await ChildProcess.run(binary, arguments, input: input)
        #expect(result.status == 0, "helpdesk \(arguments.joined(separator: " "))")
        return result.output
    }

    /// Creates a pro team with an owner (`o@<name>.test`, password `"<name> password"`) in
    /// `directory`; returns the team's id.
    @discardableResult
    static func seedTeam(_ name: String, in directory: String) async throws -> String {
        let teamJSON = try await run([
            "create-team", "--data-dir", directory, "--name", name, "--plan", "pro", "--json",
        ])
        let teamID = try #require(
            (try JSONSerialization.jsonObject(with: Data(teamJSON.utf8)) as? [String: String])?["id"])
        try await run(
            [
                "create-member", "--data-dir", directory, "--team", teamID, "--email", "o@\(name.lowercased()).test",
                "--role", "owner", "--display-name", "Owner", "--password-stdin", "--json",
            ],
            input: "\(name.lowercased()) password\n")
        return teamID
    }

    /// Runs one `helpdesk` command that should fail with `status`; returns what it printed on
    /// standard output and standard error.
    static func run(_ arguments: [String], expectingStatus status: Int32) async throws -> (
        output: String, error: String
    ) {
        let result = try await ChildProcess.run(binary, arguments)
        #expect(result.status == status, "helpdesk \(arguments.joined(separator: " "))")
        return (result.output, result.error)
    }

    /// Starts `helpdesk serve` on a free port, with extra `arguments` and `environment`
    /// variables, and waits until it listens.
    static func start(
        dataDirectory: String, arguments: [String] = [], environment: [String: String] = [:]
    ) throws -> ServerProcess {
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "build the helpdesk executable first")
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--data-dir", dataDirectory, "--port", "0"] + arguments
        if !environment.isEmpty {
            server.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        var port: Int?
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while port == nil, Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(seen[range].split(separator: ":").last!)
            }
        }
        guard let port else {
            Glibc.kill(server.processIdentifier, SIGKILL)
            throw ServerDidNotStart(output: seen)
        }
        return ServerProcess(process: server, port: port)
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "server did not start: \(output)" }
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends one request and returns the status and body text.
    func send(
        _ client: HTTPClient, _ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil
    ) async throws -> (status: HTTPResponseStatus, body: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status, String(buffer: body))
    }
}
