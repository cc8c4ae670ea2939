extension HumanRequestDetector {
    /// What a word (or merged phrase) does in a language. A word may play several roles.
    struct WordRole: OptionSet, Sendable {
        let rawValue: UInt64

        // Who is asked for.
        static let person = WordRole(rawValue: 1 << 0)  // human, agent, Mitarbeiter
        static let personPlural = WordRole(rawValue: 1 << 1)  // agents, people: only with a talk verb or "real"
        static let somebody = WordRole(rawValue: 1 << 2)  // someone, jemand: only right after a verb or preposition
        static let nobody = WordRole(rawValue: 1 << 3)  // nobody, niemand, personne
        static let bot = WordRole(rawValue: 1 << 4)  // bot, machine, robot

        // How it is asked.
        static let talk = WordRole(rawValue: 1 << 5)  // talk, speak, connect, transfer
        static let want = WordRole(rawValue: 1 << 6)  // want, need, get me, can I have
        static let transferAlone = WordRole(rawValue: 1 << 7)  // "transfer me", complete on its own
        static let strongPhrase = WordRole(rawValue: 1 << 8)  // "who can I talk to"
        static let existential = WordRole(rawValue: 1 << 9)  // is there, gibt es, y a-t-il
        static let existentialInQuestion = WordRole(rawValue: 1 << 10)  // any, hay, il y a — only in a question
        static let presence = WordRole(rawValue: 1 << 11)  // "anyone there", "jemand da"
        static let modal = WordRole(rawValue: 1 << 12)  // can, kann, puede
        static let help = WordRole(rawValue: 1 << 13)  // help, helfen, aider

        // Connective tissue.
        static let glue = WordRole(rawValue: 1 << 14)  // to, with, a, the, please
        static let linker = WordRole(rawValue: 1 << 15)  // to, with, me: may precede "someone"
        static let realAdjective = WordRole(rawValue: 1 << 16)  // real, live, echter, vraie
        static let auxiliary = WordRole(rawValue: 1 << 17)  // do, would, ai, will: neutral in a verb chain

        // What cancels a match.
        static let negation = WordRole(rawValue: 1 << 18)  // not, don't, nicht, ne, pas, no (es)
        static let negativeDeterminer = WordRole(rawValue: 1 << 19)  // no (en), kein, aucun, ningún
        static let raisingNegation = WordRole(rawValue: 1 << 20)  // "don't think" negates the whole clause
        static let notAVerbAfter = WordRole(rawValue: 1 << 21)  // "the chat with…", "was talking to…"
        static let aboutBot = WordRole(rawValue: 1 << 22)  // are you, bist du, es-tu
        static let aboutBotGlue = WordRole(rawValue: 1 << 23)  // a, real, talking, to: inside "am I talking to a…"
        static let notAPersonBefore = WordRole(rawValue: 1 << 24)  // travel (agent), more (agents)
        static let notAPersonAfter = WordRole(rawValue: 1 << 25)  // (person) limit, (agent) license
        static let elseWord = WordRole(rawValue: 1 << 26)  // someone else
        static let contrast = WordRole(rawValue: 1 << 27)  // but, sondern, mais: "not a bot but a human"
        static let why = WordRole(rawValue: 1 << 28)  // why: "why don't you connect me…" is a request
        // der, die, dat: may follow the person in verb-final languages
        static let relative = WordRole(rawValue: 1 << 29)
        static let filler = WordRole(rawValue: 1 << 30)  // please, now, hi, stop
        static let object = WordRole(rawValue: 1 << 31)  // this, my case: may follow "escalate"
        static let interjection = WordRole(rawValue: 1 << 32)  // "Mensch, …" is an exclamation in German
        static let otherSense = WordRole(rawValue: 1 << 33)  // "human resources": merged so it names no person
        static let callback = WordRole(rawValue: 1 << 34)  // call me back, zurückrufen: "can someone call me back?"
        static let takeOver = WordRole(rawValue: 1 << 35)  // take over, übernehmen: "can someone take over?"
        static let origin = WordRole(rawValue: 1 << 36)  // from, vom, de: "someone from support"
        static let organization = WordRole(rawValue: 1 << 37)  // support, staff, billing: where that someone works
        static let qualifiable = WordRole(rawValue: 1 << 38)  // assistant: a person only when "real" / "human"
        static let comparison = WordRole(rawValue: 1 << 39)  // better than: "better than talking to a person"
        static let separableStem = WordRole(rawValue: 1 << 40)  // "stellen Sie mich" … "durch"
        static let separableParticle = WordRole(rawValue: 1 << 41)  // durch, weiter, door: ends a separable verb
        static let topic = WordRole(rawValue: 1 << 42)  // für, über, voor: "einen Menschen für mein Konto"
        static let human = WordRole(rawValue: 1 << 43)  // Mensch, mens: a person word that can only mean a human
        static let discuss = WordRole(rawValue: 1 << 44)  // discuss, besprechen: takes a topic before "with"
        static let when = WordRole(rawValue: 1 << 45)  // when, wann, quand: "when is customer service there?"
        static let oneOf = WordRole(rawValue: 1 << 46)  // one of your, un de vos: "one of your agents" is one person
        static let review = WordRole(rawValue: 1 << 47)  // look at, sich ansehen: "can someone look at my order?"
        // vacancy, Bewerbung: a message about a job is never a request
        static let recruiting = WordRole(rawValue: 1 << 48)
        static let complementizer = WordRole(rawValue: 1 << 49)  // dass, que: "Ich möchte, dass ein Mitarbeiter…"
        // how does … work, phone number, at the same time: the sentence asks about the service, not for a person
        static let aboutTheService = WordRole(rawValue: 1 << 50)
        static let here = WordRole(rawValue: 1 << 51)  // here, hier, ici: "Real person here" introduces oneself
        static let how = WordRole(rawValue: 1 << 52)  // how, wie, comment: with a channel, asks how to reach them
        static let channel = WordRole(rawValue: 1 << 53)  // by phone, per E-Mail: "How can I contact … by phone?"
        static let only = WordRole(rawValue: 1 << 54)  // only, nur, seul: "only a real person can help"
        // already, money, add: in a message no rule matched, the model is not asked
        static let modelVeto = WordRole(rawValue: 1 << 55)
        // platform, software: with a bot word, the sentence asks about the product's own handover
        static let product = WordRole(rawValue: 1 << 56)
        // what time, opening hours: in a question, asks when the team works, not for a person now
        static let hours = WordRole(rawValue: 1 << 57)

        static let anyPerson: WordRole = [.person, .personPlural, .somebody, .nobody]
        static let verb: WordRole = [.talk, .want]
        /// Words that may sit between a negation and the verb it negates.
        static let chain: WordRole = [.glue, .linker, .realAdjective, .auxiliary, .talk, .want, .modal, .negation]
        /// Words that make a language worth scanning at all.
        static let trigger: WordRole = [
            .anyPerson, .bot, .transferAlone, .strongPhrase, .qualifiable, .separableStem, .organization,
            .otherSense, .recruiting, .modelVeto,
        ]
        /// Words whose misspellings are recognized ("humna", "reprsentative", "kiero").
        static let fuzzyKey: WordRole = [.person, .personPlural, .somebody, .qualifiable, .talk, .want, .transferAlone]
        /// Phrases that win over overlapping ones when words are merged.
        static let protected: WordRole = [.anyPerson, .bot, .otherSense]

        func has(_ role: WordRole) -> Bool { !isDisjoint(with: role) }
    }
}
