import HelpDeskCore
import Synchronization

/// Leases kept in this process's memory: the SQLite store's. One process
/// serves a SQLite database, so every holder that could compete for a lease is
/// in this process, and a lease need not outlive it.
final class ProcessLeases: Sendable {
    private let leases = Mutex<[String: (holder: String, until: Timestamp)]>([:])

    func take(_ name: String, holder: String, now: Timestamp, until: Timestamp) -> Bool {
        leases.withLock { leases in
            if let current = leases[name], current.holder != holder, current.until > now { return false }
            leases[name] = (holder, until)
            return true
        }
    }

    func release(_ name: String, holder: String) {
        leases.withLock { leases in
            if leases[name]?.holder == holder { leases[name] = nil }
        }
    }
}
