import Foundation
import HelpDeskCore
import Testing

@testable import HelpDeskAI

/// A small shop-and-software FAQ, the kind an agent is set up with.
enum SampleFAQ {
    static let entries: [FAQEntry] = [
        FAQEntry(
            question: "How do I reset my password?",
            answer: "Go to Settings > Security and choose Reset password. We will email you a link to choose a new one."
        ),
        FAQEntry(
            question: "What are your opening hours?",
            answer: "Our support team is available Monday to Friday, 9:00 to 17:00 CET."),
        FAQEntry(
            question: "How can I cancel my subscription?",
            answer: "Open Billing and press Cancel subscription. You keep access until the end of the billing period."),
        FAQEntry(
            question: "Where is my order?",
            answer:
                "You can track your order from the Orders page; we email the tracking number once your package ships."),
        FAQEntry(
            question: "Do you ship internationally?",
            answer: "Yes, we deliver to the EU, the UK, the US and Canada. Shipping abroad takes 5 to 10 days."),
        FAQEntry(
            question: "How do I change my email address?",
            answer: "Go to Settings > Profile and edit the email field, then confirm the new address."),
        FAQEntry(
            question: "What payment methods do you accept?", answer: "We accept credit cards, PayPal and bank transfer."
        ),
        FAQEntry(
            question: "How do I get a refund?",
            answer: "Refunds are issued within 14 days of purchase from the Orders page."),
        FAQEntry(
            question: "How do I delete my account?",
            answer: "Go to Settings > Account > Delete account. This cannot be undone."),
        FAQEntry(
            question: "Can I upgrade to the Pro plan?",
            answer: "Yes, choose Upgrade in Billing; the price difference is prorated."),
        FAQEntry(
            question: "How do I download my invoices?",
            answer: "Invoices are listed under Billing > Invoices as PDF files."),
        FAQEntry(
            question: "How do I enable two-factor authentication?",
            answer: "Open Settings > Security and turn on two-factor authentication with an authenticator app."),
        FAQEntry(
            question: "How do I invite a colleague to my team?",
            answer: "Go to Team > Members and press Invite; they receive an email."),
        FAQEntry(
            question: "Is there a mobile app?", answer: "Yes, for iOS and Android, in the App Store and Google Play."),
        FAQEntry(
            question: "How do I return an item?",
            answer: "Print the return label from the Orders page and drop the parcel at any post office within 30 days."
        ),
        FAQEntry(
            question: "How much does shipping cost?", answer: "Shipping is free above 50 euros, otherwise 4.90 euros."),
    ]

    static func index(of question: String) -> Int {
        entries.firstIndex { $0.question == question }!
    }

    /// Paraphrases customers write, with the question they mean. The threshold
    /// was chosen so that all of these match (they score 0.46 and up)…
    static let paraphrases: [(message: String, question: String)] = [
        ("forgot my password, how can I change it", "How do I reset my password?"),
        ("reset pw", "How do I reset my password?"),
        ("I can't remember my password", "How do I reset my password?"),
        ("what time do you open?", "What are your opening hours?"),
        ("when are you open", "What are your opening hours?"),
        ("I want to cancel my subscription", "How can I cancel my subscription?"),
        ("how do i unsubscribe", "How can I cancel my subscription?"),
        ("stop my subscription", "How can I cancel my subscription?"),
        ("do you deliver to Canada?", "Do you ship internationally?"),
        ("international shipping?", "Do you ship internationally?"),
        ("which payment options are there", "What payment methods do you accept?"),
        ("can I pay with PayPal?", "What payment methods do you accept?"),
        ("I would like my money back, can I get a refund", "How do I get a refund?"),
        (
            "Hi there, I bought a jacket last week and I would like to know how I can get a refund because it doesn't fit",
            "How do I get a refund?"
        ),
        ("how to change my e-mail", "How do I change my email address?"),
        ("Can I update the email address on my account?", "How do I change my email address?"),
        ("where's my order", "Where is my order?"),
        ("track my order", "Where is my order?"),
        ("I want to remove my account permanently", "How do I delete my account?"),
        ("how can I close my account", "How do I delete my account?"),
        ("how do I switch to the pro plan?", "Can I upgrade to the Pro plan?"),
        ("where can I find my invoices", "How do I download my invoices?"),
        ("how to add a colleague to the team", "How do I invite a colleague to my team?"),
        ("turn on two factor authentication", "How do I enable two-factor authentication?"),
        ("is there an android app", "Is there a mobile app?"),
        ("I want to return my shoes", "How do I return an item?"),
        ("what are the shipping costs", "How much does shipping cost?"),
        ("is shipping free", "How much does shipping cost?"),
    ]

