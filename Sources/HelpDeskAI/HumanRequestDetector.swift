import Foundation

/// Detects when a customer asks to be connected to a person (spec §4–§5: the
/// built-in agent escalates "when the customer asks for a person, in several
/// languages").
///
/// A small rule-based scorer over normalized words, run once per language
/// (English, German, French, Spanish, Portuguese, Italian, Dutch):
///
/// - **request frames**: a request verb ("talk", "connect", "I want", "parler",
///   "sprechen"…) followed, through a few glue words ("to a real"), by a word
///   naming a person ("human", "agent", "Mitarbeiter", "conseiller"…); verb-final
///   languages (German, Dutch) also match the person before the verb
///   ("mit einem Mitarbeiter sprechen") and split verbs ("stellen Sie mich zu
///   einem Menschen durch"); a topic or object may come between the verb and the
///   person ("discuss my refund with a real person", "escalate my ticket to…");
/// - **who counts as a person**: person nouns, plurals and ambiguous nouns when
///   qualified as real ("real people", "un assistente reale"), and "someone" when
///   named by where they work ("someone from your staff", "jemand vom Support");
/// - **availability questions**: "is there a real person?", "anyone there?",
///   "ist da irgendwer Echtes?";
/// - **terse messages**: a clause made only of a person word and fillers
///   ("agent", "human please", "stop, human", "operator!");
/// - **transfer requests**: "transfer me", "verbinden Sie mich", "passez-moi";
/// - **help from a person**: "can a human help me?", "can someone take over?";
/// - **bot refusals**: a negated talk verb aimed at the bot
///   ("no quiero hablar con una máquina").
///
/// Misspelt person and request words are recognized within a small typing-error
/// distance ("humna", "reprsentative", "kiero ablar"): see `FuzzyIndex`.
///
/// Matches are vetoed by negation ("don't transfer me", "ich brauche keinen
/// Mitarbeiter"), questions about the bot itself ("are you human?"), comparisons
/// ("better than talking to a person"), and other senses of the person words
/// ("human resources", "travel agent", "the operator of my mobile network", "how
/// many agents can I add", "can someone take over my account").
///
/// Pure and allocation-light: the word tables are compiled once per process.
public struct HumanRequestDetector: Sendable {
    private let lexicon: Lexicon

    public init() {
        lexicon = Lexicon.shared
    }

    /// Whether the customer's message asks to be connected to a person.
    public func isRequestingHuman(_ text: String) -> Bool {
        finding(in: text) != nil
    }

    /// Same, with the matched evidence for the handoff summary (e.g. `asked for a
    /// person: "talk to a human"`), nil when not a request.
    public func evidence(in text: String) -> String? {
        guard let found = finding(in: text) else { return nil }
        let quote = String(text[found.range]).trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(found.kind.summary): \"\(quote)\""
    }

    func finding(in text: String) -> Finding? {
        let scan = Tokenizer.scan(text, ids: lexicon.ids, numberID: lexicon.numberID, fuzzy: lexicon.fuzzy)
        guard !scan.tokens.isEmpty else { return nil }
        for language in lexicon.languages {
            guard let matcher = Matcher(language: language, scan: scan) else { continue }
            if let found = matcher.find() { return found }
        }
        return nil
    }
}

// MARK: - Findings

extension HumanRequestDetector {
    struct Finding: Sendable {
        enum Kind: Sendable {
            case request, availability, terse, transfer, refusedBot

            var summary: String {
                switch self {
                case .request, .terse: "asked for a person"
                case .availability: "asked whether a person is available"
                case .transfer: "asked to be transferred"
                case .refusedBot: "refused to talk to a bot"
                }
            }
        }

        let kind: Kind
        let language: String
        let range: Range<String.Index>
    }
}

// MARK: - Word roles

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
        static let relative = WordRole(rawValue: 1 << 29)  // der, die, dat: may follow the person in verb-final languages
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

        static let anyPerson: WordRole = [.person, .personPlural, .somebody, .nobody]
        static let verb: WordRole = [.talk, .want]
        /// Words that may sit between a negation and the verb it negates.
        static let chain: WordRole = [.glue, .linker, .realAdjective, .auxiliary, .talk, .want, .modal, .negation]
        /// Words that make a language worth scanning at all.
        static let trigger: WordRole = [.anyPerson, .bot, .transferAlone, .strongPhrase, .qualifiable, .separableStem]
        /// Words whose misspellings are recognized ("humna", "reprsentative", "kiero").
        static let fuzzyKey: WordRole = [.person, .personPlural, .somebody, .qualifiable, .talk, .want, .transferAlone]
        /// Phrases that win over overlapping ones when words are merged.
        static let protected: WordRole = [.anyPerson, .bot, .otherSense]

        func has(_ role: WordRole) -> Bool { !isDisjoint(with: role) }
    }
}

// MARK: - Language tables

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
        var otherSenses = ""
        var notAPersonBefore = ""
        var notAPersonAfter = ""
        var elseWords = ""
        var contrast = ""
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
                (.otherSense, otherSenses),
                (.notAPersonBefore, notAPersonBefore), (.notAPersonAfter, notAPersonAfter),
                (.elseWord, elseWords), (.contrast, contrast), (.why, why), (.relative, relatives),
                (.filler, fillers), (.object, objects), (.interjection, interjections),
                ([.help, .takeOver], takeOverVerbs), (.origin, origins), (.organization, organizations),
                (.qualifiable, qualifiables), (.comparison, comparisons), (.separableStem, separableStems),
                (.separableParticle, separableParticles), (.topic, topics), (.human, humanNouns), ([], knownWords),
                ([.talk, .discuss], discussVerbs),
            ]
        }
    }
}

extension HumanRequestDetector.LanguageTable {
    /// All languages, in the order they are tried.
    static let all: [Self] = [english, german, french, spanish, portuguese, italian, dutch]

    static let english = Self(
        code: "en",
        people: """
            human, human being, real human, agent, live agent, human agent, support agent, representative, rep, \
            customer service rep, operator, person, real person, live person, actual person, staff member, member of \
            staff, member of your staff, member of your team, team member, employee, supervisor, manager, boss, \
            advisor, adviser, consultant, specialist, technician, colleague, human support, live support, customer \
            service, customer support, customer care, support team, sales team, billing team, your team, the team, \
            support staff, support person, support rep, sales rep, tech support team, one of you, one of you guys, \
            one of your team, one of your people, humans, human beings, someone real, somebody real, a real one
            """,
        peoplePlural: """
            agents, operators, people, persons, employees, staff, managers, consultants, specialists, reps, \
            representatives, colleagues, coworkers, co workers, team members, staff members, supervisors, \
            technicians, advisors, advisers, humans, support people, support folks, support guys, your people
            """,
        somebody: "someone, somebody, anyone, anybody, some one, some body, any one",
        nobody: "nobody, no one, noone, no body, no human, no person",
        bots: """
            bot, bots, robot, robots, chatbot, chat bot, machine, ai, artificial intelligence, computer, \
            automated system, automated assistant, virtual assistant, virtual agent, ai agent, ai assistant, \
            program, script, algorithm, autoresponder, auto reply, automated reply, automated response
            """,
        talkVerbs: """
            talk, speak, chat, converse, communicate, reach, contact, have a word, get in touch, get hold of, \
            get through to, deal with, connect, connected, transfer, transferred, forward, redirect, route, \
            escalate, put me through, put me in touch, patch me through, hand me over, hand me off, pass me, \
            pass me over, pass me on, switch me, send me, hook me up, talking, speaking, chatting, \
            be put in contact, be put in touch, be put through, put me in contact, get me in contact, \
            get me in touch, hand this over, hand it over
            """,
        wantVerbs: """
            want, wanna, need, would like, d like, id like, would love, d love, prefer, ask for, asking for, \
            asked for, request a, request an, requesting, i request, demand, require, get, gimme, give me, \
            find me, bring me, let me have, can i have, could i have, may i have, can i get, could i get, \
            can we get, could we get, looking for, hoping for, i ll take, please have, can you have, \
            could you have, get me
            """,
        transferAlone: """
            transfer me, connect me, put me through, patch me through, escalate, escalate this, escalate it, \
            hand me over, forward me, pass me on, transfer me please, connect me please
            """,
        strongPhrases: """
            who can i talk to, who can i speak to, who can i speak with, who do i talk to, who do i speak to, \
            who do i speak with, who should i talk to, who can i contact, who can i chat with
            """,
        glue: """
            a, an, the, some, one, of, your, you guys, please, pls, plz, now, right now, right away, just, \
            directly, immediately, quickly, asap, help, assistance, call, callback, call back, see, be, \
            able, over, another, different, other, again, back, already, actually, really, finally, \
            on the phone, on the line, an actual, a real, at least, word, personally, in charge, that, this, \
            any, sort of, kind of, \
            also, too
            """,
        linkers: "to, with, me, us, for, from, through, in touch with",
        realAdjectives: """
            real, actual, live, human, genuine, proper, competent, qualified, living, breathing, flesh and blood, \
            real life, real live, a real, an actual, a live
            """,
        auxiliaries: """
            would, will, could, should, can, really, actually, even, still, ever, have, be, to, want to, is, are
            """,
        negations: """
            not, never, don t, dont, do not, does not, doesn t, doesnt, did not, didn t, didnt, no need, no reason, \
            need not, needn t, not necessary, no thanks, no thank you, without, rather not, neither, nor, no longer, \
            do i need, do i have, do i need to, do i have to, will i need, will i have to, must i, is it necessary, \
            do you need, does it need, does this need, do we need, if i need, if i want, in case i need, tired of, \
            sick of, fed up with, sick and tired of, done with, had enough of, enough of, hate
            """,
        negativeDeterminers: "no, none, zero",
        raisingNegations: """
            don t think, dont think, do not think, don t believe, dont believe, do not believe, don t feel like, \
            dont feel like
            """,
        notAVerbAfter: """
            the, a, an, my, your, his, her, their, our, this, that, was, were, been, already, after, before, while, \
            previous, last, earlier
            """,
        aboutBot: """
            are you, are u, r u, r you, you are, youre, you re, u r, u are, you, is this, is that, is it, \
            this is, am i, i am, im, i m, are these, was that, was this, is this chat, is this conversation
            """,
        aboutBotGlue: """
            a, an, the, real, actual, really, even, just, only, still, talking, speaking, chatting, texting, \
            writing, to, with, or, or just, live, actually, kind of, sort of, like, some, some kind of, \
            automated, chat, conversation, service, here, currently, now
            """,
        existential: """
            is there, are there, isn t there, isnt there, is any, do you have, do you guys have, don t you have, \
            dont you have, have you got, where is, where are, where s, wheres, where the hell is, where are the
            """,
        existentialInQuestion: "any, got any",
        presence: "there, here, around, available, online, awake, on the line, on duty, in the office",
        modals: "can, could, will, would, may, might",
        helpVerbs: "help, assist, look into, look at, handle",
        callbackVerbs: "call, call me, call me back, ring me, phone me, get back to me, contact me",
        otherSenses: """
            human resources, human error, human errors, human rights, human nature, human body, human race, \
            human trafficking, human readable, human verification, human check, human capital, \
            contact person, in person, per person, person per, each person, first person, third person, \
            missing person, agent of, travel agent, estate agent, real estate agent, insurance agent, \
            secret agent, user agent, booking agent, shipping agent, customs agent, ticket agent, \
            operator of, network operator, mobile operator, tour operator, cell operator, telecom operator, \
            my operator, our operator, machine operator, crane operator, forklift operator, operator error, \
            my agent, our agent, my travel agent, people who, people are, people have
            """,
        notAPersonBefore: """
            more, additional, extra, many, several, multiple, new, ai, virtual, automated, bot, travel, \
            estate, insurance, secret, user, booking, shipping, customs, mobile, network, tour, cell, \
            telecom, cable, crane, forklift, machine, missing, third, first, each, per, every, how many, \
            unlimited, max, maximum
            """,
        notAPersonAfter: """
            resources, error, errors, rights, limit, limits, seat, seats, license, licenses, licence, licences, \
            account, accounts, role, roles, permission, permissions, settings, setting, access, plan, plans, \
            dashboard, panel, app, view, mode, count, list, page, field, fee, fees, pricing, price, cost, \
            costs, name, id, number, numbers, portal, login, tool, tools, console, feature, features, option, \
            options, level, profile, profiles, data, invite, invites, slot, slots, capacity, hours, email, \
            phone, address, website, s, status, performance, report, reports, stats
            """,
        elseWords: "else, else s",
        contrast: "but, but rather, instead, rather",
        why: "why, how come, why the hell",
        relatives: "who, that, whom, which, i, we, working",
        fillers: """
            please, pls, plz, pleease, now, right now, asap, immediately, hello, hi, hey, ok, okay, yes, \
            yeah, yep, stop, help, thanks, thank you, just, urgent, urgently, again, sir, real quick, \
            quickly, seriously, already, needed, required, ffs, omg, for god s sake, for gods sake, come on, \
            damn, still, hello there, hi there, so, well, i said, oh
            """,
        objects: """
            this, it, me, my, ticket, case, issue, request, problem, complaint, call, chat, conversation, my ticket, \
            my case, my issue, to
            """,
        discussVerbs: """
            discuss, go over, sort out, talk through, talk, speak, chat, talking, speaking, chatting, have a word
            """,
        topics: "about, regarding, concerning",
        takeOverVerbs: """
            take over, take this over, take it over, take over from here, step in, jump in, pick this up, pick it up
            """,
        origins: "from, of, at, in, on",
        organizations: """
            support, staff, team, your team, the team, support team, customer service, customer support, \
            customer care, billing, sales, tech support, technical support, help desk, helpdesk, service desk, \
            company, office, department, management, accounts
            """,
        qualifiables: "assistant, assistants, helper",
        comparisons: "than, instead of, as opposed to, compared to, compared with",
        knownWords: """
            advises, analysts, arent, beater, came, charting, chime, collaborate, collaborative, collaborator, \
            collaborators, collage, college, colleges, congested, consent, consequent, constant, constants, \
            consular, consulate, consult, contract, contractor, demanded, elder, elmer, employers, employs, gene, \
            genre, havent, heller, karen, keto, lever, liver, manages, operate, operates, operative, parker, parlor, \
            parsons, passage, prefers, referee, reference, reich, rejecting, responsible, resting, roach, rouge, \
            serge, socialist, socialists, specialises, stiff, stuff, superior, superiors, supervise, taking, \
            transverse, volvo
            """
    )

