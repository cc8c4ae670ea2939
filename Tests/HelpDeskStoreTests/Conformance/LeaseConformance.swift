import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Leases on work one instance at a time does: one holder until its lease ends
/// or it gives the lease up, renewals by the holder, and of many instances
/// taking a free lease at once, exactly one gets it.
@Suite struct LeaseConformance {
    @Test(arguments: StoreFactories.all)
    func aLeaseHasOneHolderUntilItEndsOrIsGivenUp(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let poller = LeaseName.telegramPolling(channelID: "ch_1")
            #expect(try await store.takeLease(poller, holder: "a", now: .moment(0), until: .moment(30)))
            #expect(try await store.takeLease(poller, holder: "b", now: .moment(1), until: .moment(31)) == false)
            // Another name is another lease.
            #expect(
                try await store.takeLease(
                    LeaseName.telegramPolling(channelID: "ch_2"), holder: "b", now: .moment(1), until: .moment(31)))
            // The holder renews; the other still waits, until the renewed lease ends.
            #expect(try await store.takeLease(poller, holder: "a", now: .moment(20), until: .moment(50)))
            #expect(try await store.takeLease(poller, holder: "b", now: .moment(40), until: .moment(70)) == false)
            #expect(try await store.takeLease(poller, holder: "b", now: .moment(50), until: .moment(80)))
            // The lapsed holder cannot renew, and cannot give up what it no longer holds.
            #expect(try await store.takeLease(poller, holder: "a", now: .moment(51), until: .moment(81)) == false)
            try await store.releaseLease(poller, holder: "a")
            #expect(try await store.takeLease(poller, holder: "c", now: .moment(52), until: .moment(82)) == false)
            // Given up, it is free at once.
            try await store.releaseLease(poller, holder: "b")
            #expect(try await store.takeLease(poller, holder: "c", now: .moment(53), until: .moment(83)))
        }
    }

    @Test(arguments: StoreFactories.all)
    func ofManyTakingOneLeaseAtOnceExactlyOneHoldsIt(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            for round in 0..<5 {
                let answer = LeaseName.owedAnswer(conversationID: "conv_\(round)")
                // From the second round on, the lease is one whose holder died (it lapsed at 5).
                if round > 0 {
                    #expect(try await store.takeLease(answer, holder: "dead", now: .moment(0), until: .moment(5)))
                }
                let taken = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for holder in 0..<8 {
                        group.addTask {
                            try await store.takeLease(
                                answer, holder: "instance-\(holder)", now: .moment(10), until: .moment(40))
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(taken == 1, "round \(round)")
            }
        }
    }
}
