import Foundation
import Testing

@testable import HelpDeskChannels

/// The building blocks of reading mail, each against the cases senders produce.
@Suite struct MIMEDecodingTests {
    /// The parser's own trimming, search and line-break handling replaced Foundation's for speed; they must agree.
    @Test func whitespaceAndLineBreaksAsFoundationHasThem() {
        let samples = [
            "", " ", "\t\t", "plain", "  two sides\t", "\u{A0}no-break\u{A0}", "\u{2003}em\u{3000}",
            "\u{1680}\u{202F}x\u{205F}",
            "\u{FEFF}bom", " \u{301}combining ", "\nline\r\n", "\u{85}nel\u{2028}", "\u{2029} para ", "\u{B}\u{C}ff",
            "a \u{A0} b", " 👍🏽 ", "\r\n\r\n",
        ]
        for sample in samples {
            #expect(
                sample.trimmingMailWhitespace() == sample.trimmingCharacters(in: .whitespaces),
                "\(sample.debugDescription)")
            #expect(
                sample.trimmingMailWhitespaceAndNewlines() == sample.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(sample.debugDescription)")
        }
        for (text, needle) in [
            ("a=?b", "=?"), ("a=b?", "=?"), ("", "@"), ("x", ""), ("é@", "@"), ("e\u{301}", "\u{301}"),
        ] {
            #expect(
                text.containsText(needle) == (text.range(of: needle) != nil),
                "\(text.debugDescription) \(needle.debugDescription)")
        }
        // Foundation on Linux trims U+200B too (on macOS it no longer does); the parser always does.
        #expect("\u{200B}zero\u{200B} ".trimmingMailWhitespace() == "zero")
        let breaks = ["a\r\nb", "a\rb", "a\r\r\nb", "\r", "\r\n", "a\n\rb\r", "x", "ä\r\nö\r"]
        for sample in breaks {
            #expect(sample.withLineFeeds() == sample.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(
                sample.withLineFeeds(convertingLoneCarriageReturns: true)
                    == sample.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
    }

    @Test func encodedWordsInBothEncodingsAndManyCharsets() {
        #expect(MIMEEncodedWord.decode("=?UTF-8?B?w6TDtsO8?=") == "äöü")
        #expect(MIMEEncodedWord.decode("=?iso-8859-1?q?caf=E9_cr=E8me?=") == "café crème")
        #expect(MIMEEncodedWord.decode("=?windows-1252?Q?=93quoted=94?=") == "“quoted”")
        #expect(MIMEEncodedWord.decode("=?ISO-8859-15?Q?=A4?=") == "€")
        #expect(MIMEEncodedWord.decode("=?koi8-r?B?8NLJ18XU?=") == "Привет")
        #expect(MIMEEncodedWord.decode("=?UTF-8*en?Q?Hi?=") == "Hi", "RFC 2231 language suffix")
        #expect(MIMEEncodedWord.decode("=?x-bogus?Q?caf=C3=A9?=") == "café", "unknown charset, valid UTF-8")
    }

    @Test func adjacentEncodedWordsJoinWithoutTheSpaceBetween() {
        #expect(MIMEEncodedWord.decode("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") == "ab")
        #expect(MIMEEncodedWord.decode("=?UTF-8?Q?a?=\t  =?ISO-8859-1?Q?=E9?=") == "aé")
        #expect(MIMEEncodedWord.decode("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=") == "a b c")
        #expect(MIMEEncodedWord.decode("Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= again") == "Re: Grüße again")
        // A character split across two words (E2 82 | AC) is put back together.
        #expect(MIMEEncodedWord.decode("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=") == "€")
    }

    @Test func malformedEncodedWordsStayAsWritten() {
        #expect(MIMEEncodedWord.decode("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=")
        #expect(MIMEEncodedWord.decode("=?UTF-8?Q?unterminated") == "=?UTF-8?Q?unterminated")
        #expect(MIMEEncodedWord.decode("=?UTF-8?Q?has space?=") == "=?UTF-8?Q?has space?=")
        #expect(MIMEEncodedWord.decode("1 + 1 =? 2") == "1 + 1 =? 2")
        #expect(MIMEEncodedWord.decode("=?") == "=?")
        #expect(MIMEEncodedWord.decode("plain") == "plain")
    }

    @Test func charsetsDecodeLeniently() {
        #expect(MIMECharset.decode([0xE4], charset: "ISO-8859-1") == "ä")
        #expect(MIMECharset.decode([0x80, 0x93, 0x94], charset: "iso-8859-1") == "€“”", "read as Windows-1252")
        #expect(MIMECharset.decode([0x81], charset: "windows-1252") == "\u{81}")
        #expect(MIMECharset.decode([0xA4, 0xBD], charset: "iso-8859-15") == "€œ")
        #expect(MIMECharset.decode([0xB1], charset: "iso-8859-2") == "ą")
        #expect(MIMECharset.decode([0xC0], charset: "cp1251") == "А")
        #expect(MIMECharset.decode([0x82, 0xA0], charset: "Shift_JIS") == "あ")
        #expect(MIMECharset.decode([0xC4, 0xE3], charset: "gb2312") == "你")
        #expect(MIMECharset.decode([0xA4, 0x40], charset: "big5") == "一")
        #expect(MIMECharset.decode([0xB0, 0xA1], charset: "euc-kr") == "가")
        #expect(MIMECharset.decode([0xC3, 0x28], charset: "utf-8") == "\u{FFFD}(", "invalid UTF-8 is replaced")
        #expect(MIMECharset.decode([0xE4, 0x21], charset: nil) == "ä!", "undeclared 8-bit falls back")
        #expect(MIMECharset.decode([0xC3, 0xA4], charset: "us-ascii") == "ä", "mislabelled UTF-8")
        #expect(MIMECharset.decode([0x41, 0x82], charset: "shift_jis") == "A\u{FFFD}", "invalid in its charset")
        #expect(MIMECharset.decode([0x68, 0x69], charset: "\"UTF8\"") == "hi")
        #expect(MIMECharset.normalizedName("Latin1") == "iso-8859-1")
        #expect(MIMECharset.normalizedName("ISO8859_15") == "iso-8859-15")
        #expect(MIMECharset.normalizedName("cp1252") == "windows-1252")
    }

    @Test func quotedPrintable() {
        func decode(_ text: String) -> String {
            String(decoding: MIMETransferEncoding.decodeQuotedPrintable(Array(text.utf8)), as: UTF8.self)
        }
        #expect(decode("soft=\r\nbreak") == "softbreak")
        #expect(decode("soft=\nbreak") == "softbreak")
        #expect(decode("=3d=3D=C3=A4") == "==ä", "hex in either case")
        #expect(decode("padding   \r\nnext") == "padding\r\nnext")
        #expect(decode("kept=20\r\n") == "kept \r\n", "an encoded space survives")
        #expect(decode("bad =ZZ and =4") == "bad =ZZ and =4")
        #expect(decode("ends with=") == "ends with")
        #expect(decode("soft =  \r\nwith padding") == "soft with padding")
    }

    @Test func base64IgnoresLineBreaksAndReportsDamage() {
        func decode(_ text: String) -> (String, Bool) {
            let (bytes, damaged) = MIMETransferEncoding.decodeBase64(Array(text.utf8))
            return (String(decoding: bytes, as: UTF8.self), damaged)
        }
        #expect(decode("SGVs\r\nbG8=") == ("Hello", false))
        #expect(decode("SGVsbG8") == ("Hello", false), "missing padding")
        #expect(decode("SGk=SGk=") == ("HiHi", false), "two blocks glued together")
        #expect(decode("SG!k") == ("Hi", true))
        #expect(decode("SGVsbG8gV") == ("Hello ", true), "a dangling character")
        #expect(decode("") == ("", false))
    }

    @Test func parameterValuesQuotedAndRFC2231() {
        func filename(_ header: String) -> String? { MIMEParameterizedValue(parsing: header)["filename"] }
        #expect(filename(#"attachment; filename="a \"b\".txt""#) == #"a "b".txt"#)
        #expect(filename("attachment; filename=plain.txt") == "plain.txt")
        #expect(filename("attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf") == "€ rates.pdf")
        #expect(filename(#"attachment; filename*0="long"; filename*1="name.txt""#) == "longname.txt")
        #expect(filename("attachment; filename*0*=iso-8859-1'de'Gr%FC; filename*1=sse.txt") == "Grüsse.txt")
        #expect(filename("attachment; filename*1=\"b.txt\"; filename*0*=utf-8''a%20") == "a b.txt", "out of order")
        #expect(filename(#"attachment; filename="fallback.txt"; filename*=utf-8''real.txt"#) == "real.txt")
        #expect(
            filename(#"attachment; filename="=?UTF-8?B?w6Q=?=.pdf""#) == "ä.pdf", "an encoded-word, as Outlook writes")
        #expect(filename(#"attachment; filename="semi;colon.txt"; size=3"#) == "semi;colon.txt")
        #expect(filename(#"attachment; filename="unterminated"#) == "unterminated")
        #expect(filename("attachment; filename") == nil)

        let type = MIMEParameterizedValue(parsing: "Multipart/Mixed; Boundary=\"XyZ\" ; charset = utf-8 ")
        #expect(type.value == "multipart/mixed")
        #expect(type["boundary"] == "XyZ", "values keep their case")
        #expect(type["charset"] == "utf-8")
        #expect(MIMEParameterizedValue(parsing: "text/plain (comment); format=flowed").value == "text/plain")
        #expect(MIMEParameterizedValue(parsing: "").value == "")
    }

    @Test func datesInCurrentAndObsoleteForms() {
        func date(_ text: String) -> Date? { MIMEDate.parse(text) }
        #expect(date("Tue, 3 Mar 2026 10:15:42 +0100") == MailFixture.utc("2026-03-03T09:15:42Z"))
        #expect(date("3 Mar 26 10:15 GMT") == MailFixture.utc("2026-03-03T10:15:00Z"), "two-digit year, no seconds")
        #expect(date("2 Mar 99 10:15:00 +0000") == MailFixture.utc("1999-03-02T10:15:00Z"))
        #expect(date("2 Mar 099 10:15:00 +0000") == MailFixture.utc("1999-03-02T10:15:00Z"), "three-digit year")
        #expect(date("Wed, 04 Mar 2026 08:01:08 PDT") == MailFixture.utc("2026-03-04T15:01:08Z"))
        #expect(date("Wed, 4 Mar 2026 08:01:08 EST") == MailFixture.utc("2026-03-04T13:01:08Z"))
        #expect(date("Wed, 4 Mar 2026 08:01:08 -0000 (UTC)") == MailFixture.utc("2026-03-04T08:01:08Z"))
        #expect(date("Wed, 4 Mar 2026 08:01:08 +0530") == MailFixture.utc("2026-03-04T02:31:08Z"))
        #expect(date("4 Mar 2026 08:01:08 A") == MailFixture.utc("2026-03-04T08:01:08Z"), "military zone: -0000")
        #expect(date("4 Mar 2026 08:01:08 CET") == MailFixture.utc("2026-03-04T08:01:08Z"), "unknown zone: -0000")
        #expect(date("4 Mar 2026 08:01:08") == MailFixture.utc("2026-03-04T08:01:08Z"), "no zone")
        #expect(date("Wed Mar  4 08:01:08 2026") == MailFixture.utc("2026-03-04T08:01:08Z"), "asctime order")
        #expect(date("Thu, 29 Feb 2024 23:59:60 +0000") == MailFixture.utc("2024-02-29T23:59:59Z"), "leap second")
        #expect(date("Wed, 04 March 2026 08:01:08.123 +0000") == MailFixture.utc("2026-03-04T08:01:08Z"))
        for unparsable in [
            "", "Someday soon", "31 Feb 2026 10:00:00 +0000", "29 Feb 2026 10:00:00 +0000", "4 Foo 2026 10:00 +0000",
            "4 Mar 2026 25:00 +0000", "4 Mar 2026", "4 Mar 2026 10:00 +9999", "4 Mar 20266 10:00 +0000",
            "4 Mar 2026 10:xx +0000",
        ] {
            #expect(date(unparsable) == nil, "\(unparsable)")
        }
    }

    @Test func messageIDLists() {
        #expect(MIMEMessageID.list("<a@b> <c@d>") == ["a@b", "c@d"])
        #expect(MIMEMessageID.list("<a@b> (Jane's message of Monday)") == ["a@b"])
        #expect(MIMEMessageID.list("<a@b>\t<c@d><e@f>") == ["a@b", "c@d", "e@f"])
        #expect(MIMEMessageID.list("< a@b\t>") == ["a@b"])
        #expect(MIMEMessageID.list("a@b, c@d") == ["a@b", "c@d"])
        #expect(MIMEMessageID.list("<a@b> <a@b>") == ["a@b"])
        #expect(MIMEMessageID.list("<unterminated@x") == ["unterminated@x"])
        #expect(MIMEMessageID.list("") == [])
        #expect(MIMEMessageID.list("no ids here") == [])
    }

    @Test func addressLists() {
        func list(_ value: String) -> [InboundAddress] { InboundAddress.list(value) }
        #expect(
            list(#""Doe, John" <john@x.com>, jane@y.org"#) == [
                InboundAddress(name: "Doe, John", address: "john@x.com"), InboundAddress(address: "jane@y.org"),
            ])
        #expect(
            list("=?UTF-8?Q?J=C3=BCrgen?= =?UTF-8?Q?_M=C3=BCller?= <j@x.de>") == [
                InboundAddress(name: "Jürgen Müller", address: "j@x.de")
            ])
        #expect(
            list("=?utf-8?Q?M=C3=BCller,_Hans?= <h@x.de>") == [InboundAddress(name: "Müller, Hans", address: "h@x.de")])
        #expect(list(#""=?utf-8?B?w4Rrc2Vs?=" <a@x.de>"#) == [InboundAddress(name: "Äksel", address: "a@x.de")])
        #expect(list("jane@x.org (Jane Doe)") == [InboundAddress(name: "Jane Doe", address: "jane@x.org")])
        #expect(list("Jane <jane@x.org> (work)") == [InboundAddress(name: "Jane", address: "jane@x.org")])
        #expect(
            list(#"Team: a@x.org, "B" <b@x.org>;, c@x.org"#) == [
                InboundAddress(address: "a@x.org"), InboundAddress(name: "B", address: "b@x.org"),
                InboundAddress(address: "c@x.org"),
            ])
        #expect(list("undisclosed-recipients:;") == [])
        #expect(list("<@relay.example,@other.example:jane@x.org>") == [InboundAddress(address: "jane@x.org")])
        #expect(list("MAILER-DAEMON") == [InboundAddress(address: "MAILER-DAEMON")])
        #expect(list("John Q. Public <jqp@x.org>") == [InboundAddress(name: "John Q. Public", address: "jqp@x.org")])
        #expect(list("'Jane Doe' <jane@x.org>") == [InboundAddress(name: "Jane Doe", address: "jane@x.org")])
        #expect(list("Jane Doe jane@x.org") == [InboundAddress(name: "Jane Doe", address: "jane@x.org")])
        #expect(list(#""john doe"@x.org"#) == [InboundAddress(address: #""john doe"@x.org"#)])
        #expect(list("a@x.org,,b@x.org") == [InboundAddress(address: "a@x.org"), InboundAddress(address: "b@x.org")])
        #expect(list("jane@[192.0.2.1]") == [InboundAddress(address: "jane@[192.0.2.1]")])
        #expect(list("Jane <jane@x.org") == [InboundAddress(name: "Jane", address: "jane@x.org")], "unclosed bracket")
        #expect(list(#""unterminated <jane@x.org>"#) == [])
        #expect(list("Just A Name") == [])
        #expect(list("<>") == [])
        #expect(list("") == [])
        let jane = InboundAddress(name: "Jane", address: "Jane.Doe@Example.ORG")
        #expect(jane.normalizedAddress == "jane.doe@example.org")
        #expect(jane.localPart == "Jane.Doe")
        #expect(jane.domain == "Example.ORG")
    }

    @Test func headersUnfoldAndMatchAnyCase() throws {
        let raw = Array("Subject: first\r\n\tsecond\r\nX-Dup: 1\r\nx-dup: 2\r\nSubject : obsolete\r\n\r\nbody".utf8)
        let (headers, bodyStart, defects) = MIMEHeaders.parse(raw, in: 0..<raw.count)
        #expect(headers["SUBJECT"] == "first\tsecond")
        #expect(headers.values("X-DUP") == ["1", "2"])
        #expect(headers.values("subject") == ["first\tsecond", "obsolete"])
        #expect(headers.contains("x-Dup") && !headers.contains("x-missing"))
        #expect(Array(raw[bodyStart...]) == Array("body".utf8))
        #expect(defects.isEmpty)

        // A line that is not a field, followed by a field, is skipped; followed by text, it starts the body.
        let stray = Array("From: a@x\nnot a field\nTo: b@x\n\nbody".utf8)
        let skipped = MIMEHeaders.parse(stray, in: 0..<stray.count)
        #expect(skipped.headers.fields.map(\.name) == ["From", "To"])
        #expect(skipped.defects == [.headerLineWithoutColon("not a field")])
        let noSeparator = Array("Content-Type: text/plain\nHello there\nsecond line".utf8)
        let body = MIMEHeaders.parse(noSeparator, in: 0..<noSeparator.count)
        #expect(body.headers.fields.map(\.name) == ["Content-Type"])
        #expect(Array(noSeparator[body.bodyStart...]) == Array("Hello there\nsecond line".utf8))
        let mbox = Array("From sender@x Tue Mar  3 10:00:00 2026\nSubject: hi\n\nbody".utf8)
        let fromLine = MIMEHeaders.parse(mbox, in: 0..<mbox.count)
        #expect(fromLine.headers["subject"] == "hi")
        #expect(fromLine.defects.isEmpty)
    }

    @Test func flowedTextRejoinsParagraphs() {
        #expect(MIMEFlowedText.unflow("one \ntwo \nthree\nfour", deleteSpace: false) == "one two three\nfour")
        #expect(MIMEFlowedText.unflow("one \ntwo", deleteSpace: true) == "onetwo")
        #expect(MIMEFlowedText.unflow("> quoted \n> more\nnew", deleteSpace: false) == "> quoted more\nnew")
        #expect(MIMEFlowedText.unflow("> a \nb", deleteSpace: false) == "> a \nb", "depths never join")
        #expect(MIMEFlowedText.unflow(" From me", deleteSpace: false) == "From me", "space-stuffing removed")
        #expect(MIMEFlowedText.unflow("text\n-- \nsig", deleteSpace: false) == "text\n-- \nsig")
    }

    @Test func htmlBecomesReadableText() {
        func text(_ html: String) -> String { MIMEHTMLText.text(fromHTML: html) }
        #expect(text("<p>One</p><p>Two</p>") == "One\n\nTwo")
        #expect(text("a<br>b<br/><br />c") == "a\nb\n\nc")
        #expect(text("<ul><li>x</li><li>y</li></ul>") == "- x\n- y")
        #expect(text("<div>Hi</div><div><br></div><div>there</div>") == "Hi\n\nthere")
        #expect(text("  lots   of\n\n spaces  ") == "lots of spaces")
        #expect(text("<body><script>var a = '<p>';</script>Shown<style>p{}</style></body>") == "Shown")
        #expect(text("<SCRIPT>x</SCRIPT >Shown") == "Shown")
        #expect(text("Before<script>never closed") == "Before")
        #expect(text("<head><meta charset=utf-8>Body without head end") == "Body without head end")
        #expect(
            text("&lt;tag&gt; &amp;&amp; &quot;q&quot; &#39;s&#39; &#x1F600; &eacute;&Auml;&szlig;&yuml;")
                == "<tag> && \"q\" 's' 😀 éÄßÿ")
        #expect(text("AT&T &bogus; &amp &copy 2026 &#0; &#x110000;") == "AT&T &bogus; & © 2026 \u{FFFD} \u{FFFD}")
        #expect(text("&#150; &#x80;") == "– €", "Windows-1252 code points")
        #expect(text("a &lt; b, c < d") == "a < b, c < d")
        #expect(text("soft&shy;hyphen") == "softhyphen")
        #expect(text("<blockquote>q1<blockquote>q2</blockquote></blockquote>after") == "> q1\n> > q2\nafter")
        #expect(text("<pre>  keep\n    indent</pre>") == "  keep\n    indent")
        #expect(text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc")
        #expect(
            text(#"<a href="x">link</a> <img src="cid:x" alt="y"> <!-- hidden --> <!DOCTYPE html>end"#) == "link end")
        #expect(text(#"<p title="a > b">quoted attribute</p>"#) == "quoted attribute")
        #expect(text("<p>unclosed <b") == "unclosed")
        #expect(text("") == "")
    }
}