    static let german = Self(
        code: "de",
        verbFinal: true,
        people: """
            mensch, menschen, echter mensch, echten menschen, mitarbeiter, mitarbeiterin, mitarbeitern, \
            servicemitarbeiter, servicemitarbeiterin, supportmitarbeiter, supportmitarbeiterin, kundenberater, \
            kundenberaterin, berater, beraterin, kundenbetreuer, kundenbetreuerin, betreuer, betreuerin, \
            kundendienst, kundenservice, kunden service, ansprechpartner, ansprechpartnerin, sachbearbeiter, \
            sachbearbeiterin, person, echte person, agent, agentin, operator, supervisor, vorgesetzten, \
            vorgesetzter, chef, chefin, verantwortlichen, zustandigen, zustandige, techniker, technikerin, \
            servicedesk, support team, supportteam, serviceteam, team, kollegen, kollegin, \
            kollege, kolleginnen, teammitglied, mitglied des teams, servicekraft, fachmann, fachfrau
            """,
        peoplePlural: """
            personen, agenten, personal, leute, berater, menschen, kollegen, kolleginnen, ansprechpartner, \
            mitarbeitenden, experten
            """,
        somebody: "jemand, jemanden, jemandem, jmd, jmdn, irgendjemand, irgendjemanden, irgendjemandem, irgendwer, wer",
        nobody: "niemand, niemanden, niemandem, keiner",
        bots: """
            bot, bots, chatbot, roboter, robot, maschine, computer, ki, kunstliche intelligenz, automat, \
            programm, virtueller assistent, virtuellen assistenten, assistent, sprachassistent
            """,
        talkVerbs: """
            sprechen, reden, chatten, schreiben, telefonieren, verbinden, verbunden, weiterleiten, weitergeleitet, \
            weiterverbinden, weiterverbunden, durchstellen, durchgestellt, erreichen, kontaktieren, unterhalten, \
            verbinden sie mich, verbinde mich, verbindet mich, leiten sie mich weiter, leite mich weiter, stellen \
            sie mich durch, stell mich durch, stellen sie mich bitte durch, leiten sie mich bitte weiter, zu tun \
            haben, in kontakt treten, kontakt aufnehmen, sprechen mit, reden mit, in verbindung setzen, in kontakt \
            bringen, in verbindung bringen, ubergeben, uebergeben, weitergeben
            """,
        wantVerbs: """
            mochte, moechte, mochten, moechten, will, wollen, wurde gerne, wurde gern, wuerde gerne, hatte gerne, \
            hatte gern, haette gerne, brauche, brauchen, benotige, benoetige, benotigen, verlange, verlangen, \
            fordere, bitte um, ich bitte um, wunsche, wuensche, kann ich, konnte ich, koennte ich, darf ich, \
            gib mir, geben sie mir, gebt mir, hol mir, holen sie mir, holen sie, her mit, suche, ich suche, \
            will ich, mochte ich, hatte ich gerne, \
            lieber, bitte einen, bitte eine, \
            holt mir, holst du mir, hol mal
            """,
        transferAlone: """
            verbinden sie mich, verbinde mich, verbindet mich, stellen sie mich durch, stell mich durch, \
            leiten sie mich weiter, leite mich weiter, mich weiterleiten, mich bitte weiterleiten, \
            mich durchstellen, mich bitte durchstellen, mich verbinden, mich bitte verbinden, \
            mich weiterverbinden, mich bitte weiterverbinden, eskalieren, eskalieren sie, bitte eskalieren, \
            stellen sie mich bitte durch, stell mich bitte durch, leiten sie mich bitte weiter, verbinden sie mich bitte
            """,
        strongPhrases: """
            mit wem kann ich sprechen, mit wem kann ich reden, an wen kann ich mich wenden, an wen wende ich mich, \
            mit wem spreche ich am besten
            """,
        glue: """
            einem, einer, einen, ein, eine, dem, der, den, die, das, zum, zur, bitte, gerne, gern, jetzt, \
            sofort, direkt, mal, doch, endlich, schnell, ihrem, ihren, ihrer, eurem, euren, eurer, aus, \
            mal eben, noch, am telefon, telefonisch, hilfe, irgendeinem, irgendeinen, anderen, anderem, \
            anderer, nen, n, echt, ihnen, dir, euch, persoenlich, personlich, live, endlich mal, einfach, \
            auch, uberhaupt, ueberhaupt, vielleicht, bei ihnen, bei euch, bei dir
            """,
        linkers: "mit, mir, mich, zu, an, von, vom, uns",
        realAdjectives: """
            echten, echter, echtem, echte, richtigen, richtiger, richtigem, richtige, realen, realer, \
            lebendigen, lebenden, menschlichen, menschlicher, menschliche, menschlichem, wirklichen, \
            wirklicher, aus fleisch und blut, \
            echtes, richtiges, reales, lebendiges, menschliches, wirkliches
            """,
        auxiliaries: "ich, will, mochte, muss, soll, kann, werden, wurde, mehr, bitte, gerne, gern, zu, wir, ist, sind",
        negations: """
            nicht, nie, niemals, ohne, kein bedarf, keinen bedarf, nicht notig, nicht noetig, nicht notwendig, \
            nicht erforderlich, muss ich, musste ich, keine lust, keinen bock, habe genug von, satt
            """,
        negativeDeterminers: "kein, keine, keinen, keinem, keiner, keines",
        raisingNegations: "glaube nicht, denke nicht",
        aboutBot: """
            bist du, sind sie, seid ihr, bin ich, spreche ich, rede ich, chatte ich, schreibe ich, ist das, \
            ist dies, du bist, sie sind, handelt es sich um, ich bin, bist du etwa, sind sie etwa
            """,
        aboutBotGlue: """
            ein, eine, einem, einer, einen, echter, echte, echtes, echt, wirklich, etwa, nur, gerade, hier, mit, \
            oder, am, nen, n, noch, denn, gerade mit, tatsachlich, vielleicht
            """,
        existential: """
            gibt es, gibts, gibt s, ist da, ist hier, sind da, sind hier, wo ist, wo sind, wo bleibt, \
            haben sie, habt ihr, hat hier, ist noch, ist denn, ist uberhaupt, gibt es da, gibt es hier
            """,
        presence: "da, hier, online, verfugbar, erreichbar, anwesend, am apparat, zu erreichen",
        modals: "kann, kannst, konnte, konnten, konnen, koennte, wurde, wird",
        helpVerbs: "helfen, weiterhelfen, weiter helfen, unterstutzen, kummern",
        callbackVerbs: "anrufen, zuruckrufen, zurueckrufen, mich anrufen, mich zuruckrufen",
        otherSenses: """
            pro person, je person, person pro, juristische person, naturliche person, meine mitarbeiter, \
            meinen mitarbeitern, meinem mitarbeiter, meinen mitarbeiter, unsere mitarbeiter, \
            unseren mitarbeitern, unserem mitarbeiter, unser personal, mein personal, mein team, unser team, \
            meinem team, unserem team, mein chef, meinem chef, meinen chef, mein berater, ki agent, ki agenten, \
            menschlicher fehler, pro mitarbeiter, je mitarbeiter
            """,
        notAPersonBefore: """
            mehr, weitere, weiteren, weiterer, zusatzliche, zusatzlichen, zusatzlicher, neue, neuen, neuer, \
            viele, wieviele, wie viele, mehrere, ki, virtuellen, virtueller, jeden, jede, jeder, pro, je, \
            max, maximal, unbegrenzt, unbegrenzte
            """,
        notAPersonAfter: """
            lizenz, lizenzen, konto, konten, zugang, zugange, rolle, rollen, rechte, limit, limits, anzahl, \
            platze, platz, einstellungen, fehler, account, accounts, zugriff, profil, login, verwaltung
            """,
        elseWords: "anderes, anderem, anderen, sonst",
        contrast: "sondern, aber, stattdessen, lieber, sondern mit",
        why: "warum, wieso, weshalb, weswegen",
        relatives: "der, die, das, welcher, welche, welches, wo, mit dem, mit der, den",
        fillers: """
            bitte, bitte bitte, jetzt, sofort, jetzt sofort, schnell, danke, hallo, hi, hey, ok, okay, ja, \
            stopp, stop, hilfe, dringend, endlich, sofort bitte, mal, einfach, nur, nochmal, nochmals, her, \
            verdammt, mensch, also, gut, bitteschon, schon, halt
            """,
        objects: "das, es, mich, mein anliegen, meinen fall, den fall, das ticket, mein ticket, das bitte, dies",
        interjections: "mensch",
        discussVerbs: "besprechen, klaren, sprechen, reden",
        topics: "fur, fuer, uber, ueber, wegen, bezuglich, bei, zu meinem, zu meiner, zum thema",
        takeOverVerbs: "ubernehmen, uebernehmen, das ubernehmen, einspringen, ubernimmt",
        origins: "von, vom, aus, bei, beim, im",
        organizations: """
            support, kundendienst, kundenservice, service, team, supportteam, serviceteam, hotline, firma, \
            unternehmen, abteilung, personal, helpdesk, technik, buchhaltung, vertrieb, fachabteilung
            """,
        qualifiables: "assistent, assistenten, assistentin, gegenuber, helfer, helferin",
        comparisons: "als, statt, anstatt, anstelle, im vergleich zu",
        separableStems: """
            stellen sie mich, stell mich, stellt mich, stellst du mich, leiten sie mich, leite mich, \
            leitet mich, leitest du mich, geben sie mich, gib mich, gebt mich, schalten sie mich, schalte mich, \
            verbinden sie mich, verbinde mich
            """,
        separableParticles: "durch, weiter",
        humanNouns: "mensch, menschen, echter mensch, echten menschen, echte person",
        knownWords: """
            ballen, benotigte, benotigten, beraten, beratern, besprochen, bestechen, betreuen, bosco, brachen, \
            brauchte, brauchten, bruche, bullen, came, cham, collage, college, constant, datei, derivate, eifer, \
            elder, elfer, errechnen, erreichten, errichten, ewige, expertin, forderer, forderte, gene, genre, \
            grimme, helfern, heller, herrchen, herrlichen, herrschen, karen, karo, klagen, kolleg, laute, leber, \
            liber, lieder, machte, machten, menden, mitarbeiten, operative, paar, parker, parsons, passage, paten, \
            pisser, pragen, pragten, prufer, raute, referate, reference, reich, reprasentative, roden, rote, rouge, \
            rute, sache, sche, scheiben, scheinen, scherben, schieben, schrauben, schreien, schrein, schreiten, \
            schrieben, serge, seuche, spezialist, spezialisten, sprachen, spruchen, stoff, straff, stuff, suchte, \
            superior, techniken, ubergehen, uberleben, verbanden, verbundene, vergangen, verhangen, verhindern, \
            verklagen, verkunden, verlage, verlagen, verlagern, verlangern, verlangte, verlangten, verlegen, \
            verlogen, volvo, vorfinden, vorlagen, weitergehen, weiterleben, weiterzugeben, wellen, wolken, wunschte, \
            zustande, zustanden
            """
    )

