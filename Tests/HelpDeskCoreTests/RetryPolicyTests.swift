import HelpDeskCore
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(baseSeconds: 2, capSeconds: 60, maxAttempts: 5)

    @Test func theWaitDoublesWithJitterInItsUpperHalf() {
        #expect(policy.delay(afterAttempts: 1, retryAfter: nil, random: 0) == 1)
        #expect(policy.delay(afterAttempts: 1, retryAfter: nil, random: 1) == 2)
        #expect(policy.delay(afterAttempts: 2, retryAfter: nil, random: 0) == 2)
        #expect(policy.delay(afterAttempts: 3, retryAfter: nil, random: 0.5) == 6)
        #expect(policy.delay(afterAttempts: 4, retryAfter: nil, random: 1) == 16)
    }

    @Test func theWaitStopsGrowingAtTheCap() {
        let long = RetryPolicy(baseSeconds: 2, capSeconds: 60, maxAttempts: 50)
        #expect(long.delay(afterAttempts: 30, retryAfter: nil, random: 1) == 60)
        #expect(long.delay(afterAttempts: 30, retryAfter: nil, random: 0) == 30)
    }

    @Test func theProvidersOwnWaitIsHonouredUpToItsLimit() {
        #expect(policy.delay(afterAttempts: 1, retryAfter: 37, random: 1) == 37)
        #expect(policy.delay(afterAttempts: 4, retryAfter: 3, random: 1) == 16, "never sooner than the backoff")
        #expect(
            RetryPolicy(maxRetryAfterSeconds: 120).delay(afterAttempts: 1, retryAfter: 86_400, random: 0) == 120)
    }

    @Test func theLastAttemptGivesUp() {
        #expect(policy.delay(afterAttempts: 4, retryAfter: nil, random: 0) != nil)
        #expect(policy.delay(afterAttempts: 5, retryAfter: nil, random: 0) == nil)
        #expect(policy.delay(afterAttempts: 5, retryAfter: 1, random: 0) == nil)
    }
}
