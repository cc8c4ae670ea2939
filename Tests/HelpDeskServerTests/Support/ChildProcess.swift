import Foundation

/// Runs a program to completion without holding a thread of the cooperative
/// pool: the test process's servers and timers need those (two on this
/// machine) while a child runs, so waiting must not block one.
enum ChildProcess {
    struct Result: Sendable {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ executable: URL, _ arguments: [String], input: String? = nil) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (output, error, stdin) = (
            folder.appendingPathComponent("out"), folder.appendingPathComponent("err"),
            folder.appendingPathComponent("in")
        )
        try Data((input ?? "").utf8).write(to: stdin)
        for file in [output, error] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: status, output: try String(contentsOf: output, encoding: .utf8),
            error: try String(contentsOf: error, encoding: .utf8))
    }
}