    static let french = Self(
        code: "fr",
        people: """
            humain, humains, etre humain, un humain, conseiller, conseillere, agent, agente, operateur, \
            operatrice, une personne, la personne, vraie personne, personne reelle, personne physique, \
            personne humaine, cette personne, une autre personne, responsable, technicien, technicienne, \
            interlocuteur, interlocutrice, service client, service clientele, membre de l equipe, \
            membre de votre equipe, employe, employee, superviseur, manager, assistant humain, support humain, \
            standardiste, teleconseiller, teleconseillere, charge de clientele, chargee de clientele, \
            gestionnaire, collaborateur, collaboratrice, quelqu un de reel, quelqu un de vrai, vraies personnes, \
            vrais gens, vrais humains, \
            collegue, un collegue, une collegue, membre du personnel, conseiller humain, agent humain
            """,
        peoplePlural: """
            personnes, agents, operateurs, conseillers, gens, employes, des personnes, collegues, collaborateurs, \
            techniciens, responsables, membres de l equipe, humains
            """,
        somebody: """
            quelqu un, quelquun, qqn, qq1, quelqu une, n importe qui, l un de vous, l un d entre vous, quelqu un d \
            humain
            """,
        nobody: "personne, aucun humain, aucune personne, aucun conseiller, nul",
        bots: """
            robot, robots, bot, bots, chatbot, machine, ia, intelligence artificielle, ordinateur, programme, \
            assistant virtuel, automate, repondeur, reponse automatique, agent virtuel, conseiller virtuel
            """,
        talkVerbs: """
            parler, discuter, echanger, causer, dialoguer, joindre, contacter, entrer en contact, etre en contact, \
            me mettre en contact, mettre en relation, etre mis en relation, etre mise en relation, mettez moi en \
            relation, mets moi en relation, me mettre en relation, passez moi, passe moi, me passer, passer, \
            transferer, transferez moi, transfere moi, me transferer, rediriger, redirigez moi, redirige moi, me \
            rediriger, basculer, me basculer, orienter, m orienter, avoir affaire, traiter avec, etre transfere, \
            etre transferee, etre redirige, joindre, mettre en contact, mettez moi en contact, mets moi en contact, \
            etre mis en contact, etre mise en contact, me transmettre, transmettez moi
            """,
        wantVerbs: """
            veux, voudrais, voudrai, souhaite, souhaiterais, aimerais, aimerai, besoin, ai besoin, avoir, \
            demande, je demande, exige, j exige, donnez moi, donne moi, trouvez moi, peux avoir, \
            puis je avoir, puis je, pourrais je, est ce que je peux, je peux, pouvez vous me, \
            pourriez vous me, il me faut, me faut, cherche, je cherche, reclame, je reclame, preferais, \
            prefere, voulais, voulons
            """,
        transferAlone: """
            transferez moi, transfere moi, mettez moi en relation, mets moi en relation, passez moi, \
            redirigez moi, redirige moi, transferez moi svp, me transferer, me mettre en relation, \
            mettez moi en contact, mets moi en contact
            """,
        strongPhrases: """
            a qui puis je parler, a qui je peux parler, a qui dois je m adresser, a qui m adresser, \
            avec qui puis je parler, a qui je m adresse, a qui puis je m adresser
            """,
        glue: """
            un, une, le, la, l, les, des, de, d, du, moi, me, m, en, relation, contact, directement, \
            rapidement, immediatement, tout de suite, vite, svp, s il vous plait, s il te plait, stp, voir, \
            vos, votre, ton, tes, un de vos, l un de vos, une de vos, autre, plutot, l aide, aide, maintenant, \
            enfin, par telephone, au telephone, etre, mis, mise, vraiment, juste, bien, seulement, \
            aussi, egalement
            """,
        linkers: "a, au, aux, avec, moi, me, m, de, d, vers, aupres, du, pour",
        realAdjectives: """
            vrai, vraie, vrais, vraies, veritable, reel, reelle, reels, reelles, humain, humaine, vivant, vivante, \
            en chair et en os, physique
            """,
        auxiliaries: """
            ai, as, a, avons, avez, veux, peux, dois, vais, va, voudrais, y, en, je, j, voulais, plus, est, sont, \
            est il, est elle
            """,
        negations: """
            ne, n, pas, jamais, plus jamais, sans, pas besoin, plus besoin, pas la peine, inutile, \
            pas necessaire, dois je, faut il, est ce que je dois, est ce qu il faut, marre de, \
            en ai marre de, j en ai marre de, assez de, ras le bol de
            """,
        negativeDeterminers: "aucun, aucune, pas de, pas d, nul, nulle",
        raisingNegations: "ne pense pas, pense pas, ne crois pas, crois pas",
        aboutBot: """
            es tu, tu es, t es, etes vous, vous etes, est ce que tu es, est ce que vous etes, je parle, \
            je discute, je suis en train de parler, je suis en train de discuter, suis je, c est, est ce, \
            ce n est pas, ai je affaire, j ai affaire, je suis, on parle, je parle bien, t es un, c est un, \
            c est une, est ce que je parle, est ce que je discute, parle t on
            """,
        aboutBotGlue: """
            un, une, a, au, avec, vrai, vraie, reel, reelle, vraiment, bien, juste, ou, en train de parler, que, \
            seulement, simplement, encore, la, le, de, d, actuellement, ici
            """,
        existential: """
            y a t il, y a t'il, est ce qu il y a, est ce qu y a, avez vous, ou est, ou sont, ou est passe, \
            n y a t il, n y a t il pas, vous n avez pas, ou sont passes
            """,
        existentialInQuestion: "il y a, y a, ya, il n y a, n y a, vous avez, tu as, y a pas, il y a pas",
        presence: "la, ici, disponible, en ligne, present, presente, derriere, au bout du fil, derriere l ecran",
        modals: "peut, pourrait, pouvez, pourriez, peut il, peut elle",
        helpVerbs: "aider, m aider, me aider, s occuper",
        callbackVerbs: "rappeler, me rappeler, m appeler, me contacter",
        otherSenses: """
            droits humains, droits de l homme, par personne, une personne de plus, personne a charge, \
            personne morale, mon operateur, votre operateur, son operateur, operateur mobile, \
            operateur telephonique, operateur de telephonie, operateur reseau, operateur internet, \
            changer d operateur, agent immobilier, agent de voyage, agent de voyages, agent d assurance, \
            agent de police, agent secret, agent de securite, agent ia, mon agent, mon conseiller virtuel, \
            erreur humaine, ressources humaines, mes employes, nos employes, mes conseillers
            """,
        notAPersonBefore: "nouveaux, nouvel, plusieurs, combien, chaque, supplementaire, supplementaires, ia, virtuel",
        notAPersonAfter: """
            virtuel, virtuelle, conversationnel, ia, immobilier, licence, licences, compte, comptes, role, \
            acces, limite, place, places, siege, sieges, erreur, supplementaire, supplementaires, en plus
            """,
        elseWords: "d autre, autre",
        contrast: "mais, mais plutot, plutot, a la place, mais avec",
        why: "pourquoi, comment ca se fait",
        fillers: """
            svp, s il vous plait, s il te plait, stp, merci, maintenant, vite, tout de suite, bonjour, salut, \
            allo, ok, oui, stop, urgent, juste, aide, au secours, par pitie, enfin, de suite, immediatement, \
            rapidement, please, bon, alors, allez
            """,
        objects: "ca, cela, mon dossier, ma demande, mon probleme, le, la",
        discussVerbs: "discuter, en discuter, parler, echanger, voir ca",
        topics: "de, sur, concernant, au sujet de, a propos de",
        takeOverVerbs: """
            prendre le relais, prendre le relai, prendre la main, prendre en charge, reprendre, prendre la suite
            """,
        origins: "de, du, d, chez",
        organizations: """
            support, service client, service clientele, equipe, votre equipe, service, societe, entreprise, \
            assistance, service technique, service apres vente, sav, comptabilite, facturation
            """,
        qualifiables: "assistant, assistante",
        comparisons: """
            mieux que, pire que, plus rapide que, plus simple que, plus facile que, plus agreable que, plutot que, \
            plutot qu, au lieu de, par rapport a
            """,
        knownWords: """
            analystes, argent, argente, argentin, assistait, assistantes, assistee, assistons, avent, aviser, bosco, \
            came, caser, cham, collaborative, collage, college, colleges, communiquee, communiste, concluent, \
            connecte, connectee, conseille, conseillee, consent, consenti, consequent, consequente, constant, \
            constants, consulat, consulte, consulter, consultes, contester, contracter, coulent, demandee, \
            dependante, derivee, deriver, discutee, emploie, exigee, gamme, gene, genre, gomme, heller, karen, \
            lever, liber, lievre, manger, menager, menagers, moche, operatoire, orateur, orateurs, parer, parier, \
            parker, passage, perdons, perir, persan, personnels, persos, peuple, pisser, preferee, preferees, \
            preferer, prefererais, preferes, preter, reclamee, rediger, reference, reich, relire, representants, \
            representatifs, reviser, roue, rouge, sache, seche, sentie, sentier, serbe, serge, seve, souhaitais, \
            souhaitee, specialises, specialistes, specialites, stuff, suce, superieur, supervise, superviser, volvo, \
            voudras, voulions
            """
    )

    static let spanish = Self(
        code: "es",
        people: """
            persona, humano, ser humano, agente, asesor, asesora, operador, operadora, representante, \
            ejecutivo, ejecutiva, empleado, empleada, encargado, encargada, supervisor, supervisora, gerente, \
            responsable, tecnico, tecnica, atencion al cliente, servicio al cliente, servicio de atencion al cliente, \
            persona real, persona de verdad, humano real, alguien real, alguien de verdad, soporte humano, \
            atencion humana, miembro del equipo, trabajador, trabajadora, humanos, persona fisica, especialista, \
            colega, companero, companera, miembro del personal, miembro de su equipo
            """,
        peoplePlural: """
            personas, agentes, operadores, asesores, empleados, representantes, ejecutivos, gente, colegas, \
            companeros, tecnicos, especialistas, supervisores, humanos
            """,
        somebody: "alguien, alguno de ustedes, alguno de vosotros, uno de ustedes",
        nobody: "nadie, ninguno, ninguna persona, ningun humano, ningun agente",
        bots: """
            bot, bots, robot, robots, chatbot, maquina, maquinas, ia, inteligencia artificial, computadora, \
            ordenador, programa, asistente virtual, contestadora, respuesta automatica, automata, agente virtual
            """,
        talkVerbs: """
            hablar, charlar, platicar, conversar, chatear, comunicarme, comunicar, contactar, contactarme, ponerme \
            en contacto, ponerme con, ponme con, pongame con, pasame con, paseme con, pasarme con, pasame, paseme, \
            pasar, pasarme, me pasas, me pasa, me pase, me comunica, me comunicas, comuniqueme, comunicame, \
            transferir, transferirme, transfiereme, transfierame, me transfieres, me transfiera, conectar, \
            conectarme, conectame, conecteme, me conectas, me conecte, atienda, atiende, atender, atenderme, me \
            atienda, tratar con, derivar, derivarme, derivame, deriveme, redirigir, redirigirme, escribir con, ser \
            atendido, ser atendida, transfiere, transfiera, comunica, conecta, poner en contacto, me pone en \
            contacto, me pones en contacto, ponme en contacto, pongame en contacto
            """,
        wantVerbs: """
            quiero, quisiera, queremos, necesito, necesitamos, me gustaria, deseo, desearia, pido, solicito, \
            exijo, dame, deme, denme, consigueme, puedo, podria, se puede, busco, prefiero, me pueden, \
            me puede, me podria, me podrias, puedes, ayudarme, quiero que, queria, preferiria
            """,
        transferAlone: """
            transfiereme, transfierame, comuniqueme, comunicame, pasame, paseme, conecteme, conectame, \
            me pasas, me transfieres, derivame, deriveme, me comunicas, me transfiera
            """,
        strongPhrases: """
            con quien puedo hablar, con quien hablo, con quien me comunico, con quien me puedo comunicar, a quien \
            puedo contactar
            """,
        glue: """
            un, una, uno, el, la, los, las, del, que, algun, alguna, su, sus, vuestro, vuestra, uno de sus, \
            una de sus, alguno de sus, directamente, ya, ahora, por favor, porfa, ahora mismo, otro, otra, \
            ayuda, la ayuda, por telefono, usted, ustedes, poder, ya mismo, de una vez, solo, \
            urgente, tu, \
            tambien
            """,
        linkers: "con, a, al, me, de, por, para",
        realAdjectives: "real, reales, verdadero, verdadera, humano, humana, de verdad, de carne y hueso, vivo, viva",
        auxiliaries: "quiero, puedo, voy, vas, va, me, que, hay, tengo, se, yo, esta, estan, es",
        negations: """
            no, nunca, jamas, sin, no hace falta, no es necesario, no necesito, tampoco, ni, harto de, \
            harta de, cansado de, cansada de, tengo que, hace falta, es necesario
            """,
        negativeDeterminers: "ningun, ninguna, ninguno",
        raisingNegations: "no creo, no pienso",
        aboutBot: """
            eres, eres tu, tu eres, es usted, usted es, estoy hablando, estoy chateando, hablo con, \
            estoy conversando, es esto, esto es, es un, es una, soy, sos, vos sos, sos un, \
            estoy tratando con, me atiende un, me atiende una, me responde un, me responde una
            """,
        aboutBotGlue: """
            un, una, con, el, la, real, de verdad, verdadero, verdadera, solo, o, acaso, en realidad, realmente, de \
            carne y hueso
            """,
        existential: """
            no hay, donde esta, donde estan, tienen, tienes, existe, hay algun, \
            hay alguna, hay un, hay una, tienen algun, no tienen
            """,
        existentialInQuestion: "hay",
        presence: "ahi, aqui, alli, disponible, en linea, conectado, conectada, despierto",
        modals: "puede, podria, pueden, puedes, podrias",
        helpVerbs: "ayudar, ayudarme, atender, atenderme, me ayude, ayude, me atienda",
        callbackVerbs: "llamarme, me llame, me llama, devolverme la llamada, contactarme",
        otherSenses: """
            recursos humanos, error humano, errores humanos, derechos humanos, cuerpo humano, por persona, \
            en persona, cada persona, persona juridica, mi operador, mi operadora, operador movil, operadora movil, \
            operador de telefonia, operadora de telefonia, operador telefonico, compania telefonica, \
            agente de viajes, agente inmobiliario, agente de seguros, agente de bienes raices, \
            agente de policia, agente secreto, agente de aduanas, agente de ia, agente virtual, mi agente, \
            mis empleados, nuestros empleados
            """,
        notAPersonBefore: "cuantos, cuantas, nuevos, nuevas, varios, varias, cada, mas",
        notAPersonAfter: """
            virtual, virtuales, ia, inmobiliario, licencia, licencias, cuenta, cuentas, rol, acceso, limite, plaza, \
            plazas, asiento, asientos, error, adicional, adicionales, extra
            """,
        elseWords: "mas",
        contrast: "sino, pero, sino con, mejor, en vez, en lugar",
        why: "por que, porque, pq, xq",
        fillers: """
            por favor, porfa, porfavor, xfa, pf, ya, ahora, ahora mismo, urgente, hola, oye, ok, vale, gracias, \
            solo, stop, basta, ayuda, de una vez, rapido, inmediatamente, ya mismo, si, buenas, bueno
            """,
        objects: "mi caso, mi consulta, esto, eso, mi reclamo",
        discussVerbs: "discutir, tratar, tratarlo, hablarlo, hablar, charlar, platicar, conversar, revisar",
        topics: "de, sobre, acerca de, respecto a, respecto de",
        takeOverVerbs: "encargarse, hacerse cargo, se encargue, se haga cargo, tomar el relevo, encargarse de esto",
        origins: "de, del",
        organizations: """
            soporte, equipo, su equipo, servicio tecnico, atencion al cliente, servicio al cliente, empresa, \
            departamento, personal, facturacion, ventas
            """,
        qualifiables: "asistente, asistentes",
        comparisons: "mejor que, peor que, mas rapido que, mas facil que, mas comodo que, en vez de, en lugar de",
        knownWords: """
            analisis, asiente, ayudame, ayudarle, belen, bosco, cama, came, causar, cerdo, cero, chale, chapa, \
            chido, circo, colaborar, colera, coleta, collage, college, companeras, compara, comparo, comuneros, \
            comunicarse, comunicarte, comunique, conectarse, conector, confesar, consiente, consigue, consular, \
            consulares, consultada, consultar, consultas, consulte, consultoria, consultorios, contame, contarme, \
            contestar, contrastar, contratar, dedicarme, denle, dialogar, discurre, discuten, ejecuta, ejecutada, \
            ejecutado, ejecutados, ejecutivas, ejecuto, empleadas, empleadores, empleos, encarga, encargaba, \
            encargara, encargo, encarnado, encerrada, encerrado, especializa, fallar, funcionado, funcionara, gene, \
            humanas, interlocutor, karen, liber, liebre, necesitados, necesitaremos, necesitas, operada, operadoras, \
            operados, oradores, orientar, parker, parsons, parten, pasaje, pasare, pasarle, pasea, pasear, pedo, \
            perdon, perdona, perdonas, perdone, perdonen, perdones, peron, pesame, pesar, pisar, podia, podra, \
            posar, poseo, poso, precio, precios, precioso, preferia, preferida, preferido, prefirio, pretendio, \
            prever, pudo, puedas, quedemos, quedo, queramos, querria, quieto, reich, representativas, \
            representativos, requiere, rouge, sentirse, sentirte, sere, serge, sirve, socialista, superior, \
            superiores, supervisa, supervisar, tecnicas, trabajar, trabajara, tragar, trazar, unan, volvo
            """
    )

