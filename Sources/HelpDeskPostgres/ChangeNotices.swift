import HelpDeskCore
import HelpDeskStore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Carries `ChangeTopic`s between the instances on one database, with
/// PostgreSQL's LISTEN/NOTIFY: a write transaction notifies its topics (a
/// notification is delivered only when the transaction commits), and every
/// instance listens on a connection of its own and wakes its local feeds.
///
/// A notification is a wake-up, never the data: the entries table stays the
/// truth, so a notification that is lost loses nothing but a wake-up. After
/// its listening connection drops, an instance wakes every local feed once it
/// listens again, and the feeds read what they missed.
enum ChangeNotices {
    /// The most a notice carries; above it, it says "everything" (PostgreSQL takes 8000 bytes).
    static let largestPayload = 7_000

    /// The notification channel of a store: one per schema, so stores in different schemas of one
    /// database (the tests) do not wake each other.
    static func channel(schema: String?) -> String {
        guard let schema else { return "helpdesk_changes" }
        return String(("helpdesk_changes_" + schema.filter { $0.isLetter || $0.isNumber || $0 == "_" }).prefix(63))
    }

    /// A notice's text: the sending instance, then one topic per line (`*` for every topic).
    static func payload(_ topics: Set<ChangeTopic>, from instance: String) -> String {
        let lines = topics.map { topic -> String in
            switch topic {
            case .team(let id): "t:" + id
            case .conversation(let id): "c:" + id
            case .teamSetup(let id): "s:" + id
            case .access(let id): "a:" + (id ?? "")
            }
        }
        let text = ([instance] + lines.sorted()).joined(separator: "\n")
        return text.utf8.count <= largestPayload ? text : instance + "\n*"
    }

    /// A signal's notice (`SignalFeed`): the sending instance, then `p:` and the text; nil when too long.
    static func signalPayload(_ text: String, from instance: String) -> String? {
        let payload = instance + "\np:" + text
        return payload.utf8.count <= largestPayload ? payload : nil
    }

    /// The text of a signal from another instance; nil for a change notice or one of our own.
    static func signal(of payload: String, ownInstance: String) -> String? {
        guard let newline = payload.firstIndex(of: "\n"), payload[..<newline] != ownInstance else { return nil }
        let rest = payload[payload.index(after: newline)...]
        return rest.hasPrefix("p:") ? String(rest.dropFirst(2)) : nil
    }

    /// The topics of a notice from another instance; nil for one of our own (already published),
    /// `everything` for `*`.
    static func topics(of payload: String, ownInstance: String) -> (topics: Set<ChangeTopic>, everything: Bool)? {
        let lines = payload.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let sender = lines.first, sender != ownInstance else { return nil }
        var topics: Set<ChangeTopic> = []
        for line in lines.dropFirst() {
            if line == "*" { return ([], true) }
            let id = String(line.dropFirst(2))
            switch line.prefix(2) {
            case "t:": topics.insert(.team(id))
            case "c:": topics.insert(.conversation(id))
            case "s:": topics.insert(.teamSetup(id))
            case "a:": topics.insert(.access(id.isEmpty ? nil : id))
            default: continue
            }
        }
        return (topics, false)
    }

    /// Listens until cancelled, reconnecting after a failure, and wakes `feed`
    /// with other instances' topics (and hands their signals to `signals`). Yields on `ready` once it first listens (or fails to).
    static func listen(
        configuration: PostgresConnection.Configuration, channel: String, instance: String, feed: ChangeFeed,
        signals: SignalFeed, ready: AsyncStream<Void>.Continuation, logger: Logger
    ) async {
        var listenedBefore = false
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration, id: 2, logger: logger)
                try await withTaskCancellationHandler {
                    try await connection.listen(on: channel) { notifications in
                        ready.yield()
                        // Whatever other instances wrote while this one did not listen wakes every feed.
                        if listenedBefore { feed.publishEverything() }
                        listenedBefore = true
                        for try await notification in notifications {
                            if let signal = signal(of: notification.payload, ownInstance: instance) {
                                signals.deliver(signal)
                                continue
                            }
                            guard let notice = topics(of: notification.payload, ownInstance: instance) else {
                                continue
                            }
                            if notice.everything { feed.publishEverything() } else { feed.publish(notice.topics) }
                        }
                    }
                } onCancel: {
                    let closing: EventLoopFuture<Void> = connection.close()
                    closing.whenComplete { _ in }
                }
                try? await connection.close()
            } catch {
                ready.yield()
                if Task.isCancelled { break }
                logger.warning(
                    "listening for other instances' changes failed; retrying",
                    metadata: ["error": "\(PostgresStore.reason(error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
        ready.finish()
    }
}
