import HelpDeskAI
import Testing

/// The tags suggested at handoff: a tag's name, its stems and its synonyms in the customer's words.
@Suite struct TagSuggesterTests {
    @Test func theSuggesterFindsNamesStemsAndSynonymsAtMostThree() {
        let suggester = TagSuggester()
        let tags = ["billing", "shipping", "login", "refund", "vip", "late delivery"]
        #expect(suggester.suggest(tags: tags, messages: ["Where is my package?"]) == ["shipping"])
        #expect(suggester.suggest(tags: tags, messages: ["I was billed twice"]) == ["billing"])
        #expect(suggester.suggest(tags: tags, messages: ["My late delivery"]) == ["late delivery", "shipping"])
        #expect(
            suggester.suggest(
                tags: tags, messages: ["Refund please", "I can't sign in, my password, my invoice, my parcel"]
            ).count == 3)
        #expect(suggester.suggest(tags: tags, messages: ["Hello there"]) == [])
        #expect(suggester.suggest(tags: ["vip"], messages: ["VIPs"]) == ["vip"])
    }
}