    /// …and none of these do (they score 0.40 and below): off-topic questions, and
    /// questions sharing only a generic word ("reset", "change", "pay") with an entry.
    static let unrelated: [String] = [
        "What's the weather like in Paris?",
        "Can I bring my dog to the office?",
        "who is the CEO of your company",
        "what is the capital of France",
        "tell me a joke",
        "are you hiring",
        "do you sell gift cards?",
        "how do I export my data",
        "the website is slow",
        "How do I reset my router?",
        "Can I change my flight?",
        "how do I change my username",
        "I forgot my umbrella in your store",
        "Can I pay in cash at the store?",
        "my app crashes when I open it",
        "the email I got looks like spam",
    ]
}

/// A generated FAQ of 1,000 distinct entries ("How do I archive the weekly calendar?"),
/// in words the sample FAQ does not use.
enum GeneratedFAQ {
    static let verbs = [
        "configure", "archive", "export", "rename", "duplicate", "schedule", "share", "import", "print", "sync",
    ]
    static let adjectives = [
        "red", "blue", "green", "yellow", "private", "weekly", "monthly", "draft", "public", "legacy",
    ]
    static let nouns = [
        "report", "spreadsheet", "dashboard", "calendar", "project", "contact", "template", "folder", "widget",
        "ticket",
    ]

    static let entries: [FAQEntry] = verbs.flatMap { verb in
        adjectives.flatMap { adjective in
            nouns.map { noun in
                FAQEntry(
                    question: "How do I \(verb) the \(adjective) \(noun)?",
                    answer: "To \(verb) a \(adjective) \(noun), go to \(noun.capitalized)s, select it and use the "
                        + "\(verb.capitalized) button.")
            }
        }
    }

    /// 100 differently worded messages, each with the index of the entry it asks about.
    static let messages: [(text: String, index: Int)] = (0..<100).map { i in
        let (v, a, n) = (i % 10, (i * 7) % 10, (i * 3) % 10)
        return ("I'd like to \(verbs[v]) my \(adjectives[a]) \(nouns[n])s please", v * 100 + a * 10 + n)
    }
}

@Suite("FAQIndex")
struct FAQIndexTests {
    let index = FAQIndex(SampleFAQ.entries)

    @Test(arguments: SampleFAQ.paraphrases)
    func paraphraseMatchesItsEntry(message: String, question: String) throws {
        let match = try #require(index.bestMatch(for: message))
        #expect(match.entry.question == question)
        #expect(match.index == SampleFAQ.index(of: question))
        #expect(match.confidence >= FAQIndex.defaultThreshold, "confidence \(match.confidence)")
    }

    @Test(arguments: SampleFAQ.unrelated)
    func unrelatedQuestionDoesNotMatch(message: String) {
        let confidence = index.bestMatch(for: message)?.confidence ?? 0
        #expect(confidence < FAQIndex.defaultThreshold, "confidence \(confidence)")
    }

    @Test func theExactQuestionIsACertainMatch() throws {
        for (position, entry) in SampleFAQ.entries.enumerated() {
            let match = try #require(index.bestMatch(for: entry.question))
            #expect(match.index == position)
            #expect(abs(match.confidence - 1) < 1e-9)
            #expect(match.score > 0)
        }
    }

    @Test func confidenceStaysWithinZeroAndOne() {
        for message in SampleFAQ.paraphrases.map(\.message) + SampleFAQ.unrelated {
            if let match = index.bestMatch(for: message) {
                #expect((0...1).contains(match.confidence), "\(message): \(match.confidence)")
            }
        }
    }