    static let portuguese = Self(
        code: "pt",
        people: """
            atendente, atendentes, humano, humanos, ser humano, pessoa, pessoa real, pessoa de verdade, \
            agente, operador, operadora, consultor, consultora, representante, funcionario, funcionaria, \
            colaborador, colaboradora, supervisor, supervisora, gerente, responsavel, tecnico, tecnica, \
            atendimento humano, atendimento humanizado, suporte humano, sac, central de atendimento, \
            atendimento, alguem real, alguem de verdade, especialista, analista, atendente humano, \
            colega, membro da equipe, membro da equipa
            """,
        peoplePlural: """
            pessoas, agentes, operadores, consultores, funcionarios, gente, colaboradores, colegas, especialistas, \
            tecnicos, representantes, analistas, humanos, atendentes
            """,
        somebody: "alguem, algum de voces, um de voces, alguem da equipe",
        nobody: "ninguem, nenhum humano, nenhuma pessoa, nenhum atendente",
        bots: """
            bot, bots, robo, robos, robozinho, chatbot, maquina, ia, inteligencia artificial, computador, \
            programa, assistente virtual, atendimento automatico, resposta automatica, mensagem automatica, \
            atendente virtual, atendimento virtual
            """,
        talkVerbs: """
            falar, conversar, bater papo, me comunicar, comunicar, contatar, contactar, entrar em contato, me passa, \
            me passe, me passar, passar, me transfere, me transfira, me transferir, transferir, me conecta, me \
            conecte, conectar, me coloca em contato, me coloque em contato, me encaminha, me encaminhe, encaminhar, \
            me direciona, me direcione, direcionar, ser atendido, ser atendida, me atende, me atenda, atender, \
            tratar com, chamar, chama, chame, falar com, transfere, transfira, encaminha, encaminhe, passa, conecta, \
            conecte, colocar em contato, me colocar em contato, me por em contato, ser colocado em contato, ser \
            colocada em contato, ser transferido, ser transferida, ser encaminhado, ser encaminhada
            """,
        wantVerbs: """
            quero, queria, gostaria, preciso, precisava, posso, poderia, desejo, exijo, me da, me de, \
            me arranja, solicito, peco, pedir, quero que, busco, prefiro, tem como, da pra, da para, \
            me ajudar, me arruma
            """,
        transferAlone: """
            me transfere, me transfira, me passa, me passe, me encaminha, me encaminhe, me conecta, me conecte
            """,
        strongPhrases: "com quem posso falar, com quem eu falo, com quem falo, com quem eu posso falar",
        glue: """
            um, uma, o, os, as, do, da, que, algum, alguma, seu, sua, um dos seus, uma das suas, \
            diretamente, logo, ja, agora, por favor, em contato, contato, outro, outra, ajuda, a ajuda, \
            eu, urgente, pelo telefone, por telefone, so, voces, vcs, voce, vc, \
            dos, das, vosso, vossa, vossos, vossas, seus, suas, um dos, uma das, tambem
            """,
        linkers: "com, a, ao, me, de, pra, para, por, em contato com",
        realAdjectives: "real, reais, de verdade, verdadeiro, verdadeira, humano, humana, de carne e osso",
        auxiliaries: "quero, posso, vou, vai, me, que, eu, tenho, precisa, preciso, esta, estao",
        negations: """
            nao, nao precisa, nao preciso, nao e necessario, nunca, jamais, sem, nem, cansado de, \
            cansada de, nao aguento mais, tenho que, preciso mesmo, e necessario
            """,
        negativeDeterminers: "nenhum, nenhuma",
        raisingNegations: "nao acho, acho que nao",
        aboutBot: """
            voce e, vc e, voce eh, vc eh, tu e, tu es, e voce, e vc, e um, e uma, eh um, eh uma, isso e, \
            isto e, estou falando, to falando, tou falando, falo com, estou conversando, sou, e robo, e bot, \
            e humano, e real, e uma pessoa, e um humano, estou sendo atendido, estou sendo atendida
            """,
        aboutBotGlue: "um, uma, com, o, a, real, de verdade, mesmo, so, ou, apenas, realmente, por",
        existential: """
            nao tem, cade, onde esta, onde tem, voces tem, vcs tem, existe, tem algum, \
            tem alguma, tem um, tem uma, tem como
            """,
        existentialInQuestion: "tem, ha",
        presence: "ai, aqui, ali, disponivel, online, on line",
        modals: "pode, poderia, podem",
        helpVerbs: "ajudar, me ajudar, atender, me atender",
        callbackVerbs: "me ligar, ligar, me liga, me ligue, retornar, me retornar",
        otherSenses: """
            recursos humanos, erro humano, direitos humanos, corpo humano, por pessoa, cada pessoa, \
            pessoa juridica, pessoa fisica, minha operadora, meu operador, sua operadora, operadora de celular, \
            operadora de telefonia, operadora do cartao, operadora de cartao, operadora movel, \
            operadora de internet, operadora de saude, operadora do plano, agente de viagens, agente de viagem, \
            agente imobiliario, agente de seguros, agente de ia, agente virtual, atendente virtual, \
            atendimento virtual, atendimento automatico, meus funcionarios, nossos funcionarios, alguem mais
            """,
        notAPersonBefore: "quantos, quantas, novos, novas, varios, varias, cada, mais",
        notAPersonAfter: """
            virtual, virtuais, ia, licenca, licencas, conta, contas, acesso, limite, vaga, vagas, erro, adicional, \
            adicionais, extra, automatico
            """,
        elseWords: "mais",
        contrast: "mas, e sim, mas sim, em vez, ao inves",
        why: "por que, porque, pq, por qual motivo",
        fillers: """
            por favor, pf, pfv, pfvr, agora, ja, agora mesmo, urgente, oi, ola, ok, obrigado, obrigada, so, \
            pelo amor de deus, socorro, rapido, ajuda, sim, bom dia, boa tarde, boa noite
            """,
        objects: "isso, meu caso, meu chamado, minha solicitacao",
        discussVerbs: "discutir, tratar, falar, conversar, resolver",
        topics: "de, sobre, a respeito de",
        takeOverVerbs: "assumir, assume, assuma, assumir o atendimento",
        origins: "da, do, de",
        organizations: "suporte, equipe, equipa, atendimento, sac, empresa, departamento, setor, financeiro, loja",
        qualifiables: "assistente, assistentes",
        comparisons: """
            melhor que, melhor do que, pior que, pior do que, mais rapido que, mais rapido do que, mais facil que, \
            mais facil do que, em vez de, ao inves de
            """,
        knownWords: """
            analisa, analises, assente, atendem, basco, bosco, cama, came, causar, cervo, chale, chapa, chiado, \
            circo, colaboracoes, colaborar, colera, coleta, college, compara, comunidade, comunique, condutor, \
            condutores, conseguem, consequente, consultada, consultar, consultas, consulte, consultoria, contestar, \
            contratar, conversor, dependente, dialogar, elder, elmer, encarada, encarado, encargo, encarnado, \
            encarregada, encarregado, encerrada, encerrado, executiva, executivo, executivos, exibe, falir, \
            funcionado, funcionais, funcionara, gene, helder, heller, humanas, interage, interlocutor, karen, lute, \
            necessitamos, necessito, operacoes, operada, operadoras, operados, oradores, orientar, parker, parsons, \
            passas, passear, passo, pesar, pisar, podera, podia, posar, possa, precioso, precisao, precisara, \
            preferia, preferida, preferido, prever, queira, quieto, redigir, reference, reich, representativas, \
            representativos, revisor, rouge, rute, serge, socialista, stuff, superior, superiores, taking, tecnicas, \
            traseira, trator, umas, volvo
            """
    )

