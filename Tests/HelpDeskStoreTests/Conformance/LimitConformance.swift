import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// The limits' state as every store keeps it: token buckets spent all or none,
/// and failed sign-ins by key within a window.
@Suite struct LimitConformance {
    @Test(arguments: StoreFactories.all)
    func bucketsAreSpentAllOrNoneAndRefill(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            // Two at once, then one more every ten seconds.
            let tight = RateLimit(burst: 2, count: 1, per: 10)
            let roomy = RateLimit(burst: 100, count: 100, per: 1)
            let wait1 = try await store.admit([("address:1", tight)], now: .moment(0))
            #expect(wait1 == nil)
            let wait2 = try await store.admit([("address:1", tight)], now: .moment(0))
            #expect(wait2 == nil)
            let wait3 = try await store.admit([("address:1", tight)], now: .moment(0))
            #expect(wait3 == 10)
            let wait4 = try await store.admit([("address:1", tight)], now: .moment(4))
            #expect(wait4 == 6)
            // Another key has its own bucket.
            let wait5 = try await store.admit([("address:2", tight)], now: .moment(4))
            #expect(wait5 == nil)
            // Refused on one key, nothing is spent on the other.
            let tiny = RateLimit(burst: 1, count: 1, per: 3600)
            let wait6 = try await store.admit([("channel:1", tiny)], now: .moment(4))
            #expect(wait6 == nil)
            let wait7 = try await store.admit([("channel:1", tiny), ("channel:2", tiny)], now: .moment(5))
            #expect(wait7 == 3599)
            let wait8 = try await store.admit([("channel:2", tiny)], now: .moment(6))
            #expect(wait8 == nil)
            // Refilled after its period.
            let wait9 = try await store.admit([("address:1", tight), ("address:3", roomy)], now: .moment(10))
            #expect(wait9 == nil)
            let wait10 = try await store.admit([("address:1", tight)], now: .moment(10))
            #expect(wait10 == 10)
        }
    }

    @Test(arguments: StoreFactories.all)
    func manyRequestsAtOnceSpendEachTokenOnce(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let limit = RateLimit(burst: 5, count: 1, per: 3600)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await store.admit(
                            [
                                ("session.address:9", limit),
                                ("session.channel:\(index % 2)", RateLimit(burst: 50, count: 1, per: 60)),
                            ],
                            now: .moment(1)) == nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 5)
        }
    }

    @Test(arguments: StoreFactories.all)
    func failedSignInsAreCountedByKeyWithinTheirWindow(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            try await store.recordSignInFailure(
                keys: ["account:ann@example.com", "address:10.0.0.1"], at: .moment(10), forgettingBefore: .moment(-50))
            try await store.recordSignInFailure(
                keys: ["account:ann@example.com"], at: .moment(20), forgettingBefore: .moment(-40))
            try await store.recordSignInFailure(
                keys: ["account:ben@example.com", "address:10.0.0.1"], at: .moment(30), forgettingBefore: .moment(-30))
            let found = try await store.signInFailures(
                keys: ["account:ann@example.com", "address:10.0.0.1", "account:cid@example.com"], since: .moment(0))
            #expect(found["account:ann@example.com"] == [.moment(10), .moment(20)])
            #expect(found["address:10.0.0.1"] == [.moment(10), .moment(30)])
            #expect(found["account:cid@example.com"] == nil)
            // Only those after `since` count.
            #expect(
                try await store.signInFailures(keys: ["account:ann@example.com"], since: .moment(10))
                    == ["account:ann@example.com": [.moment(20)]])
            // A success forgets its account only.
            try await store.forgetSignInFailures(key: "account:ann@example.com")
            let after = try await store.signInFailures(
                keys: ["account:ann@example.com", "address:10.0.0.1"], since: .moment(0))
            #expect(after["account:ann@example.com"] == nil)
            #expect(after["address:10.0.0.1"]?.count == 2)
            // Failures out of every window are forgotten as new ones come.
            try await store.recordSignInFailure(
                keys: ["address:10.0.0.2"], at: .moment(100), forgettingBefore: .moment(25))
            #expect(
                try await store.signInFailures(keys: ["address:10.0.0.1"], since: .moment(-100))
                    == ["address:10.0.0.1": [.moment(30)]])
        }
    }
}
