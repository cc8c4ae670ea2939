import Testing

@testable import HelpDeskChannels

/// Reply trimming on the shapes mail clients quote in.
@Suite struct InboundReplyTrimmerTests {
    func trim(_ text: String) -> String { InboundReplyTrimmer.trim(text) }

    @Test func attributionLinesInSeveralLanguagesCutTheQuote() {
        let quotes = [
            "On Tue, Mar 3, 2026 at 10:15 AM Jane Doe <jane@example.com> wrote:",
            "On 3 Mar 2026, at 10:15, Jane Doe <jane@example.com> wrote:",
            "On 2026-03-03 10:15, Jane Doe wrote:",
            "Am 03.03.2026 um 10:15 schrieb Jane Doe <jane@example.com>:",
            "Am Di., 3. März 2026 um 10:15 Uhr schrieb Jane Doe <jane@example.com>:",
            "Le mar. 3 mars 2026 à 10:15, Jane Doe <jane@example.com> a\u{A0}écrit\u{202F}:",
            "Le 03/03/2026 à 10:15, Jane Doe a écrit :",
            "El mar, 3 mar 2026 a las 10:15, Jane Doe (<jane@example.com>) escribió:",
            "Em ter., 3 de mar. de 2026 às 10:15, Jane Doe <jane@example.com> escreveu:",
            "Op di 3 mrt 2026 om 10:15 schreef Jane Doe <jane@example.com>:",
            "Il giorno mar 3 mar 2026 alle ore 10:15 Jane Doe <jane@example.com> ha scritto:",
            "Jane Doe <jane@example.com> wrote:",
        ]
        for attribution in quotes {
            let text = "Thanks, that worked.\n\n\(attribution)\n\n> Please try again.\n> Support"
            #expect(trim(text) == "Thanks, that worked.", "\(attribution)")
        }
    }

    @Test func attributionsWrappedOverSeveralLines() {
        let gmail = """
            Works now.

            On Tue, Mar 3, 2026 at 10:15 AM Jane Doe <
            jane@example.com> wrote:

            > Try again.
            """
        #expect(trim(gmail) == "Works now.")
        let three = """
            Works now.

            On Tuesday, March 3, 2026 at 10:15 AM,
            Jane Doe from the Example Support Team
            <jane@example.com> wrote:
            > Try again.
            """
        #expect(trim(three) == "Works now.")
    }

    @Test func theLineAboveAnAttributionIsNotPartOfIt() {
        let text = "Order 1234\nJane Doe <jane@example.com> wrote:\n> shipped"
        #expect(trim(text) == "Order 1234")
        let wrapped = "Order 1234\nJane Doe <jane@example.com>\nwrote:\n> shipped"
        #expect(trim(wrapped) == "Order 1234")
    }

    @Test func anAttributionWithoutQuoteMarksStillCuts() {
        // Converted from HTML, or written by a client that does not quote with `>`.
        let text =
            "Yes, please.\n\nOn Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:\nDo you want a refund?"
        #expect(trim(text) == "Yes, please.")
    }

    @Test func outlookSeparatorsAndHeaderBlocks() {
        let original = """
            See attached.

            -----Original Message-----
            From: Support [mailto:support@example.com]
            Sent: Monday, March 2, 2026 9:00 AM
            Subject: Your ticket
            """
        #expect(trim(original) == "See attached.")
        let block = """
            Thank you!

            Best regards,
            Anna
            ________________________________
            From: Support <support@example.com>
            Sent: Monday, March 2, 2026 9:00 AM
            To: Anna <anna@example.com>
            Subject: Your ticket

            Hello Anna,
            """
        #expect(trim(block) == "Thank you!\n\nBest regards,\nAnna")
        let bold = "Merci.\n\n*De :* Support <support@example.com>\n*Envoyé :* lundi 2 mars 2026 09:00\n*À :* Anna"
        #expect(trim(bold) == "Merci.")
        let german = "Danke.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nGesendet: Montag"
        #expect(trim(german) == "Danke.")
        let dateFirst = "Danke.\n\nGesendet: Donnerstag, 19. März 2026 um 15:27 Uhr\nVon: Support\nAn: Sabine\n\nHallo"
        #expect(trim(dateFirst) == "Danke.", "GMX writes the date above the sender")
    }