    static let italian = Self(
        code: "it",
        people: """
            operatore, operatrice, persona, persona vera, persona reale, vera persona, umano, essere umano, \
            agente, consulente, assistente umano, addetto, addetta, impiegato, impiegata, responsabile, \
            tecnico, servizio clienti, assistenza clienti, customer care, supervisore, dipendente, \
            specialista, collega, referente, umani, operatore umano, \
            collaboratore, collaboratrice, membro del team, membro dello staff
            """,
        peoplePlural: """
            persone, operatori, agenti, consulenti, dipendenti, gente, colleghi, addetti, tecnici, specialisti, \
            collaboratori, umani
            """,
        somebody: "qualcuno, uno di voi, qualcuno di voi",
        nobody: "nessuno, nessun operatore, nessuna persona, nessun umano",
        bots: """
            bot, robot, chatbot, macchina, ia, intelligenza artificiale, computer, programma, \
            assistente virtuale, risponditore automatico, risposta automatica, operatore virtuale, \
            agente virtuale
            """,
        talkVerbs: """
            parlare, chattare, comunicare, contattare, mettermi in contatto, mettere in contatto, mi metta in \
            contatto, mi metti in contatto, mi passi, mi passa, mi passate, passami, passatemi, passare, mi puoi \
            passare, trasferire, trasferirmi, trasferiscimi, mi trasferisca, mi trasferisci, collegare, collegarmi, \
            collegami, mi colleghi, interagire, sentire, avere a che fare, parlarci, essere messo in contatto, \
            essere messa in contatto, essere messi in contatto, essere trasferito, essere trasferita, essere \
            passato, essere passata, essere collegato, essere collegata
            """,
        wantVerbs: """
            voglio, vorrei, vogliamo, ho bisogno, bisogno, mi serve, serve, desidero, desidererei, chiedo, \
            pretendo, mi dia, mi dai, dammi, datemi, posso, potrei, si puo, cerco, preferirei, preferisco, \
            mi piacerebbe, aiutarmi, volevo, \
            trovami, trovatemi, mi trovi
            """,
        transferAlone: """
            passami, trasferiscimi, collegami, mi passi, mi trasferisca, mi colleghi, passatemi, mi trasferisci
            """,
        strongPhrases: """
            con chi posso parlare, con chi parlo, a chi mi posso rivolgere, a chi posso rivolgermi, con chi devo \
            parlare
            """,
        glue: """
            un, una, uno, il, lo, la, l, i, gli, le, del, della, dello, dell, che, qualche, vostro, vostra, \
            vostri, uno dei vostri, una delle vostre, direttamente, subito, ora, adesso, per favore, \
            in contatto, un altro, altro, altra, aiuto, l aiuto, per piacere, finalmente, al telefono, \
            per telefono, davvero, solo, \
            anche
            """,
        linkers: "con, a, al, alla, allo, ad, mi, di, in contatto con, col",
        realAdjectives: "vero, vera, veri, vere, reale, reali, umano, umana, in carne e ossa, in carne ed ossa",
        auxiliaries: "voglio, posso, vorrei, devo, mi, che, ho, io, e, sono",
        negations: """
            non, mai, senza, non serve, non c e bisogno, non e necessario, non ho bisogno, stanco di, stanca di, \
            devo, bisogna, e necessario
            """,
        negativeDeterminers: "nessun, nessuna",
        raisingNegations: "non credo, non penso",
        aboutBot: """
            sei, tu sei, sei tu, lei e, e lei, e un, e una, sto parlando, sto chattando, sto scrivendo, \
            parlo con, questo e, si tratta di, sono, e umano, e un bot, e una persona, mi risponde un, \
            mi risponde una, mi sta rispondendo
            """,
        aboutBotGlue: """
            un, una, uno, con, il, la, vero, vera, davvero, per caso, solo, o, oppure, reale, in realta, forse
            """,
        existential: """
            c e un, c e una, ci sono, dove sono, dov e, avete, non c e, esiste, non ce, c e per caso
            """,
        existentialInQuestion: "c e, ce",
        presence: "li, qui, in linea, disponibile, online, presente, dall altra parte",
        modals: "puo, potrebbe, possono",
        helpVerbs: "aiutare, aiutarmi, mi aiuti, assistermi, assistere",
        callbackVerbs: "richiamarmi, chiamarmi, mi chiami, mi richiami, ricontattarmi",
        otherSenses: """
            errore umano, diritti umani, corpo umano, per persona, a persona, ogni persona, persona giuridica, \
            persona fisica, mio operatore, il mio operatore, operatore telefonico, operatore di rete, \
            operatore mobile, operatore di telefonia, cambiare operatore, agente di viaggio, agente di viaggi, \
            agente immobiliare, agente assicurativo, agente di commercio, qualcun altro, qualcuno altro, \
            miei dipendenti, nostri dipendenti, risorse umane
            """,
        notAPersonBefore: "quanti, quante, nuovi, nuove, piu, altri, vari, ogni",
        notAPersonAfter: """
            virtuale, virtuali, ia, licenza, licenze, account, accesso, limite, posti, posto, errore, aggiuntivo, \
            aggiuntivi, extra
            """,
        elseWords: "altro",
        contrast: "ma, bensi, piuttosto, invece, ma con",
        why: "perche, come mai",
        fillers: """
            per favore, per piacere, perfavore, pf, grazie, ora, adesso, subito, ciao, salve, ok, basta, solo, \
            aiuto, urgente, si, presto, immediatamente, dai, buongiorno, buonasera
            """,
        objects: "la mia pratica, il mio caso, questo, la mia richiesta",
        discussVerbs: "discutere, discuterne, parlarne, parlare, chiarire",
        topics: "di, su, riguardo, riguardo a, circa",
        takeOverVerbs: "subentrare, prendere in carico, occuparsene, occuparsi, prendere il controllo",
        origins: "del, della, dello, dell, di, dal, dallo, dalla, da",
        organizations: """
            supporto, assistenza, team, staff, squadra, azienda, servizio clienti, ufficio, reparto, \
            assistenza clienti
            """,
        qualifiables: "assistente, assistenti",
        comparisons: """
            meglio che, meglio di, peggio di, peggio che, piu veloce che, piu facile che, piuttosto che, invece di, \
            anziche
            """,
        knownWords: """
            aiutami, aiutarli, argenti, assente, assistiti, attendere, avente, aventi, aziende, belen, bosco, buco, \
            ceco, cero, cervo, chievo, chiodo, chiudo, circo, colera, collaborare, collage, collare, collegarsi, \
            collegate, collegati, college, colleghe, collegi, collera, collinare, cominciare, comunicate, consente, \
            constant, consulenze, contatore, contattate, contrattare, derivare, derivate, desiderio, desio, \
            dialogare, dimmi, dipendenze, dipendere, ditemi, domande, drammi, esecutiva, esecutivo, esige, \
            funzionario, gemme, gene, gomme, impegnata, impegnato, impiega, impiegano, impiego, karen, liber, \
            operare, operate, operati, operative, oratore, oratori, parare, parer, parker, parlaci, parlar, \
            parlarsi, parlarvi, parlate, parsons, passai, passati, passo, perdona, possa, poteri, potrai, preferita, \
            preferiti, preferivo, quieto, rappresentante, rappresentative, reference, referenze, reich, rouge, \
            ruote, sentite, sentore, sere, simeone, socialista, socialisti, specialita, superior, superiore, \
            trasferi, trasferirsi, trasferirti, trasferite, trasferiti, trasferte, trovai, trovarmi, trovati, \
            vaglio, verrei, vogliano, volvo, vorrai
            """
    )

    static let dutch = Self(
        code: "nl",
        verbFinal: true,
        people: """
            medewerker, medewerkster, mens, echt mens, echte mens, persoon, echte persoon, echt persoon, \
            agent, operator, vertegenwoordiger, klantenservice, klantendienst, klantenservicemedewerker, \
            servicemedewerker, adviseur, consulent, supervisor, leidinggevende, manager, menselijke medewerker, \
            helpdesk, levend persoon, collega, contactpersoon, behandelaar, servicedesk, support team, \
            teamlid, lid van het team
            """,
        peoplePlural: """
            mensen, medewerkers, personen, agenten, collega s, collegas, medewerkers, adviseurs, specialisten
            """,
        somebody: "iemand, een van jullie, iemand van jullie",
        nobody: "niemand",
        bots: """
            bot, bots, robot, chatbot, computer, machine, ai, kunstmatige intelligentie, programma, \
            virtuele assistent, automaat, digitale assistent, virtuele medewerker, digitale medewerker
            """,
        talkVerbs: """
            spreken, praten, chatten, bellen, contact opnemen, in contact, contact met, verbinden, \
            doorverbinden, doorverbonden, verbind me door, verbind mij door, verbindt u mij door, \
            zet me door, zet mij door, doorzetten, doorgezet, doorschakelen, schakel me door, bereiken, \
            spreek graag, spreek ik graag, te woord staan, te spreken, te praten, \
            in contact brengen, in contact komen
            """,
        wantVerbs: """
            wil, wil graag, willen, zou graag, zou ik, graag, kan ik, kun je, kunt u, mag ik, nodig, \
            geef me, geef mij, ik zoek, zoek, vraag om, ik vraag om, eis, liever, zou ik graag, wil ik, \
            haal, haal even, haal me
            """,
        transferAlone: """
            verbind me door, verbind mij door, verbindt u mij door, zet me door, zet mij door, schakel me door, \
            mij doorverbinden, me doorverbinden, mij even doorverbinden, me even doorverbinden, \
            mij doorzetten, me doorzetten
            """,
        strongPhrases: """
            met wie kan ik praten, met wie kan ik spreken, met wie moet ik praten, met wie moet ik spreken, bij wie \
            kan ik terecht
            """,
        glue: """
            een, de, het, n, jullie, uw, graag, even, gewoon, alstublieft, alsjeblieft, nu, direct, meteen, \
            aan de lijn, een van jullie, andere, ander, hulp, door, te, telefonisch, eens, nou, echt, \
            liefst, het liefst, \
            ook, u, eigenlijk
            """,
        linkers: "met, me, mij, van, aan, door met, ons, naar, bij",
        realAdjectives: "echte, echt, menselijke, levende, van vlees en bloed, werkelijke",
        auxiliaries: "ik, wil, kan, moet, zou, wordt, worden, te, we, graag, is, zijn",
        negations: "niet, nooit, zonder, niet nodig, hoeft niet, hoef niet, geen behoefte, moet ik, geen zin",
        negativeDeterminers: "geen",
        raisingNegations: "denk niet, denk ik niet",
        aboutBot: """
            ben je, ben jij, bent u, ben ik, praat ik, spreek ik, chat ik, is dit, is dat, je bent, jij bent, \
            u bent, ik ben, is het, ben ik aan het praten, ben ik aan het chatten
            """,
        aboutBotGlue: "een, n, echte, echt, echt een, met, of, nou, eigenlijk, wel, aan het, soms, gewoon, nu, hier",
        existential: """
            is er, zijn er, is daar, waar is, waar zijn, heeft u, hebben jullie, hebt u, is er nog, is hier, \
            is er niet, zijn er geen
            """,
        presence: "daar, hier, online, beschikbaar, aanwezig, aan de lijn",
        modals: "kan, kunnen, zou, kunt",
        helpVerbs: "helpen, verder helpen, assisteren",
        callbackVerbs: "terugbellen, bellen, mij bellen, me bellen, mij terugbellen, me terugbellen",
        otherSenses: """
            per persoon, elke persoon, rechtspersoon, reisagent, verzekeringsagent, mijn medewerkers, \
            onze medewerkers, mijn medewerker, onze medewerker, mijn team, ons team, mijn manager, \
            mijn agent, mijn provider
            """,
        notAPersonBefore: "meer, extra, nieuwe, nieuw, hoeveel, virtuele, digitale, elke, per",
        notAPersonAfter: """
            account, accounts, licentie, licenties, toegang, rol, rechten, limiet, plekken, plaatsen, fout
            """,
        elseWords: "anders",
        contrast: "maar, maar met, liever, in plaats",
        why: "waarom, hoezo",
        relatives: "die, dat, wie",
        fillers: """
            alsjeblieft, alstublieft, aub, graag, nu, nou, direct, meteen, hallo, hoi, hey, ok, oke, even, \
            gewoon, stop, help, dank, bedankt, dringend, snel, nu meteen, ja, goedendag, dag, \
            erbij
            """,
        objects: "dit, het, mijn vraag, mijn zaak",
        discussVerbs: "bespreken, overleggen, spreken, praten",
        topics: "voor, over, om, met betrekking tot, ivm",
        takeOverVerbs: "overnemen, het overnemen, dit overnemen, overneemt",
        origins: "van, bij, uit",
        organizations: "support, klantenservice, klantendienst, helpdesk, servicedesk, team, bedrijf, afdeling",
        qualifiables: "assistent, assistente",
        comparisons: """
            beter dan, sneller dan, makkelijker dan, liever dan, leuker dan, fijner dan, meer dan, in plaats van
            """,
        separableStems: """
            zet me, zet mij, zet u mij, verbind me, verbind mij, verbindt u mij, verbind u mij, schakel me, \
            schakel mij, stuur me, stuur mij
            """,
        separableParticles: "door",
        humanNouns: """
            mens, mensen, echt mens, echte mens, echte persoon, echt persoon, levend persoon, menselijke medewerker
            """,
        knownWords: """
            adviseer, assistentie, ballen, beilen, beperken, bereken, bespelen, bespraken, besproken, betreuren, \
            billen, bollen, bosco, chaam, collaboratie, collage, college, colleges, communicatie, consequent, \
            constant, consult, consument, contract, doorgeeft, gene, genre, gentse, helder, heller, humaan, karen, \
            klagen, kleren, lekte, leuze, lever, leyte, machten, menen, operatie, operaties, overleven, paar, \
            parker, parsons, passage, persen, persoons, podia, raden, redden, referentie, representatieve, roden, \
            rouge, schreven, serge, socialist, socialisten, specialiseren, spek, sprak, spraken, spreuken, staf, \
            stuff, superieur, superior, supervisie, technici, telefoneren, verbanden, verbieden, verboden, \
            verbonden, verlagen, verlangde, verlaten, verlegen, verleggen, verlenen, verlengen, vervangen, volvo, \
            wallen, wolken
            """
    )
}

// MARK: - Compiled tables

extension HumanRequestDetector {
    /// Word ids shared by all languages, and each language's roles indexed by id.
    struct Lexicon: Sendable {
        static let shared = Lexicon(tables: LanguageTable.all)

        let ids: [String: Int32]
        let numberID: Int32
        let languages: [CompiledLanguage]
        let fuzzy: FuzzyIndex

        init(tables: [LanguageTable]) {
            var ids: [String: Int32] = [:]
            func id(_ word: String) -> Int32 {
                if let existing = ids[word] { return existing }
                let new = Int32(ids.count)
                ids[word] = new
                return new
            }
            let numberID = id("#number")

            var drafts: [(table: LanguageTable, roles: [Int32: WordRole], phrases: [Int32: [Phrase]])] = []
            for table in tables {
                var roles: [Int32: WordRole] = [numberID: .notAPersonBefore]
                var phrases: [Int32: [Phrase]] = [:]
                for (role, list) in table.entries {
                    for entry in list.split(separator: ",") {
                        let words = Tokenizer.words(of: String(entry))
                        guard !words.isEmpty else { continue }
                        let parts = words.map(id)
                        let wordID = parts.count == 1 ? parts[0] : id(words.joined(separator: " "))
                        roles[wordID, default: []].formUnion(role)
                        if parts.count > 1, !(phrases[parts[0]]?.contains { $0.id == wordID } ?? false) {
                            phrases[parts[0], default: []].append(Phrase(parts: parts, id: wordID))
                        }
                    }
                }
                drafts.append((table, roles, phrases))
            }

            // Single words that name a person or ask for one, in any language, for spelling correction.
            var keys: [(text: String, id: Int32)] = []
            var seen = Set<Int32>()
            let words = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
            for draft in drafts {
                for (wordID, role) in draft.roles.sorted(by: { $0.key < $1.key })
                where role.has(.fuzzyKey) && !seen.contains(wordID) {
                    guard let text = words[wordID], !text.contains(" ") else { continue }
                    seen.insert(wordID)
                    keys.append((text, wordID))
                }
            }
            self.fuzzy = FuzzyIndex(keys)

            self.ids = ids
            self.numberID = numberID
            self.languages = drafts.map { draft in
                var roles = [WordRole](repeating: [], count: ids.count)
                for (wordID, role) in draft.roles { roles[Int(wordID)] = role }
                let phrases = draft.phrases.mapValues { $0.sorted { $0.parts.count > $1.parts.count } }
                return CompiledLanguage(
                    code: draft.table.code, verbFinal: draft.table.verbFinal, roles: roles, phrases: phrases)
            }
        }
    }

