import HelpDeskCore
import Synchronization

/// Sends a message that a provider takes only in parts (Telegram and WhatsApp
/// cap a message at 4,096 characters), remembering while the process runs
/// which parts went out, so a retry after a failure sends only the rest. After
/// a restart a retry starts again from the first part: the outbox's
/// at-least-once guarantee.
final class PartedDelivery: Sendable {
    /// Parts already sent, by outbox entry id, with the provider's ids for them.
    private let sent = Mutex<[Int64: [String?]]>([:])

    /// What one part's send came to: the provider's id for it, or the outcome to stop with.
    enum PartResult {
        case sent(providerID: String?)
        case stop(DeliveryOutcome)
    }

    /// Sends `parts` of outbox entry `entryID` in order, from the first one not yet sent.
    func deliver(entryID: Int64, parts: [String], send: (String) async -> PartResult) async -> DeliveryOutcome {
        var ids = sent.withLock { $0[entryID] ?? [] }
        for part in parts.dropFirst(ids.count) {
            switch await send(part) {
            case .stop(let outcome):
                return outcome
            case .sent(let providerID):
                ids.append(providerID)
                sent.withLock { $0[entryID] = ids }
            }
        }
        sent.withLock { _ = $0.removeValue(forKey: entryID) }
        let known = ids.compactMap { $0 }
        return .delivered(providerID: known.isEmpty ? nil : known.joined(separator: ","))
    }
}

/// Why an outbox entry cannot be sent this time, as the outbox should record it.
struct Undeliverable: Error {
    let outcome: DeliveryOutcome

    /// Reads what an entry delivers, the same way for every deliverer: a refusal of the help desk's
    /// (the message or its channel is gone, no mail server is set up) will not change, so it fails
    /// for good with its words; anything else (the database busy) is tried again later.
    static func reading<Content>(what: String = "message", _ read: () async throws -> Content) async -> Result<
        Content, Undeliverable
    > {
        do {
            return .success(try await read())
        } catch let error as HelpDeskError {
            return .failure(Undeliverable(outcome: .permanent(reason: error.description)))
        } catch {
            return .failure(
                Undeliverable(outcome: .retryable(reason: "could not read the \(what) to send", retryAfter: nil)))
        }
    }
}