    @Test func signaturesAndMobileTaglines() {
        #expect(trim("Call me back.\n\n-- \nJane Doe\nACME Corp\n+1 555 0100") == "Call me back.")
        #expect(trim("Call me back.\n--\nJane") == "Call me back.")
        #expect(trim("Ok!\n\nSent from my iPhone\n\n> On Mon wrote: hi") == "Ok!")
        #expect(trim("Ok!\n\nVon meinem iPhone gesendet") == "Ok!")
        #expect(trim("Ok!\n\nGet Outlook for Android") == "Ok!")
        #expect(trim("Ok!\n\nSent with Proton Mail secure email.\n\nOn Friday wrote:\n> hi") == "Ok!")
        #expect(trim("Ok!\n\nEnviado do Yahoo Mail no Android") == "Ok!")
    }

    @Test func aQuoteAtTheEndGoesEvenWithoutAnAttribution() {
        #expect(trim("New text\n\n> old line\n>\n> older line\n") == "New text")
    }

    @Test func inlineAndBottomPostedRepliesKeepTheirAnswers() {
        let inline = """
            On Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:
            > What is your order number?
            It is 1234.
            > Which colour?
            Blue.
            > Anything else?
            """
        #expect(
            trim(inline) == """
                On Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:
                > What is your order number?
                It is 1234.
                > Which colour?
                Blue.
                """)
        let bottom = """
            On Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:
            > Did the restart help?

            No, it did not.

            --\u{20}
            Jane
            """
        #expect(
            trim(bottom) == """
                On Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:
                > Did the restart help?

                No, it did not.
                """)
    }

    @Test func ordinaryTextIsNotMistakenForAQuote() {
        let texts = [
            "On Monday I wrote to you about the invoice, nobody answered.",
            "On Monday the app wrote an error.\nIt said: disk full",
            "Forwarding the supplier's mail below.\n\n---------- Forwarded message ---------\nFrom: Supplier <s@example.com>\nDate: Mon, Mar 2, 2026\nSubject: Delay\n\nYour order is late.",
            "Begin forwarded message:\n\nFrom: Supplier <s@example.com>\nSubject: Delay\n\nLate.",
            "Steps:\n1. open\n2. click\n\nFrom: the settings page",
            "Price -- about 10 €",
            "Le colis est arrivé le 3 mars, voici ce que le livreur a écrit :\nColis endommagé.",
            "On 3 March the courier wrote:\nParcel damaged.",
        ]
        for text in texts {
            #expect(trim(text) == text)
        }
    }

    @Test func aForwardIsKeptWithTheSignatureAboveIt() {
        let text = """
            FYI, see below.

            --\u{20}
            Jane

            -------- Forwarded Message --------
            Subject: Delay
            Date: Mon, 2 Mar 2026 09:00:00 +0100
            From: Supplier <s@example.com>

            > quoted inside the forward
            """
        #expect(trim(text) == text)
        let replyAboveAForward = """
            Any news?

            On Mon, 2 Mar 2026 at 09:00, Support <help@example.com> wrote:
            > We forwarded it:
            > ---------- Forwarded message ---------
            """
        #expect(trim(replyAboveAForward) == "Any news?")
    }

    @Test func whenNothingWouldBeLeftTheWholeTextStays() {
        #expect(trim("> only a quote\n> here") == "> only a quote\n> here")
        #expect(
            trim("On Mon, 2 Mar 2026, Jane <j@x.com> wrote:\n> hi") == "On Mon, 2 Mar 2026, Jane <j@x.com> wrote:\n> hi"
        )
        #expect(trim("-- \nJust a signature") == "-- \nJust a signature")
        #expect(trim("") == "")
        #expect(trim("\r\nCRLF text\r\n\r\n> quoted\r\n") == "CRLF text")
    }
}
