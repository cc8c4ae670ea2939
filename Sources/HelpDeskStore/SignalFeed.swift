import Foundation
import Synchronization

/// Short signals between the processes that share one store: who is viewing or
/// typing on which ticket, and typing across a live chat. Unlike `ChangeFeed`
/// topics these carry their data and are never stored: one that is lost is lost,
/// so senders repeat what must last (a viewer's presence is announced again
/// every few seconds, and forgotten when it is not).
///
/// A store shared by several processes carries them on its notification channel
/// (`Store.broadcastSignal`) and hands those of the others to `deliver`; a store
/// one process owns alone (SQLite) has nobody to tell.
public final class SignalFeed: Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])

    public init() {}

    /// The signals other processes send from now on, until the stream is dropped.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1_000))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// A signal another process sent.
    public func deliver(_ text: String) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(text) }
    }
}
