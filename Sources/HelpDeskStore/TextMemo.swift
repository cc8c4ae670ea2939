import Synchronization

/// Remembers what a stored JSON document decodes to, keyed by its exact text.
///
/// Every webhook reads its channel and every AI answer reads its agent; decoding
/// their configuration (JSON, and opening the sealed secrets) cost more than the
/// reads themselves. The row is still read every time, so a changed document is
/// a new text and decodes afresh: nothing here can go stale. Each store keeps its
/// own memo, since what a text decodes to depends on the store's secret keys.
package final class TextMemo<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])
    /// Past this many texts the memo starts over (old texts are edited documents no row holds any more).
    let limit: Int

    package init(limit: Int = 512) {
        self.limit = limit
    }

    /// What `text` decodes to, decoding it only the first time.
    package func value(for text: String, decode: (String) throws -> Value) throws -> Value {
        if let known = values.withLock({ $0[text] }) { return known }
        let value = try decode(text)
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[text] = value
        }
        return value
    }
}
