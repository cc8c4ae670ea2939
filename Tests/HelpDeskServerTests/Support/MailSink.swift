import Foundation
import Testing

/// A real SMTP server for tests: Python's aiosmtpd (installed by
/// `scripts/prerequisites`) on a free loopback port, storing every mail it
/// receives in a Maildir the test reads.
struct MailSink: Sendable {
    static let python = "/usr/bin/python3"
    let port: Int
    let maildir: URL

    /// Runs `body` with a started sink; the server stops after.
    static func with<R: Sendable>(_ body: (MailSink) async throws -> R) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "helpdesk-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try freePort()
        let maildir = directory.appendingPathComponent("Maildir")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path,
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // aiosmtpd outlives SIGTERM (Process.terminate); without SIGKILL every run leaves one behind.
        defer {
            if server.isRunning {
                Glibc.kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
        }
        // Listening once a connection is accepted.
        var ready = false
        for _ in 0..<100 where !ready {
            ready = canConnect(port: port)
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(ready, "aiosmtpd did not start (scripts/prerequisites installs python3-aiosmtpd)")
        return try await body(MailSink(port: port, maildir: maildir))
    }

    /// The mails received so far, raw, oldest first.
    func mails() -> [String] {
        let folder = maildir.appendingPathComponent("new")
        let files =
            (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.creationDateKey]))
            ?? []
        return files.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap {
            try? String(contentsOf: $0, encoding: .utf8)
        }
    }

    /// A header's value in a raw mail (unfolded), if present.
    static func header(_ name: String, in mail: String) -> String? {
        let head = mail.components(separatedBy: "\n\n").first ?? mail
        var unfolded: [String] = []
        for line in head.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            if line.first == " " || line.first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                unfolded.append(String(line))
            }
        }
        let prefix = name.lowercased() + ":"
        return unfolded.first { $0.lowercased().hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        } == 0
    }
}