    struct Phrase: Sendable {
        let parts: [Int32]
        let id: Int32
    }

    /// Misspellings of the person and request words: "humna" → "human", "reprsentative" →
    /// "representative", "kiero ablar" → "quiero hablar".
    ///
    /// Bounded Damerau–Levenshtein distance (adjacent transpositions count once), weighted as
    /// typing errors are made (see `distance`), over a light spelling skeleton that forgives what
    /// chat spelling drops or swaps in these languages: a silent leading "h" and "qu" written "k".
    /// Key words of 5 to 8 letters allow one edit, longer ones two; shorter words ("talk", "want")
    /// are never corrected. The first and last letters must agree (a swap of the last two is a
    /// typo too: inflections change endings, typos rarely do), and only words that are in no
    /// table are corrected. Real words that still come within reach of a key word ("college",
    /// "superior", "argent") are listed in each language's `knownWords`, so they are never
    /// corrected: the common words (about one in a million or more in that language's usage)
    /// found within reach of a key word by checking word-frequency lists against this index.
    struct FuzzyIndex: Sendable {
        struct Key: Sendable {
            let skeleton: [UInt8]
            let letters: UInt32  // which letters it has, to rule most words out before measuring
            let maxDistance: Int
            let id: Int32
        }

        /// Keys by the first letter of their skeleton.
        private let buckets: [[Key]]

        static let minimumKeyLength = 5
        static let minimumWordLength = 4

        init(_ words: [(text: String, id: Int32)]) {
            var buckets = [[Key]](repeating: [], count: 26)
            for (text, id) in words {
                let length = text.utf8.count
                guard length >= Self.minimumKeyLength, let skeleton = Self.skeleton(text) else { continue }
                let key = Key(
                    skeleton: skeleton, letters: Self.letters(of: skeleton), maxDistance: length >= 9 ? 2 : 1, id: id)
                buckets[Int(skeleton[0] - 0x61)].append(key)
            }
            self.buckets = buckets
        }

        /// The key words `word` may be a misspelling of, nearest first; empty for most words.
        func guesses(for word: String) -> [Int32] {
            let length = word.utf8.count
            guard length >= Self.minimumWordLength, length <= 40 else { return [] }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
                guard let count = Self.skeleton(word, into: buffer) else { return [] }
                let typed = UnsafeBufferPointer(rebasing: buffer[..<count])
                let letters = Self.letters(of: typed)
                var found: [(distance: Int, id: Int32)] = []
                for key in buckets[Int(typed[0] - 0x61)] where abs(key.skeleton.count - count) <= key.maxDistance {
                    // Each edit adds or removes at most one distinct letter.
                    guard (key.letters & ~letters).nonzeroBitCount <= key.maxDistance,
                        (letters & ~key.letters).nonzeroBitCount <= key.maxDistance
                    else { continue }
                    let distance = key.skeleton.withUnsafeBufferPointer { intended in
                        Self.sameEnding(typed, intended) ? Self.distance(typed, intended, limit: key.maxDistance) : .max
                    }
                    if distance <= key.maxDistance { found.append((distance, key.id)) }
                }
                if found.count > 1 { found.sort { $0.distance < $1.distance } }
                return found.map(\.id)
            }
        }

        private static func letters<C: Collection<UInt8>>(of skeleton: C) -> UInt32 {
            skeleton.reduce(0) { $0 | 1 << UInt32($1 - 0x61) }
        }

        /// Inflection and derivation change a word's ending ("speaks", "telefoniert", "humane"),
        /// typos rarely do: the last letters must agree, or be swapped ("humna").
        static func sameEnding(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let (x, y) = (a[a.count - 1], b[b.count - 1])
            if x == y { return true }
            return a.count >= 2 && b.count >= 2 && x == b[b.count - 2] && y == a[a.count - 2]
        }

        /// Lowercase ASCII letters only (the tokenizer has folded accents already), with a
        /// leading "h" dropped and "qu" written "k". Nil for anything else.
        static func skeleton(_ word: String) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: word.utf8.count)
            let count = bytes.withUnsafeMutableBufferPointer { skeleton(word, into: $0) }
            guard let count else { return nil }
            return Array(bytes[..<count])
        }

        /// Writes the skeleton of `word` into `buffer` (at least as long as the word); its length,
        /// or nil when the word has anything but letters or nothing is left.
        static func skeleton(_ word: String, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
            var count = 0
            var previous: UInt8 = 0
            for byte in word.utf8 {
                guard byte >= 0x61, byte <= 0x7A else { return nil }
                defer { previous = byte }
                if byte == 0x68, previous == 0 { continue }  // a leading "h"
                if byte == 0x75, previous == 0x71 {  // "qu" → "k"
                    buffer[count - 1] = 0x6B
                    continue
                }
                buffer[count] = byte
                count += 1
            }
            return count > 0 ? count : nil
        }

        /// Keys next to each other on QWERTY, QWERTZ or AZERTY keyboards, as bit sets by letter.
        private static let neighbors: [UInt32] = {
            var sets = [UInt32](repeating: 0, count: 26)
            func link(_ rows: [String]) {
                let grid = rows.map { Array($0.utf8) }
                for (r, row) in grid.enumerated() {
                    for (c, key) in row.enumerated() {
                        var around: [UInt8] = []
                        if c > 0 { around.append(row[c - 1]) }
                        if c + 1 < row.count { around.append(row[c + 1]) }
                        for other in [r - 1, r + 1] where other >= 0 && other < grid.count {
                            for d in [c - 1, c, c + 1] where d >= 0 && d < grid[other].count {
                                around.append(grid[other][d])
                            }
                        }
                        for near in around { sets[Int(key - 0x61)] |= 1 << UInt32(near - 0x61) }
                    }
                }
            }
            link(["qwertyuiop", "asdfghjkl", "zxcvbnm"])
            link(["qwertzuiop", "asdfghjkl", "yxcvbnm"])
            link(["azertyuiop", "qsdfghjklm", "wxcvbn"])
            return sets
        }()

        private static func adjacent(_ x: UInt8, _ y: UInt8) -> Bool {
            neighbors[Int(x - 0x61)] & (1 << UInt32(y - 0x61)) != 0
        }

        private static let vowels: UInt32 = letters(of: Array("aeiouy".utf8))

        /// A wrong letter that is a slip (neighbouring key) or a misspelt vowel ("speek", "humen").
        private static func similar(_ x: UInt8, _ y: UInt8) -> Bool {
            adjacent(x, y) || (vowels & (1 << UInt32(x - 0x61)) != 0 && vowels & (1 << UInt32(y - 0x61)) != 0)
        }

        /// A typing-error distance from the typed word `a` to the key word `b`, or `limit + 1` as soon
        /// as it must exceed `limit`: Damerau–Levenshtein (optimal string alignment) where a dropped
        /// letter or two swapped letters cost one edit, but a wrong letter costs one only when its key
        /// is next to the intended one or both are vowels, and an extra letter only when it repeats or
        /// neighbours the letter beside it; two otherwise. So "humna", "reprsentative", "speek" are one
        /// edit away, while "argent" is two from "agent" and "sneak" two from "speak".
        static func distance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
            let n = a.count, m = b.count
            guard n > 0, m > 0 else { return max(n, m) }
            if abs(n - m) > limit { return limit + 1 }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buffer in
                var before = buffer.baseAddress!
                var previous = before + (m + 1)
                var current = previous + (m + 1)
                for j in 0...m { previous[j] = j }
                for i in 1...n {
                    let typed = a[i - 1]
                    // An extra letter: a doubled or neighbouring key is a slip, anything else is not.
                    let slip =
                        (i > 1 && (a[i - 2] == typed || adjacent(a[i - 2], typed)))
                        || (i < n && (a[i] == typed || adjacent(a[i], typed)))
                    let extra = slip ? 1 : 2
                    current[0] = previous[0] + extra
                    var rowMinimum = current[0]
                    for j in 1...m {
                        let intended = b[j - 1]
                        let substitution = typed == intended ? 0 : (similar(typed, intended) ? 1 : 2)
                        var value = min(previous[j] + extra, current[j - 1] + 1, previous[j - 1] + substitution)
                        if i > 1, j > 1, typed == b[j - 2], a[i - 2] == intended {
                            value = min(value, before[j - 2] + 1)
                        }
                        current[j] = value
                        rowMinimum = min(rowMinimum, value)
                    }
                    if rowMinimum > limit { return limit + 1 }
                    (before, previous, current) = (previous, current, before)
                }
                return previous[m]
            }
        }
    }

    struct CompiledLanguage: Sendable {
        let code: String
        let verbFinal: Bool
        let roles: [WordRole]
        /// Multi-word entries by their first word, longest first.
        let phrases: [Int32: [Phrase]]
    }
}

// MARK: - Normalization

extension HumanRequestDetector {
    /// Splits a message into lowercase, diacritic-free words, remembering where each
    /// came from and which clause (split at , : – …) and sentence (split at . ! ? ;
    /// and newlines) it belongs to. Apostrophes split words, so "quelqu'un" and
    /// "don't" become "quelqu un" and "don t" (the tables list both spellings).
    enum Tokenizer {
        struct Token: Sendable {
            let id: Int32  // -1 when the word is in no table
            let range: Range<String.Index>
            let clause: Int
            let sentence: Int
            var guesses: Int32 = -1  // for an unknown word: its spelling guesses in Scan.guesses

            func with(id: Int32) -> Token {
                Token(id: id, range: range, clause: clause, sentence: sentence)
            }
        }

        struct Scan: Sendable {
            let tokens: [Token]
            let questions: [Bool]  // by sentence: did it end with "?"
            var guesses: [[Int32]] = []  // key words an unknown word may be a misspelling of
        }

        private enum Break { case none, clause, sentence }

        /// Letters with diacritics and ligatures, folded once: "é" → "e", "ß" → "ss".
        private static let folded: [UInt32: String] = {
            var table: [UInt32: String] = [:]
            let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
            for range in ranges {
                for value in range {
                    guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
                    let folded = String(Character(scalar))
                        .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
                        .lowercased()
                    table[value] = folded
                }
            }
            for (value, text) in [
                (0x00DF, "ss"), (0x1E9E, "ss"), (0x0153, "oe"), (0x0152, "oe"), (0x00E6, "ae"), (0x00C6, "ae"),
                (0x00F8, "o"), (0x00D8, "o"), (0x0142, "l"), (0x0141, "l"), (0x0111, "d"), (0x0110, "d"),
                (0x00FE, "th"), (0x00DE, "th"), (0x0131, "i"),
            ] as [(UInt32, String)] {
                table[value] = text
            }
            return table
        }()

        private static func classify(_ value: UInt32) -> Break? {
            switch value {
            case 0x2E, 0x21, 0x3F, 0x3B, 0x0A, 0x0D, 0x2026, 0x3002, 0xFF01, 0xFF1F: .sentence  // . ! ? ; newline … 。
            case 0x2C, 0x3A, 0x2013, 0x2014, 0x28, 0x29, 0x2022, 0x060C, 0xFF0C: .clause  // , : – — ( ) •
            default: nil
            }
        }

        /// The normalized words of a table entry.
        static func words(of text: String) -> [String] {
            var words: [String] = []
            var current = ""
            for scalar in text.unicodeScalars {
                if let piece = letters(scalar) {
                    current += piece
                } else if !isCombiningMark(scalar) {
                    if !current.isEmpty { words.append(current) }
                    current = ""
                }
            }
            if !current.isEmpty { words.append(current) }
            return words
        }

        static func scan(_ text: String, ids: [String: Int32], numberID: Int32, fuzzy: FuzzyIndex? = nil) -> Scan {
            var tokens: [Token] = []
            var guesses: [[Int32]] = []
            var questions: [Bool] = [false]
            var clause = 0
            var sentence = 0
            var pending = Break.none
            var current = ""
            var allDigits = true
            var start: String.Index? = nil
            var end = text.startIndex

            func flush() {
                guard let first = start else { return }
                switch pending {
                case .none: break
                case .clause: if !tokens.isEmpty { clause += 1 }
                case .sentence:
                    if !tokens.isEmpty {
                        clause += 1
                        sentence += 1
                        questions.append(false)
                    }
                }
                pending = .none
                let id = allDigits ? numberID : (ids[current] ?? -1)
                var token = Token(id: id, range: first..<end, clause: clause, sentence: sentence)
                if id < 0, let fuzzy {
                    let guessed = fuzzy.guesses(for: current)
                    if !guessed.isEmpty {
                        token.guesses = Int32(guesses.count)
                        guesses.append(guessed)
                    }
                }
                tokens.append(token)
                current = ""
                allDigits = true
                start = nil
            }

            let scalars = text.unicodeScalars
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                let next = scalars.index(after: index)
                if let piece = letters(scalar) {
                    if start == nil { start = index }
                    current += piece
                    if !(scalar.value >= 0x30 && scalar.value <= 0x39) { allDigits = false }
                    end = next
                } else if isCombiningMark(scalar) {
                    end = next
                } else {
                    flush()
                    switch classify(scalar.value) {
                    case .sentence?:
                        pending = .sentence
                        if scalar.value == 0x3F || scalar.value == 0xFF1F { questions[sentence] = true }
                    case .clause?:
                        if pending == .none { pending = .clause }
                    default: break
                    }
                }
                index = next
            }
            flush()
            return Scan(
                tokens: joiningSpelledOutWords(tokens, text: text, ids: ids), questions: questions, guesses: guesses)
        }