    @Test func theQuestionWeighsMoreThanTheAnswer() throws {
        // Mirror images: "invoices" once in the second entry's question, once in the first one's answer.
        let index = FAQIndex([
            FAQEntry(question: "Export data", answer: "Invoices"),
            FAQEntry(question: "Export invoices", answer: "Data"),
        ])
        let ranked = index.candidates(for: "invoices")
        #expect(ranked.map(\.index) == [1, 0])
        #expect(ranked[0].score > ranked[1].score)
        #expect(index.bestMatch(for: "invoices")?.index == 1)
    }

    @Test func aMatchOnlyInTheAnswerIsNotConfident() throws {
        let match = try #require(index.bestMatch(for: "PayPal"))
        #expect(match.entry.question == "What payment methods do you accept?")
        #expect(match.confidence < FAQIndex.defaultThreshold)
    }

    @Test func aSharedGenericVerbIsNotEnough() throws {
        let index = FAQIndex([
            FAQEntry(question: "How do I reset my password?", answer: "Use the link on the login page."),
            FAQEntry(question: "What are your opening hours?", answer: "Monday to Friday, 9 to 5."),
        ])
        let router = try #require(index.bestMatch(for: "How do I reset my router?"))
        #expect(router.index == 0)
        #expect(router.confidence < FAQIndex.defaultThreshold, "confidence \(router.confidence)")
        let password = try #require(index.bestMatch(for: "How do I reset my pw?"))
        #expect(password.confidence >= FAQIndex.defaultThreshold)
    }

    @Test func emptyFAQMatchesNothing() {
        let empty = FAQIndex([])
        #expect(empty.bestMatch(for: "How do I reset my password?") == nil)
        #expect(empty.entries.isEmpty)
    }

    @Test func messageOfOnlyStopwordsOrPunctuationMatchesNothing() {
        #expect(index.bestMatch(for: "") == nil)
        #expect(index.bestMatch(for: "?!…") == nil)
        #expect(index.bestMatch(for: "hello, how are you? can you help me please") == nil)
        #expect(index.bestMatch(for: "Bonjour, est-ce que vous pouvez m'aider ?") == nil)
    }

    @Test(arguments: [
        ("Passwort zurucksetzen", 0),
        ("ich habe mein PASSWORT vergessen", 0),
        ("ou est ma commande", 1),
        ("OÙ EST MA COMMANDE ?", 1),
        ("j'ai pas reçu ma commande", 1),
        ("cambiar contrasena", 2),
        ("formas de pagamento", 3),
        ("voglio annullare il mio abbonamento", 4),
        ("bestelling retourneren", 5),
    ])
    func multilingualEntriesMatchWithAccentsFolded(message: String, expected: Int) throws {
        let index = FAQIndex([
            FAQEntry(
                question: "Wie kann ich mein Passwort zurücksetzen?",
                answer: "Klicken Sie auf „Passwort vergessen“ auf der Anmeldeseite."),
            FAQEntry(question: "Où est ma commande ?", answer: "Suivez votre commande depuis la page Commandes."),
            FAQEntry(
                question: "¿Cómo cambio mi contraseña?",
                answer: "Ve a Configuración > Seguridad y elige Cambiar contraseña."),
            FAQEntry(
                question: "Quais são as formas de pagamento?", answer: "Aceitamos cartão de crédito, PayPal e boleto."),
            FAQEntry(
                question: "Come posso annullare l'abbonamento?",
                answer: "Vai su Fatturazione e premi Annulla abbonamento."),
            FAQEntry(
                question: "Hoe kan ik mijn bestelling retourneren?",
                answer: "Print het retourlabel en breng het pakket weg."),
        ])
        let match = try #require(index.bestMatch(for: message))
        #expect(match.index == expected)
        #expect(match.confidence >= FAQIndex.defaultThreshold, "confidence \(match.confidence)")
    }

    @Test func aThousandEntryFAQStillFindsTheRightEntry() throws {
        let index = FAQIndex(GeneratedFAQ.entries)
        #expect(index.entries.count == 1_000)
        for message in GeneratedFAQ.messages {
            let match = try #require(index.bestMatch(for: message.text))
            #expect(match.index == message.index, "\(message.text) → \(match.entry.question)")
            #expect(match.confidence >= FAQIndex.defaultThreshold)
        }
    }

