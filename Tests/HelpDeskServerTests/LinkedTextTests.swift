import Testing

@testable import HelpDeskServer

/// Web addresses in messages become safe links; nothing else becomes markup.
@Suite struct LinkedTextTests {
    typealias HTML = WebApp.HTML

    @Test func anAddressBecomesALinkWithoutItsTrailingPunctuation() {
        let rendered = HTML.linked("See https://shop.example/a?b=1&c=2. Thanks").rendered
        #expect(
            rendered
                == "See <a href=\"https://shop.example/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://shop.example/a?b=1&amp;c=2</a>. Thanks"
        )
    }

    @Test func markupAndOtherSchemesStayText() {
        #expect(HTML.linked("javascript:alert(1)").rendered == "javascript:alert(1)")
        let sneaky = HTML.linked("<b>https://x.example/\"onmouseover=alert(1)</b>").rendered
        #expect(!sneaky.contains("<b>"))
        #expect(!sneaky.contains("\"onmouseover"))
        #expect(sneaky.contains("href=\"https://x.example/\""))
        #expect(
            HTML.linked("two: http://a.example, HTTPS://B.example!").rendered.components(separatedBy: "<a ").count == 3)
        #expect(HTML.linked("http://").rendered == "http://")
    }
}