        /// "H U M A N" → "human". Four letters at least, so "y a-t-il" stays as it is.
        private static func joiningSpelledOutWords(_ tokens: [Token], text: String, ids: [String: Int32]) -> [Token] {
            func isLetter(_ token: Token) -> Bool {
                text.unicodeScalars.index(after: token.range.lowerBound) == token.range.upperBound
            }
            guard tokens.count >= 4 else { return tokens }
            var result: [Token] = []
            var i = 0
            while i < tokens.count {
                var j = i
                while j < tokens.count, isLetter(tokens[j]), tokens[j].clause == tokens[i].clause { j += 1 }
                if j - i >= 4 {
                    let word = tokens[i..<j].map { words(of: String(text[$0.range])).joined() }.joined()
                    result.append(Token(
                        id: ids[word] ?? -1, range: tokens[i].range.lowerBound..<tokens[j - 1].range.upperBound,
                        clause: tokens[i].clause, sentence: tokens[i].sentence))
                    i = j
                } else {
                    result.append(tokens[i])
                    i += 1
                }
            }
            return result
        }

        /// The lowercase, folded letters of one scalar, or nil for a separator.
        @inline(__always)
        private static func letters(_ scalar: Unicode.Scalar) -> String? {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39: return String(Character(scalar))
                case 0x41...0x5A: return String(Character(Unicode.Scalar(value + 0x20)!))
                default: return nil
                }
            }
            if let folded = folded[value] { return folded }
            guard scalar.properties.isAlphabetic else { return nil }
            return scalar.properties.lowercaseMapping
        }

        @inline(__always)
        private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
            (0x0300...0x036F).contains(scalar.value)
        }
    }
}

// MARK: - Matching

extension HumanRequestDetector {
    /// The words of one message in one language, with the rules run over them.
    struct Matcher {
        struct Word {
            let roles: WordRole
            let first: Int  // token indices
            let last: Int
            let clause: Int
            let sentence: Int

            func has(_ role: WordRole) -> Bool { roles.has(role) }

            func adding(_ role: WordRole) -> Word {
                Word(roles: roles.union(role), first: first, last: last, clause: clause, sentence: sentence)
            }
        }

        enum PersonCheck {
            case notAPerson
            case otherSense  // names a person word, but not someone to hand over to
            case person(Strength)
        }

        enum Strength { case strong, plural, vague, nobody }

        /// Where a person word is being looked at from.
        enum Context { case talkVerb, otherVerb, availability, alone }

        let language: CompiledLanguage
        let tokens: [Tokenizer.Token]
        let questions: [Bool]
        let words: [Word]
        private(set) var consumed: [Bool]

        static let forwardReach = 8
        static let backwardReach = 6

        /// Nil when the language has nothing to say about this message.
        init?(language: CompiledLanguage, scan: Tokenizer.Scan) {
            self.language = language
            // A misspelled word stands for the nearest key word of this language, if any.
            var tokens = scan.tokens
            for t in tokens.indices where tokens[t].guesses >= 0 {
                let guesses = scan.guesses[Int(tokens[t].guesses)]
                if let id = guesses.first(where: { language.roles[Int($0)].has(.fuzzyKey) }) {
                    tokens[t] = tokens[t].with(id: id)
                }
            }
            self.tokens = tokens
            self.questions = scan.questions
            var words: [Word] = []
            words.reserveCapacity(tokens.count)
            var relevant = false
            var t = 0
            while t < tokens.count {
                var id = tokens[t].id
                var length = 1
                if let phrase = Self.longestPhrase(at: t, in: tokens, language: language) {
                    id = phrase.id
                    length = phrase.parts.count
                }
                let token = tokens[t]
                let roles = id >= 0 ? language.roles[Int(id)] : []
                if roles.has(.trigger) { relevant = true }
                words.append(Word(roles: roles, first: t, last: t + length - 1, clause: token.clause, sentence: token.sentence))
                t += length
            }
            guard relevant else { return nil }
            Self.joinSeparableVerbs(&words)
            self.words = words
            self.consumed = Array(repeating: false, count: words.count)
            markQuestionsAboutTheBot()
        }

        /// German and Dutch split some verbs: "stellen Sie mich zu einem Menschen durch", "zet me
        /// even door naar een medewerker". A stem asks to be connected only when its particle
        /// follows in the clause; the stem then works as a transfer verb, the particle as a filler.
        private static func joinSeparableVerbs(_ words: inout [Word]) {
            for i in words.indices where words[i].has(.separableStem) {
                var j = i + 1
                while j < words.count, j - i <= forwardReach + 2, words[j].clause == words[i].clause {
                    if words[j].has(.separableParticle) {
                        words[i] = words[i].adding([.talk, .transferAlone])
                        words[j] = words[j].adding(.filler)
                        break
                    }
                    j += 1
                }
            }
        }

        /// The longest multi-word entry starting at token `t`. A phrase that names no person
        /// gives way when a person phrase starts inside it and runs past its end: "une vraie
        /// personne" keeps "vraie personne", not the about-the-bot glue "une vraie".
        private static func longestPhrase(at t: Int, in tokens: [Tokenizer.Token], language: CompiledLanguage) -> Phrase? {
            let id = tokens[t].id
            guard id >= 0, let candidates = language.phrases[id] else { return nil }
            candidates: for phrase in candidates where matches(phrase, at: t, in: tokens) {
                if language.roles[Int(phrase.id)].has(.protected) { return phrase }
                for inner in t + 1..<t + phrase.parts.count {
                    guard tokens[inner].id >= 0, let others = language.phrases[tokens[inner].id] else { continue }
                    for other in others
                    where inner + other.parts.count > t + phrase.parts.count
                        && language.roles[Int(other.id)].has(.protected) && matches(other, at: inner, in: tokens)
                    {
                        continue candidates
                    }
                }
                return phrase
            }
            return nil
        }

        private static func matches(_ phrase: Phrase, at t: Int, in tokens: [Tokenizer.Token]) -> Bool {
            guard t + phrase.parts.count <= tokens.count else { return false }
            for (offset, part) in phrase.parts.enumerated()
            where tokens[t + offset].id != part || tokens[t + offset].clause != tokens[t].clause {
                return false
            }
            return true
        }

        func find() -> Finding? {
            for i in words.indices {
                if let found = requestFrame(at: i) ?? availabilityQuestion(at: i) ?? transferAlone(at: i) ?? strongPhrase(at: i) {
                    return found
                }
            }
            return terseClause() ?? helpFromAPerson()
        }

        // MARK: Rules

        /// "talk to a human", "I want a real person", "mit einem Mitarbeiter sprechen",
        /// and the refusal "no quiero hablar con una máquina".
        private func requestFrame(at i: Int) -> Finding? {
            let cue = words[i]
            guard cue.has(.verb), !consumed[i] else { return nil }
            if let forward = scanForward(from: i) { return forward }
            if language.verbFinal, cue.has(.talk) || cue.has(.want), let backward = scanBackward(from: i) { return backward }
            return nil
        }

        private func scanForward(from i: Int) -> Finding? {
            let cue = words[i]
            if i > 0, words[i - 1].clause == cue.clause, words[i - 1].has(.notAVerbAfter) { return nil }
            if compared(before: i) { return nil }
            let negationBefore = negation(before: i)
            var negatedInside = false
            var sawContrast = false
            var talkSeen = cue.has(.talk)
            var discussSeen = cue.has(.discuss)
            var bot: (index: Int, negated: Bool)? = nil
            // A topic between the verb and the person: "discuss my refund with…", "talk about it with…",
            // or an object: "escalate my ticket to…".
            var topicWords = 0
            var inTopic = false
            var j = i + 1
            while j < words.count, j - i <= Self.forwardReach + topicWords {
                let word = words[j]
                guard word.sentence == cue.sentence, !consumed[j] else { break }
                if word.clause != words[j - 1].clause, !word.has(.contrast) { break }
                if inTopic {
                    // The topic runs until the preposition that introduces the person.
                    if word.has(.linker) {
                        inTopic = false
                    } else if topicWords < Self.maximumTopic, isTopicWord(word), discussSeen || word.has(.object) {
                        topicWords += 1
                        j += 1
                        continue
                    } else {
                        break
                    }
                }
                switch personCheck(j, context: talkSeen ? .talkVerb : .otherVerb) {
                case .otherSense: return refusal(bot, talk: talkSeen, cue: i, negationAt: negationBefore)
                case .person(.vague) where topicWords > 0: break
                case .person(let strength):
                    let negated = strength == .nobody || negatedInside || (!sawContrast && negationBefore != nil)
                    if negated { return refusal(bot, talk: talkSeen, cue: i, negationAt: negationBefore) }
                    if language.verbFinal, !trailingWordsAllowed(after: j) { return nil }
                    return Finding(kind: .request, language: language.code, range: span(i, j))
                case .notAPerson: break
                }
                if word.has(.bot) {
                    bot = (j, negatedInside || (!sawContrast && negationBefore != nil))
                } else if word.has(.contrast) {
                    negatedInside = false
                    sawContrast = true
                } else if word.has(.negation) || word.has(.negativeDeterminer) {
                    negatedInside = true
                } else if word.has(.talk) {
                    talkSeen = true
                    discussSeen = discussSeen || word.has(.discuss)
                } else if !word.has([.glue, .want, .auxiliary, .filler, .organization]) {  // "(talk to) support staff"
                    // "discuss my refund…", "talk about my order…", "hablar de mi factura…"
                    // "escalate my ticket to…", "transfer my call to…": other talk verbs take only an object.
                    guard talkSeen, discussSeen || word.has(.object), topicWords == 0, isTopicWord(word) else { break }
                    topicWords = 1
                    inTopic = true
                }
                j += 1
            }
            return refusal(bot, talk: talkSeen, cue: i, negationAt: negationBefore)
        }

        static let maximumTopic = 4

        /// A word that may belong to a topic ("my refund", "über meine Rechnung"): nothing that
        /// names a person or a bot, asks, negates or compares.
        private func isTopicWord(_ word: Word) -> Bool {
            !word.has([
                .person, .personPlural, .somebody, .nobody, .qualifiable, .bot, .talk, .want, .negation,
                .negativeDeterminer, .raisingNegation, .contrast, .comparison, .linker,
            ])
        }

        /// Verb-final languages: "(nicht) mit einem echten Menschen sprechen".
        private func scanBackward(from i: Int) -> Finding? {
            let cue = words[i]
            var negatedInside = false
            var bot: Int? = nil
            var j = i - 1
            while j >= 0, i - j <= Self.backwardReach {
                let word = words[j]
                guard word.clause == cue.clause, !consumed[j] else { break }
                switch personCheck(j, context: cue.has(.talk) ? .talkVerb : .otherVerb) {
                case .otherSense: return nil
                case .person(let strength):
                    let start = extendLeft(j)
                    let negated = strength == .nobody || negatedInside || negation(before: start) != nil
                    if negated || compared(before: start) { return nil }
                    return Finding(kind: .request, language: language.code, range: span(start, i))
                case .notAPerson: break
                }
                if word.has(.bot) {
                    bot = j
                } else if word.has(.negation) || word.has(.negativeDeterminer) {
                    negatedInside = true
                } else if !word.has([.glue, .auxiliary, .filler]) {
                    break
                }
                j -= 1
            }
            if let bot, cue.has(.talk) {
                let start = extendLeft(bot)
                if negatedInside || negation(before: start) != nil {
                    return Finding(kind: .refusedBot, language: language.code, range: span(negation(before: start) ?? start, i))
                }
            }
            return nil
        }

        /// A negated request aimed at the bot: "I don't want to talk to a bot", "ich will keinen Bot".
        private func refusal(_ bot: (index: Int, negated: Bool)?, talk: Bool, cue: Int, negationAt: Int?) -> Finding? {
            guard let bot, bot.negated else { return nil }
            guard talk || onlyFillers(after: bot.index) else { return nil }
            return Finding(kind: .refusedBot, language: language.code, range: span(negationAt ?? cue, bot.index))
        }

        /// "is there a real person?", "gibt es hier einen Menschen", "anyone there?", "¿hay alguien?"
        private func availabilityQuestion(at i: Int) -> Finding? {
            let word = words[i]
            guard !consumed[i] else { return nil }
            if word.has(.existential) || (word.has(.existentialInQuestion) && questions[word.sentence]) {
                var j = i + 1
                while j < words.count, j - i <= 6, words[j].clause == word.clause, !consumed[j] {
                    switch personCheck(j, context: .availability) {
                    case .person:
                        guard nextWordKeepsAvailability(after: j) else { return nil }
                        return Finding(kind: .availability, language: language.code, range: span(i, j))
                    case .otherSense: return nil
                    case .notAPerson: break
                    }
                    guard words[j].has([.glue, .auxiliary, .negation, .negativeDeterminer, .presence]) else { break }
                    j += 1
                }
            }
            // "anyone there?", "ist jemand da?", "un conseiller est disponible ?"
            if let there = presenceWord(after: i),
                case .person(let strength) = personCheck(i, context: .availability), strength != .plural,
                questions[word.sentence] || clauseLength(of: i) <= 4,
                i == 0 || words[i - 1].clause != word.clause || !words[i - 1].has(.negativeDeterminer)
            {
                return Finding(kind: .availability, language: language.code, range: span(i, there))
            }
            return nil
        }

        /// "there" / "da" / "disponible" right after the person, maybe past a copula ("is", "est").
        private func presenceWord(after i: Int) -> Int? {
            var k = i + 1
            while k < words.count, k - i <= 3, words[k].clause == words[i].clause {
                if words[k].has(.presence) { return k }
                // "is anyone there?", "anyone real there?"
                guard words[k].has([.auxiliary, .realAdjective]), !words[k].has([.talk, .want]) else { return nil }
                k += 1
            }
            return nil
        }

