import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One TCP connection to the server under test on 127.0.0.1, spoken to byte by
/// byte: for what an HTTP client library would not send (half a request, two
/// Content-Lengths, a broken chunk) and for watching the connection itself.
///
/// The async calls look at the socket without blocking and sleep a millisecond
/// between looks, so they neither hold one of the few threads the in-process
/// server also runs on nor leave the test's context (where `#expect` records).
/// The blocking ones are for work done on a thread of its own (`onOwnThread`).
final class RawConnection: @unchecked Sendable {
    let fd: Int32
    /// Everything the server has sent so far.
    private(set) var received: [UInt8] = []
    /// The server closed (or reset) the connection.
    private(set) var closedByServer = false
    private var open = true

    /// Connects to 127.0.0.1:`port`; nil when the connection fails.
    init?(port: Int) {
        guard let fd = Self.socket(toPort: port) else { return nil }
        self.fd = fd
    }

    /// A TCP socket connected to 127.0.0.1:`port`, or nil; the caller closes it.
    static func socket(toPort port: Int) -> Int32? {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            return nil
        }
        return fd
    }

    deinit { close() }

    func close() {
        if open { Glibc.close(fd) }
        open = false
    }

    /// Makes `close` reset the connection (RST) instead of ending it (FIN).
    func resetOnClose() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Sends all of `text`; false when the server closed the connection first.
    @discardableResult
    func send(_ text: String) async -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if count > 0 {
                offset += count
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                try? await Task.sleep(for: .milliseconds(1))
            } else {
                return false
            }
        }
        return true
    }

    /// Reads what arrives for up to `seconds`, stopping early once `done` holds
    /// for what was received or the server closes the connection.
    func read(for seconds: Double, until done: ([UInt8]) -> Bool = { _ in false }) async {
        let deadline = Date().addingTimeInterval(seconds)
        while !closedByServer, !done(received), deadline.timeIntervalSinceNow > 0 {
            if Self.readable([fd], milliseconds: 0).isEmpty {
                try? await Task.sleep(for: .milliseconds(1))
            } else {
                readAvailable()
            }
        }
    }

    /// The first response the server sends within `seconds`, or nil.
    func response(within seconds: Double = 15) async -> RawResponse? {
        await read(for: seconds) { RawResponse.parse($0) != nil }
        return parsed
    }

    /// Sends `text` and returns the response to it.
    func exchange(_ text: String, within seconds: Double = 15) async -> RawResponse? {
        received = []
        guard await send(text) else { return nil }
        return await response(within: seconds)
    }

    /// Whether the server closes the connection within `seconds` (what it sends meanwhile is kept).
    func closes(within seconds: Double) async -> Bool {
        await read(for: seconds)
        return closedByServer
    }

    /// Whether the server has neither sent anything nor closed the connection, looking without waiting.
    var isQuiet: Bool {
        if !Self.readable([fd], milliseconds: 0).isEmpty { readAvailable() }
        return received.isEmpty && !closedByServer
    }

    // MARK: Blocking, for a thread of its own

    /// Sends all of `text`, waiting while the socket is full.
    @discardableResult
    func sendBlocking(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return false }
            offset += count
        }
        return true
    }

    /// Sends `text` and waits for the response to it.
    func exchangeBlocking(_ text: String, within seconds: Double = 15) -> RawResponse? {
        received = []
        guard sendBlocking(text) else { return nil }
        let deadline = Date().addingTimeInterval(seconds)
        while !closedByServer, RawResponse.parse(received) == nil, deadline.timeIntervalSinceNow > 0 {
            let wait = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            if !Self.readable([fd], milliseconds: wait).isEmpty { readAvailable() }
        }
        return parsed
    }

    /// Reads on all `connections` at once for up to `seconds`, until `count` of
    /// them (all, by default) have a whole response or were closed.
    static func awaitAnswers(_ connections: [RawConnection], count: Int? = nil, within seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        var waiting = Dictionary(uniqueKeysWithValues: connections.map { ($0.fd, $0) })
        let enough = connections.count - (count ?? connections.count)
        while waiting.count > enough, deadline.timeIntervalSinceNow > 0 {
            for fd in readable(Array(waiting.keys), milliseconds: 50) {
                guard let connection = waiting[fd] else { continue }
                connection.readAvailable()
                if connection.closedByServer || RawResponse.parse(connection.received) != nil {
                    waiting[fd] = nil
                }
            }
        }
    }

    // MARK: Underneath

    /// The response received so far, whole; or, once the server closed, whatever it sent.
    private var parsed: RawResponse? {
        RawResponse.parse(received) ?? (closedByServer ? RawResponse.parse(received, untilClose: true) : nil)
    }

    /// Reads once from a socket `readable` reported.
    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(fd, &buffer, buffer.count, 0)
        if count > 0 {
            received += buffer[..<count]
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            closedByServer = true
        }
    }

    /// The sockets of `fds` that are readable (or closed) within `milliseconds`.
    static func readable(_ fds: [Int32], milliseconds: Int32) -> Set<Int32> {
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), milliseconds) > 0 else { return [] }
        return Set(polled.filter { $0.revents != 0 }.map(\.fd))
    }
}

/// A response as read off the socket.
struct RawResponse {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: String

    /// The JSON body's `type`, for problem documents.
    var problemType: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["type"] as? String
    }

    /// The first whole response in `bytes`: a head and as many body bytes as its
    /// Content-Length says (or, `untilClose`, everything after the head).
    static func parse(_ bytes: [UInt8], untilClose: Bool = false) -> RawResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let bodyStart = end + separator.count
        if let length = headers["content-length"].flatMap(Int.init) {
            guard bytes.count - bodyStart >= length else { return nil }
            return RawResponse(
                status: status, headers: headers,
                body: String(decoding: bytes[bodyStart..<bodyStart + length], as: UTF8.self))
        }
        if status == 101 || status == 304 || status == 204 {
            return RawResponse(status: status, headers: headers, body: "")
        }
        guard untilClose else { return nil }
        return RawResponse(status: status, headers: headers, body: String(decoding: bytes[bodyStart...], as: UTF8.self))
    }
}

/// Runs blocking work (sockets, waits) on a thread of its own, off the few
/// threads Swift's concurrency runs on, which the in-process server needs to
/// answer. `#expect` does not record from there: return what to check.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
