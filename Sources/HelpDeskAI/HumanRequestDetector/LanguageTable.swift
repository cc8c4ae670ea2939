extension HumanRequestDetector {
    /// One language's word lists. Entries are comma-separated and written naturally
    /// ("quelqu'un", "möchte", "c'è"): they are normalized like the messages are.
    /// Multi-word entries are merged into one word before matching.
    struct LanguageTable: Sendable {
        var code: String
        /// German and Dutch put the infinitive last: "mit einem Mitarbeiter sprechen".
        var verbFinal = false
        var people = ""
        var peoplePlural = ""
        var somebody = ""
        var nobody = ""
        var bots = ""
        var talkVerbs = ""
        var wantVerbs = ""
        var transferAlone = ""
        var strongPhrases = ""
        var glue = ""
        var linkers = ""
        var realAdjectives = ""
        var auxiliaries = ""
        var negations = ""
        var negativeDeterminers = ""
        var raisingNegations = ""
        var notAVerbAfter = ""
        var aboutBot = ""
        var aboutBotGlue = ""
        var existential = ""
        var existentialInQuestion = ""
        var presence = ""
        var modals = ""
        var helpVerbs = ""
        var callbackVerbs = ""
        /// "look at", "sich ansehen", "jeter un œil": like a callback, a vague "someone" may do it
        /// ("can someone look at my order?").
        var reviewVerbs = ""
        /// "vacancy", "Bewerbung", "candidature": a message about working for the company asks for no
        /// agent, whatever person words it has ("will a human review my job application?").
        var recruiting = ""
        /// "dass", "dat": the wish goes on past the comma ("Ich möchte, dass sich ein Mitarbeiter
        /// meldet"), still governed by what came before it.
        var complementizers = ""
        /// "how does … work", "phone number", "at the same time": a sentence with one of these asks how
        /// the service works or how to reach it later ("Hoe werkt het doorverbinden naar een medewerker?",
        /// "Can an agent handle several chats at once?"), not for a person now.
        var aboutTheService = ""
        /// "how" and the channels one reaches a team by ("by phone", "per E-Mail"): a question with both asks
        /// how to reach them ("How can I contact customer service by phone?"), like `aboutTheService`.
        var how = ""
        var channels = ""
        /// The product a business customer evaluates ("platform", "software"): a sentence naming it and a bot
        /// asks what the product does ("Can the chatbot in your software hand a chat to an agent?").
        var products = ""
        /// "what time", "opening hours": a question with one asks when the team works ("¿Hasta qué hora
        /// atiende el servicio al cliente?"), not for a person now.
        var hours = ""
        /// Presence words that, outside a question, introduce the writer: "Real person here, not spam".
        var here = ""
        var otherSenses = ""
        var notAPersonBefore = ""
        var notAPersonAfter = ""
        var elseWords = ""
        var contrast = ""
        /// "when", "what time": a question about opening hours, not a request ("wann ist der Kundenservice erreichbar?").
        var when = ""
        var why = ""
        var relatives = ""
        var fillers = ""
        var objects = ""
        var interjections = ""
        /// Talk verbs that take a topic: "discuss my refund with a real person".
        var discussVerbs = ""
        /// Prepositions that open a topic ("about", "über"); in verb-final languages they may also
        /// follow the person: "einen Menschen für mein Konto".
        var topics = ""
        /// "take over", "übernehmen": like a callback, a vague "someone" may do it.
        var takeOverVerbs = ""
        /// "someone from support": the prepositions and the places a person works in.
        var origins = ""
        var organizations = ""
        /// Nouns that name a person only with a real-person qualifier: "a real assistant".
        var qualifiables = ""
        /// "better than talking to a person" compares, it does not ask.
        var comparisons = ""
        /// Separable verbs: the stem asks only when its particle closes the clause.
        var separableStems = ""
        var separableParticles = ""
        /// Person words that cannot name anything but a human (Mensch, mens).
        var humanNouns = ""
        /// "one of your", "un de vos", "einer Ihrer": a plural person word after it names one person.
        var oneOf = ""
        /// "only", "nur", "seul": "only a real person can help me" asks for one, like a question would.
        var only = ""
        /// Words that keep the trained model from deciding when no rule matched: a past contact
        /// ("already", "yesterday"), money ("transfer money to a person"), adding or removing users
        /// ("add a person to my workspace"). The rules know why those are not requests; the model does not.
        var modelVetoes = ""
        /// Real words that look like misspellings of the person and request words ("humane",
        /// "agenda"): listed so they are never corrected into them.
        var knownWords = ""

        var entries: [(WordRole, String)] {
            [
                (.person, people), (.personPlural, peoplePlural), (.somebody, somebody), (.nobody, nobody),
                (.bot, bots), (.talk, talkVerbs), (.want, wantVerbs), ([.transferAlone, .talk], transferAlone),
                (.strongPhrase, strongPhrases), (.glue, glue), ([.linker, .glue], linkers),
                ([.realAdjective, .glue], realAdjectives), (.auxiliary, auxiliaries), (.negation, negations),
                (.negativeDeterminer, negativeDeterminers), (.raisingNegation, raisingNegations),
                (.notAVerbAfter, notAVerbAfter), (.aboutBot, aboutBot), (.aboutBotGlue, aboutBotGlue),
                (.existential, existential), (.existentialInQuestion, existentialInQuestion),
                (.presence, presence), (.modal, modals), (.help, helpVerbs), ([.help, .callback], callbackVerbs),
                ([.help, .review], reviewVerbs), (.recruiting, recruiting),
                ([.complementizer, .glue], complementizers), (.aboutTheService, aboutTheService),
                (.how, how), (.channel, channels), (.product, products), (.hours, hours), ([.presence, .here], here),
                (.otherSense, otherSenses),
                (.notAPersonBefore, notAPersonBefore), (.notAPersonAfter, notAPersonAfter),
                (.elseWord, elseWords), (.contrast, contrast), (.why, why), (.when, when), (.relative, relatives),
                (.filler, fillers), (.object, objects), (.interjection, interjections),
                ([.help, .takeOver], takeOverVerbs), (.origin, origins), (.organization, organizations),
                (.qualifiable, qualifiables), (.comparison, comparisons), (.separableStem, separableStems),
                (.separableParticle, separableParticles), (.topic, topics), (.human, humanNouns), ([], knownWords),
                ([.talk, .discuss], discussVerbs), ([.oneOf, .glue], oneOf), ([.only, .glue], only),
                (.modelVeto, modelVetoes),
            ]
        }
    }
}

extension HumanRequestDetector.LanguageTable {
    /// All languages, in the order they are tried: the one list of supported languages.
    /// Each is defined in its own file under `Languages/`; a new language is a new file
    /// there and one entry here.
    static let all: [Self] = [english, german, french, spanish, portuguese, italian, dutch]
}
