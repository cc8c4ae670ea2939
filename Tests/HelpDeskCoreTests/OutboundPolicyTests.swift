import Testing

@testable import HelpDeskCore

@Suite struct OutboundPolicyTests {
    @Test func nonPublicAddressesAreRefusedUnlessAllowed() {
        let strict = OutboundPolicy()
        for address in [
            "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
            "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1", "not an address",
        ] {
            #expect(!strict.permits(address: address), "\(address)")
        }
        for address in ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "172.32.0.1"] {
            #expect(strict.permits(address: address), "\(address)")
        }
        let local = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])
        #expect(local.permits(address: "127.0.0.1"))
        #expect(!local.permits(address: "10.0.0.1"))
    }

    @Test func baseURLsMustBePlainHTTPWithAPublicHost() {
        let strict = OutboundPolicy()
        #expect(strict.problem(withBaseURL: "https://api.openai.com/v1") == nil)
        #expect(strict.problem(withBaseURL: "http://llm.example.com:11434/v1") == nil)
        for bad in [
            "ftp://api.example.com", "api.example.com/v1", "https://", "https://api.example.com/v1?x=/other",
            "https://api.example.com/v1#x", "https://user:pass@api.example.com/v1", "http://127.0.0.1:11434/v1",
            "http://169.254.169.254/latest", "http://[::1]/v1", "http://2130706433/v1", "http://0x7f000001/v1",
            "http://10.0.0.5/v1",
        ] {
            #expect(strict.problem(withBaseURL: bad) != nil, "\(bad)")
        }
        let local = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])
        #expect(local.problem(withBaseURL: "http://127.0.0.1:11434/v1") == nil)
        #expect(local.problem(withBaseURL: "http://2130706433/v1") == nil)
    }
}