        /// "is there a human (who can help / I can talk to / available)?" asks for one;
        /// "are there humans reviewing these chats?" asks how the service works.
        private func nextWordKeepsAvailability(after j: Int) -> Bool {
            guard j + 1 < words.count, words[j + 1].clause == words[j].clause else { return true }
            return words[j + 1].has([
                .presence, .filler, .glue, .linker, .relative, .talk, .want, .auxiliary, .modal, .help, .realAdjective,
            ])
        }

        /// "transfer me", "verbinden Sie mich", "passez-moi", "escalate this please".
        private func transferAlone(at i: Int) -> Finding? {
            guard words[i].has(.transferAlone), !consumed[i], negation(before: i) == nil else { return nil }
            var last = i
            var j = i + 1
            while j < words.count, words[j].clause == words[i].clause {
                guard words[j].has([.filler, .object, .glue, .linker]), personCheck(j, context: .alone).isNotAPerson,
                    !words[j].has([.negation, .negativeDeterminer])
                else { return nil }
                last = j
                j += 1
            }
            return Finding(kind: .transfer, language: language.code, range: span(i, last))
        }

        /// "who can I talk to?", "mit wem kann ich sprechen?"
        private func strongPhrase(at i: Int) -> Finding? {
            guard words[i].has(.strongPhrase), negation(before: i) == nil else { return nil }
            return Finding(kind: .request, language: language.code, range: span(i, i))
        }

        /// A clause that is only a person and fillers: "agent", "human please", "stop, human",
        /// "un conseiller svp", "einen Mitarbeiter bitte".
        private func terseClause() -> Finding? {
            var start = 0
            while start < words.count {
                var end = start
                while end + 1 < words.count, words[end + 1].clause == words[start].clause { end += 1 }
                if let found = terse(start, end) { return found }
                start = end + 1
            }
            return nil
        }

        private func terse(_ start: Int, _ end: Int) -> Finding? {
            var hasPerson = false
            for j in start...end {
                if consumed[j] { return nil }
                switch personCheck(j, context: .alone) {
                case .person(.strong), .person(.plural): hasPerson = true; continue
                case .person, .otherSense: return nil
                case .notAPerson: break
                }
                let word = words[j]
                if word.has([.negation, .negativeDeterminer, .bot]) { return nil }
                // "someone from billing please": where the person works may be named.
                if !word.has([.filler, .glue, .origin, .organization]) { return nil }
            }
            guard hasPerson else { return nil }
            // "Mensch, das dauert!" is an exclamation, not a request.
            if start == end, words[start].has(.interjection), end + 1 < words.count,
                words[end + 1].sentence == words[start].sentence
            {
                return nil
            }
            return Finding(kind: .terse, language: language.code, range: span(start, end))
        }

        /// "can a real person help me?", "kann mir ein Mensch helfen?", "un operatore può aiutarmi?"
        private func helpFromAPerson() -> Finding? {
            for j in words.indices where !consumed[j] {
                // A named person may help; "someone" only in "can someone call me back / take over?".
                let strength: Strength
                switch personCheck(j, context: .availability) {
                case .person(.strong): strength = .strong
                case .person(.vague): strength = .vague
                default: continue
                }
                // A modal before the person ("can a human…"), through glue.
                var modalBefore: Int? = nil
                var k = j - 1
                while k >= 0, j - k <= 4, words[k].clause == words[j].clause {
                    if words[k].has(.modal) { modalBefore = k; break }
                    guard words[k].has([.glue, .linker, .realAdjective]) else { break }
                    k -= 1
                }
                // The help verb after it, maybe past a modal ("…can help me", "…peut-il m'aider").
                var modalAfter = false
                var helpAt: Int? = nil
                var negated = false
                var h = j + 1
                while h < words.count, h - j <= 6, words[h].clause == words[j].clause {
                    let word = words[h]
                    if word.has(.help) { helpAt = h; break }
                    if word.has(.modal) { modalAfter = true } else if word.has([.negation, .negativeDeterminer]) {
                        negated = true
                    } else if !word.has([
                        .glue, .linker, .auxiliary, .filler, .person, .personPlural, .origin, .organization, .object,
                        .realAdjective,
                    ]) {  // "someone from your team", "een collega van u dit (overnemen)"
                        break
                    }
                    h += 1
                }
                guard let helpAt, !negated, strength == .strong || words[helpAt].has([.callback, .takeOver]) else {
                    continue
                }
                // "can someone take over?" asks for a person; "…take over my account?" does not.
                if words[helpAt].has(.takeOver), !onlyFillersOrObjects(after: helpAt) { continue }
                let start = modalBefore ?? j
                guard modalBefore != nil || (modalAfter && questions[words[j].sentence]) else { continue }
                guard negation(before: start) == nil else { continue }
                return Finding(kind: .request, language: language.code, range: span(start, helpAt))
            }
            return nil
        }

        // MARK: Vetoes

        /// "are you human?", "am I talking to a bot?", "bist du ein Mensch?", "es-tu un robot ?":
        /// the person words in those questions are about the bot, not asked for.
        private mutating func markQuestionsAboutTheBot() {
            for i in words.indices where words[i].has(.aboutBot) {
                var j = i + 1
                while j < words.count, j - i <= 7, words[j].clause == words[i].clause {
                    let word = words[j]
                    if word.has(WordRole.anyPerson.union(.bot)) {
                        consumed[j] = true
                    } else if !word.has([.aboutBotGlue, .realAdjective]) {
                        break
                    }
                    j += 1
                }
            }
        }

        /// Whether word `j` names someone to hand over to, seen from `context`.
        private func personCheck(_ j: Int, context: Context) -> PersonCheck {
            let word = words[j]
            if word.has(.otherSense), !word.has(WordRole.anyPerson) { return .notAPerson }
            let previous = j > 0 && words[j - 1].clause == word.clause ? words[j - 1] : nil
            let next = j + 1 < words.count && words[j + 1].clause == word.clause ? words[j + 1] : nil
            // A real-person qualifier on either side: "real people", "personas reales", "echte Menschen".
            let qualified = (previous?.has(.realAdjective) ?? false) || (next?.has(.realAdjective) ?? false)
            // "a real assistant", "un assistente reale": a person only when qualified so.
            let qualifiedNoun = !word.has(WordRole.anyPerson) && word.has(.qualifiable) && qualified
            guard word.has(WordRole.anyPerson) || qualifiedNoun else { return .notAPerson }
            if let previous, previous.has(.notAPersonBefore) { return .otherSense }
            if let next, next.has(.notAPersonAfter) { return .otherSense }
            // "someone else" only when nothing follows: "can someone else use my account" is not a request.
            if let next, next.has(.elseWord), j + 2 < words.count, words[j + 2].clause == word.clause,
                !words[j + 2].has(.filler)
            {
                return .otherSense
            }
            if word.has(.person) || qualifiedNoun { return .person(.strong) }
            if word.has(.nobody) { return .person(.nobody) }
            // "someone from support", "jemand vom Kundendienst", "alguien del equipo": named by where they work.
            if word.has(.somebody), worksThere(j) { return .person(.strong) }
            if word.has(.personPlural) {
                switch context {
                case .talkVerb: return .person(.plural)
                case .otherVerb, .availability, .alone: return qualified ? .person(.plural) : .otherSense
                }
            }
            // someone / jemand: right after a verb, a preposition or "is there"; never alone.
            if context == .alone { return .otherSense }
            // Politeness may come between: "hol mir bitte jemanden", "get me please someone".
            var p = j - 1
            while p >= 0, j - p <= 2, words[p].clause == word.clause, words[p].has(.filler),
                !words[p].has([.help, .object, .negation, .negativeDeterminer])
            {
                p -= 1
            }
            let anchor = p >= 0 && words[p].clause == word.clause ? words[p] : nil
            let linked =
                anchor.map { $0.has([.linker, .talk, .want, .existential, .existentialInQuestion, .realAdjective, .modal]) }
                ?? true
            let beforeVerb = language.verbFinal && (next?.has(.talk) ?? false)
            let beforePresence = (next?.has(.presence) ?? false)
                || (next?.has(.realAdjective) ?? false) && presenceWord(after: j) != nil  // "anyone real there?"
            return linked || beforeVerb || beforePresence ? .person(.vague) : .otherSense
        }

        /// "(someone) from your staff", "(jemand) vom Support", "(alguien) del equipo de soporte".
        private func worksThere(_ j: Int) -> Bool {
            var k = j + 1
            guard k < words.count, words[k].clause == words[j].clause, words[k].has(.origin) else { return false }
            k += 1
            while k < words.count, k - j <= 4, words[k].clause == words[j].clause {
                if words[k].has([.organization, .person, .personPlural]) { return true }
                guard words[k].has(.glue), !words[k].has([.negation, .negativeDeterminer]) else { return false }
                k += 1
            }
            return false
        }

        /// The negation that governs the words starting at `start`, if any: "don't (want to) talk",
        /// "ne veux pas parler", "no necesito", "I don't think I need…" — unless asked "why don't you…".
        private func negation(before start: Int) -> Int? {
            guard start > 0 else { return nil }
            let clause = words[start].clause
            var k = start - 1
            while k >= 0, words[k].clause == clause, start - k <= 6 {
                let word = words[k]
                if word.has(.raisingNegation) { return k }
                if word.has([.negation, .negativeDeterminer]) {
                    return askedWhy(before: k) ? nil : k
                }
                guard word.has(WordRole.chain) else { break }
                k -= 1
            }
            while k >= 0, words[k].clause == clause {
                if words[k].has(.raisingNegation) { return k }
                k -= 1
            }
            return nil
        }

        private func askedWhy(before k: Int) -> Bool {
            var w = k - 1
            while w >= 0, words[w].clause == words[k].clause {
                if words[w].has(.why) { return true }
                w -= 1
            }
            return false
        }

        /// In German and Dutch the real verb comes last: "ich möchte einen Mitarbeiter
        /// hinzufügen" adds a user, "ich möchte einen Mitarbeiter sprechen" asks for one.
        private func trailingWordsAllowed(after j: Int) -> Bool {
            var k = j + 1
            while k < words.count, words[k].clause == words[j].clause {
                let word = words[k]
                if word.has(.relative) { return true }
                guard word.has([.filler, .glue, .linker, .talk, .want, .presence, .auxiliary, .help]) else {
                    // "mit einem Mitarbeiter über meine Rechnung sprechen": the talk verb still closes the clause;
                    // "einen (echten) Menschen für mein Konto": a human may be asked for something.
                    return endsWithTalkVerb(from: k) || (word.has(.topic) && isHuman(j))
                }
                // "vom Support", "van de klantenservice": a prepositional phrase may name where they work.
                k += word.has(.linker) && k + 1 < words.count && !words[k + 1].has([.talk, .want]) ? 2 : 1
            }
            return true
        }

        /// Whether the clause, from word `k` on, ends with a talk or help verb, with no negation on the way.
        private func endsWithTalkVerb(from k: Int) -> Bool {
            var last: Int? = nil
            var m = k
            while m < words.count, words[m].clause == words[k].clause {
                if words[m].has([.negation, .negativeDeterminer]) { return false }
                if !words[m].has(.filler) || words[m].has([.talk, .help]) { last = m }
                m += 1
            }
            guard let last else { return false }
            return words[last].has([.talk, .help])
        }

        /// "Mensch", "mens", or any person word right after a real-person qualifier ("echten Mitarbeiter").
        private func isHuman(_ j: Int) -> Bool {
            words[j].has(.human)
                || (j > 0 && words[j - 1].clause == words[j].clause && words[j - 1].has(.realAdjective))
        }

        // MARK: Helpers

        private func onlyFillers(after j: Int) -> Bool {
            var k = j + 1
            while k < words.count, words[k].clause == words[j].clause {
                guard words[k].has(.filler) else { return false }
                k += 1
            }
            return true
        }

        private func onlyFillersOrObjects(after j: Int) -> Bool {
            var k = j + 1
            while k < words.count, words[k].clause == words[j].clause {
                guard words[k].has([.filler, .object, .glue, .linker]),
                    !words[k].has([.negation, .negativeDeterminer])
                else { return false }
                k += 1
            }
            return true
        }

        /// "better than talking to a person", "besser als mit einem Menschen zu reden", "en vez de
        /// hablar con alguien": a comparison right before the frame, through auxiliaries and glue.
        private func compared(before start: Int) -> Bool {
            var k = start - 1
            while k >= 0, start - k <= 3, words[k].clause == words[start].clause {
                if words[k].has(.comparison) { return true }
                guard words[k].has([.auxiliary, .glue, .linker]) else { return false }
                k -= 1
            }
            return false
        }

        private func clauseLength(of j: Int) -> Int {
            words.reduce(0) { $0 + ($1.clause == words[j].clause ? 1 : 0) }
        }

        /// Widens a span leftwards over glue, for a readable quote: "mit einem Mitarbeiter sprechen".
        private func extendLeft(_ j: Int) -> Int {
            var start = j
            while start > 0, j - start < 3, words[start - 1].clause == words[j].clause,
                words[start - 1].has([.glue, .linker, .realAdjective]),
                !words[start - 1].has([.negation, .negativeDeterminer])
            {
                start -= 1
            }
            return start
        }

        private func span(_ from: Int, _ to: Int) -> Range<String.Index> {
            tokens[words[from].first].range.lowerBound..<tokens[words[to].last].range.upperBound
        }
    }
}

extension HumanRequestDetector.Matcher.PersonCheck {
    var isNotAPerson: Bool {
        if case .notAPerson = self { true } else { false }
    }
}
