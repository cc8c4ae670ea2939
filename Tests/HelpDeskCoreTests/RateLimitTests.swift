import Testing

@testable import HelpDeskCore

@Suite struct RateLimitTests {
    static let start = Timestamp(microseconds: 1_000_000_000)

    @Test func aBucketGivesItsBurstThenRefillsAtItsRate() {
        let limit = RateLimit(burst: 3, count: 1, per: 10)
        var bucket = TokenBucket(limit, now: Self.start)
        #expect(bucket.take(limit, now: Self.start) == nil)
        #expect(bucket.take(limit, now: Self.start) == nil)
        #expect(bucket.take(limit, now: Self.start) == nil)
        #expect(bucket.take(limit, now: Self.start) == 10)
        #expect(bucket.take(limit, now: Self.start.adding(seconds: 4)) == 6)
        #expect(bucket.take(limit, now: Self.start.adding(seconds: 10)) == nil)
        #expect(bucket.take(limit, now: Self.start.adding(seconds: 10)) == 10)
        #expect(!bucket.isFull(limit, now: Self.start.adding(seconds: 29)))
        #expect(bucket.isFull(limit, now: Self.start.adding(seconds: 40)))
    }

    @Test func aRefusalSpendsNothing() {
        let limit = RateLimit(burst: 1, count: 1, per: 2)
        var bucket = TokenBucket(limit, now: Self.start)
        #expect(bucket.take(limit, now: Self.start) == nil)
        for _ in 0..<5 { #expect(bucket.take(limit, now: Self.start.adding(seconds: 1)) == 1) }
        #expect(bucket.take(limit, now: Self.start.adding(seconds: 2)) == nil)
    }

    @Test func addressRangesMatchByPrefix() throws {
        let loopback = try #require(AddressRange("127.0.0.0/8"))
        #expect(loopback.contains("127.0.0.1"))
        #expect(loopback.contains("127.255.1.2"))
        #expect(!loopback.contains("128.0.0.1"))
        #expect(loopback.contains("::ffff:127.0.0.1"))
        let private10 = try #require(AddressRange("10.0.0.0/8"))
        #expect(private10.contains("10.200.3.4"))
        #expect(!private10.contains("11.0.0.1"))
        let single = try #require(AddressRange("192.168.1.7"))
        #expect(single.contains("192.168.1.7"))
        #expect(!single.contains("192.168.1.8"))
        let odd = try #require(AddressRange("172.16.0.0/12"))
        #expect(odd.contains("172.31.255.255"))
        #expect(!odd.contains("172.32.0.0"))
        let v6 = try #require(AddressRange("fd00::/8"))
        #expect(v6.contains("fd12:3456::1"))
        #expect(!v6.contains("fe80::1"))
        #expect(try #require(AddressRange("::1/128")).contains("[::1]"))
        #expect(try #require(AddressRange("::/0")).contains("2001:db8::8a2e:370:7334"))
        #expect(!loopback.contains("unknown"))
        #expect(!loopback.contains("fd00::1"))
    }

    @Test func malformedRangesAreRefusedNotWidened() {
        for text in [
            "", "127.0.0.0/33", "127.0.0/8", "256.0.0.1", "1.2.3.4/", "1.2.3.4/-1", "01.2.3.4", "::1/129",
            "1::2::3", "12345::", "fe80:::1", "10.0.0.0/8/8", "localhost",
        ] {
            #expect(AddressRange(text) == nil, "\(text)")
        }
    }
}
