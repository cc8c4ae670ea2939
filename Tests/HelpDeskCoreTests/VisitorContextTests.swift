import HelpDeskCore
import Testing

@Suite struct VisitorContextTests {
    @Test(arguments: [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Chrome 131 on Windows"
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
            "Edge 131 on Windows"
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox 132 on Linux"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari 17 on iOS"
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Safari 18 on macOS"
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
            "Samsung Internet 25 on Android"
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
            "Opera 115 on Windows"
        ),
    ])
    func browsersAreNamedWithTheirMajorVersionAndSystem(userAgent: String, expected: String) {
        #expect(VisitorContext.browserSummary(userAgent) == expected)
    }

    @Test func unknownAgentsNameNoBrowser() {
        #expect(VisitorContext.browserSummary("curl/8.5.0") == nil)
        #expect(VisitorContext.browserSummary("") == nil)
    }

    @Test func onlyHTTPPagesAreKeptWithoutTheirFragment() {
        let context = { (page: String) in
            VisitorContext.reported(page: page, language: nil, userAgent: nil, acceptLanguage: nil).page
        }
        #expect(context("https://shop.example/pricing?plan=pro#faq") == "https://shop.example/pricing?plan=pro")
        #expect(context("  http://shop.example/  ") == "http://shop.example/")
        #expect(context("javascript:alert(1)") == nil)
        #expect(context("https://shop.example/a b") == nil)
        #expect(context("https://shop.example/" + String(repeating: "x", count: 2_000)) == nil)
    }

    @Test func theLanguageComesFromTheWidgetElseTheFirstAcceptedLanguage() {
        func language(_ said: String?, _ header: String?) -> String? {
            VisitorContext.reported(page: nil, language: said, userAgent: nil, acceptLanguage: header).language
        }
        #expect(language("de-CH", "fr") == "de-CH")
        #expect(language(nil, "fr-CA,fr;q=0.9,en;q=0.8") == "fr-CA")
        #expect(language("<b>", "*;q=0.5, es") == "es")
        #expect(language(nil, nil) == nil)
        #expect(language("zh-Hant-TW", nil) == "zh-Hant-TW")
        #expect(language("english", nil) == nil)
    }
}
