import HelpDeskCore
import Testing

@Suite struct TelegramSettingsTests {
    @Test func goodSettingsPass() {
        let settings = TelegramSettings(botToken: "123456789:AAH4k-example_key", secretToken: "s3cret-_X")
        #expect(settings.validationErrors(outbound: OutboundPolicy()) == [])
        #expect(settings.apiBaseURL == "https://api.telegram.org")
        #expect(
            TelegramSettings(botToken: "", secretToken: "", apiBaseURL: "http://h.example/x/").apiBaseURL
                == "http://h.example/x")
    }

    @Test func everyBadFieldIsNamed() {
        let settings = TelegramSettings(botToken: "not a token", secretToken: "has space", apiBaseURL: "ftp://x")
        #expect(
            settings.validationErrors(outbound: OutboundPolicy()).map(\.field) == [
                "config.botToken", "config.secretToken", "config.apiBaseURL",
            ])
        let long = TelegramSettings(botToken: "1:a", secretToken: String(repeating: "a", count: 257))
        #expect(long.validationErrors(outbound: OutboundPolicy()).map(\.field) == ["config.secretToken"])
        let loopback = TelegramSettings(botToken: "1:a", secretToken: "a", apiBaseURL: "http://127.0.0.1:8081")
        #expect(loopback.validationErrors(outbound: OutboundPolicy()).map(\.field) == ["config.apiBaseURL"])
        #expect(
            loopback.validationErrors(outbound: OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])).isEmpty)
    }
}
