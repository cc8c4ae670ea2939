import AsyncHTTPClient
import NIOCore

/// The HTTP plumbing every provider API client shares (the Telegram Bot API,
/// WhatsApp's Graph API): one process-wide client that never follows a
/// redirect (a member's base URL must not bounce a token elsewhere), and one
/// attempt bounded from sending to the last byte of the answer.
public enum ProviderHTTP {
    /// Lives as long as the process, like `HTTPClient.shared`.
    public static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    /// Larger answers are not a provider's; they are refused rather than buffered.
    static let maxResponseBytes = 8 * 1024 * 1024

    struct TimedOut: Error {}

    /// What a provider answered.
    struct Response: Sendable {
        var status: Int
        var body: ByteBuffer
        /// A `Retry-After` header's seconds.
        var retryAfter: Double?
    }

    /// One attempt: the status and the whole body, or `TimedOut` after `timeout`.
    static func send(_ request: HTTPClientRequest, client: HTTPClient, timeout: Duration) async throws -> Response {
        try await withThrowingTaskGroup(of: Response.self) { group in
            group.addTask {
                let response = try await client.execute(request, deadline: .now() + timeAmount(timeout))
                let body = try await response.body.collect(upTo: maxResponseBytes)
                return Response(
                    status: Int(response.status.code), body: body,
                    retryAfter: response.headers.first(name: "Retry-After").flatMap(Double.init))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TimedOut()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TimedOut() }
            return first
        }
    }

    /// Words for a failed connection that hold no URL (tokens travel in some).
    static func describe(_ error: any Error, service: String, timeout: Duration) -> String {
        if error is TimedOut { return "no answer from the \(service) within \(timeout)" }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return "no answer from the \(service) within \(timeout)"
            case .remoteConnectionClosed: return "the \(service) closed the connection"
            default: return "could not reach the \(service)"
            }
        }
        return "could not reach the \(service) (\(type(of: error)))"
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
