import Foundation
import Testing

@testable import HelpDeskAI

/// The detector's trained second opinion (`HumanRequestModel`): its features, its
/// training, its stored form, and how the detector consults it.
@Suite struct HumanRequestModelTests {
    @Test func wordsAreLowerCasedFoldedAndSplitOnAnythingButLettersAndDigits() {
        let words = HumanRequestModel.words(of: "Können SIE mich mit 1 Mitarbeiter-in verbinden?!")
        #expect(
            words.map { String(decoding: $0, as: UTF8.self) } == [
                "konnen", "sie", "mich", "mit", "1", "mitarbeiter", "in", "verbinden",
            ])
    }

    @Test func lettersWordsAndPairsAreCountedInTheirOwnBlocks() {
        let counts = HumanRequestModel.counts(of: "hi hi")
        // " hi " gives " h", "hi", "i ", " hi", "hi ", " hi " once per word.
        #expect(counts.letters.map(\.count).reduce(0, +) == 12)
        #expect(counts.letters.map(\.bucket) == counts.letters.map(\.bucket).sorted())
        // The word twice, and the pair once.
        #expect(counts.words.map(\.count).sorted() == [1, 2])
    }

    static let tiny: [HumanRequestModel.Example] = [
        .init(text: "please let me talk to a person", asksForHuman: true),
        .init(text: "I want to talk to a human agent", asksForHuman: true),
        .init(text: "connect me with a person please", asksForHuman: true),
        .init(text: "a human agent please", asksForHuman: true),
        .init(text: "what are your opening hours", asksForHuman: false),
        .init(text: "how do I reset my password", asksForHuman: false),
        .init(text: "what are the delivery costs", asksForHuman: false),
        .init(text: "how do I change my address", asksForHuman: false),
    ]

    @Test func trainingSeparatesItsExamplesAndIsRepeatable() throws {
        let model = HumanRequestModel.train(Self.tiny)
        for example in Self.tiny {
            #expect(model.isRequestingHuman(example.text) == example.asksForHuman, "\(example.text)")
        }
        #expect(model.encoded() == HumanRequestModel.train(Self.tiny).encoded())
    }

    @Test func theStoredFormScoresLikeTheModel() throws {
        let model = HumanRequestModel.train(Self.tiny)
        let stored = try #require(HumanRequestModel(encodedBytes: model.encoded()))
        for example in Self.tiny {
            #expect(abs(stored.score(example.text) - model.score(example.text)) < 0.05, "\(example.text)")
        }
        #expect(HumanRequestModel(encodedBytes: Array(model.encoded().dropLast())) == nil)
        var wrongMagic = model.encoded()
        wrongMagic[0] = 0
        #expect(HumanRequestModel(encodedBytes: wrongMagic) == nil)
    }

    /// The model compiled into the binary is a trained one: it agrees with nearly every label of
    /// the development set it was trained on (an untrained placeholder would answer one way).
    @Test func theShippedModelIsTrained() throws {
        let rows = try HumanRequestCorpusTests.corpus("human-requests.tsv")
        let model = HumanRequestModel.shared
        let right = rows.filter { model.isRequestingHuman($0.text) == $0.label }.count
        #expect(Double(right) / Double(rows.count) > 0.98)
    }

    /// Everyday messages (`human-requests-plain.tsv`: orders, bills, outages, thanks, staff mentioned in
    /// passing) are not requests, by the rules or the model.
    @Test func ordinaryMessagesAreNotRequests() throws {
        let rows = try HumanRequestCorpusTests.corpus("human-requests-plain.tsv")
        #expect(rows.count >= 400)
        #expect(rows.allSatisfy { !$0.label })
        let detector = HumanRequestDetector()
        let flagged = rows.filter { detector.isRequestingHuman($0.text) }.map(\.text)
        #expect(flagged.isEmpty, "\(flagged)")
    }

    @Test func theModelSpeaksWhenNoRuleDoesAndQuotesTheWholeMessage() throws {
        let text = "Podem ligar-me para o 912 345 678? Estou disponível depois das 18h."
        #expect(HumanRequestDetector(model: nil).isRequestingHuman(text) == false)
        let detector = HumanRequestDetector()
        #expect(detector.isRequestingHuman(text))
        #expect(detector.evidence(in: text) == "asked for a person: \"\(text)\"")
        // The model does not say which words ask, so the message stays the ticket's substance.
        #expect(detector.substance(of: text) == text)
    }

    /// Where the rules read a reason not to ask, the model is not consulted: it scores these
    /// highly, but they refuse, compare or ask about the bot.
    @Test(arguments: [
        "Ich möchte nicht mit einem Menschen sprechen, der Bot reicht mir",
        "Spreche ich mit einem Menschen?",
        "Meglio che parlare con un operatore",
        "Ik wil met niemand praten",
        "Someone from your team already called me yesterday",
        "I want to chat about the person who called me",
    ])
    func aReasonNotToAskKeepsTheModelOut(text: String) {
        #expect(HumanRequestDetector().isRequestingHuman(text) == false)
    }

    /// A model that scores every message alike, to see how the detector combines it with the rules.
    static func constant(_ score: Float) -> HumanRequestModel {
        HumanRequestModel(
            weights: [Float](repeating: 0, count: 1 << HumanRequestModel.bits),
            idf: [Float](repeating: 0, count: 1 << HumanRequestModel.bits), bias: score)
    }

    /// A rule's match stands unless the model scores the message below `ruleVeto`.
    @Test func aVerySureModelOverrulesARule() {
        let text = "I want to talk to a human"
        #expect(
            HumanRequestDetector(model: Self.constant(HumanRequestDetector.ruleVeto - 1)).isRequestingHuman(text)
                == false)
        #expect(HumanRequestDetector(model: Self.constant(HumanRequestDetector.ruleVeto + 1)).isRequestingHuman(text))
        #expect(HumanRequestDetector(model: nil).isRequestingHuman(text))
    }

    /// A negation of a person keeps the model out; a negation about something else ("the app does
    /// not load") does not, so the model may read the request after it.
    @Test func onlyANegationThatNamesAPersonKeepsTheModelOut() {
        let yes = HumanRequestDetector(model: Self.constant(10))
        let refusal = "Ich möchte nicht mit einem Menschen sprechen"
        #expect(yes.reading(of: refusal).reasonsNotToAsk.contains(.negationOrComparison))
        #expect(yes.isRequestingHuman(refusal) == false)

        let problem = "The app does not load. Can support ring me on 0612 345 678?"
        let reading = yes.reading(of: problem)
        #expect(reading.ruleMatched == false)
        #expect(reading.reasonsNotToAsk == [.negationElsewhere], "\(reading.reasonsNotToAsk)")
        #expect(yes.isRequestingHuman(problem))
        // With every reason in the gate, as before the cross-validation, it would be kept out.
        let strict = HumanRequestDetector(
            model: Self.constant(10), gate: Set(HumanRequestDetector.ReasonNotToAsk.allCases))
        #expect(strict.isRequestingHuman(problem) == false)
    }

    /// The model speaks from its threshold (0.5), not from a probability of one half.
    @Test func theModelSpeaksFromItsThreshold() {
        let text = "Podem ligar-me para o 912 345 678?"
        #expect(HumanRequestDetector(model: Self.constant(0.4)).isRequestingHuman(text) == false)
        #expect(HumanRequestDetector(model: Self.constant(0.6)).isRequestingHuman(text))
    }
}