    @Test func oneThresholdWorksAcrossFAQSizes() throws {
        // The same paraphrases, with the sample FAQ buried in 1,000 other entries.
        let large = FAQIndex(GeneratedFAQ.entries + SampleFAQ.entries)
        for (message, question) in SampleFAQ.paraphrases {
            let match = try #require(large.bestMatch(for: message))
            #expect(match.entry.question == question, "\(message)")
            #expect(match.confidence >= FAQIndex.defaultThreshold, "\(message): \(match.confidence)")
        }
        for message in SampleFAQ.unrelated {
            let confidence = large.bestMatch(for: message)?.confidence ?? 0
            #expect(confidence < FAQIndex.defaultThreshold, "\(message): \(confidence)")
        }
    }

    @Test func timingOfTenThousandLookupsOnAThousandEntries() {
        let index = FAQIndex(GeneratedFAQ.entries)
        let messages = GeneratedFAQ.messages
        let clock = ContinuousClock()
        var right = 0
        let elapsed = clock.measure {
            for i in 0..<10_000
            where index.bestMatch(for: messages[i % messages.count].text)?.index == messages[i % messages.count].index {
                right += 1
            }
        }
        let perLookup = elapsed / 10_000
        print("FAQIndex: 10,000 lookups on 1,000 entries took \(elapsed) (\(perLookup) per lookup)")
        #expect(right == 10_000)
    }
}

@Suite("FAQIndex text analysis")
struct FAQIndexAnalyzerTests {
    typealias Analyzer = FAQIndex.Analyzer

    @Test func foldsCaseAndDiacritics() {
        #expect(Analyzer.terms(in: "CAFÉ") == Analyzer.terms(in: "cafe"))
        #expect(Analyzer.terms(in: "Straße") == ["strass"])
        #expect(Analyzer.terms(in: "Zürich Ærø") == Analyzer.terms(in: "zurich aero"))
    }

    @Test func splitsOnAnythingButLettersAndDigits() {
        #expect(Analyzer.tokens(in: "e-mail/2fa_setup! l'adresse") == ["e", "mail", "2fa", "setup", "l", "adresse"])
    }

    @Test func dropsStopwordsOfEveryLanguage() {
        #expect(Analyzer.terms(in: "How do I get to the") == [])
        #expect(Analyzer.terms(in: "Wie kann ich das") == [])
        #expect(Analyzer.terms(in: "Comment est-ce que je peux") == [])
        #expect(Analyzer.terms(in: "¿Cómo puedo hacer esto?") == [])
        #expect(Analyzer.terms(in: "Como posso fazer") == [])
        #expect(Analyzer.terms(in: "Come posso fare") == [])
        #expect(Analyzer.terms(in: "Hoe kan ik dat") == [])
    }

    @Test(arguments: [
        ("orders", "order"), ("boxes", "box"), ("policies", "policy"), ("addresses", "address"),
        ("changing", "change"), ("changed", "change"), ("shipping", "ship"), ("setting", "set"),
        ("invoices", "invoice"), ("internationally", "international"), ("permanently", "permanent"),
    ])
    func stripsSuffixesToACommonTerm(form: String, base: String) {
        #expect(Analyzer.stem(form) == Analyzer.stem(base))
    }

    @Test func keepsWordsThatOnlyLookInflected() {
        #expect(Analyzer.stem("status") == "status")
        #expect(Analyzer.stem("access") == "access")
        #expect(Analyzer.stem("need") == "need")
        #expect(Analyzer.stem("add") == "add")
    }

    @Test func mapsAbbreviationsAndNearSynonyms() {
        #expect(Analyzer.terms(in: "pw") == Analyzer.terms(in: "password"))
        #expect(Analyzer.terms(in: "reset") == Analyzer.terms(in: "change"))
        #expect(Analyzer.terms(in: "e-mail") == Analyzer.terms(in: "email"))
        #expect(Analyzer.terms(in: "unsubscribe") == Analyzer.terms(in: "cancel"))
    }
}
