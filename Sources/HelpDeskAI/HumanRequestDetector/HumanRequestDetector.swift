import Foundation

/// Detects when a customer asks to be connected to a person, in several languages:
/// the built-in agent escalates to a human when it says so.
///
/// A small rule-based scorer over normalized words, run once per language in
/// `LanguageTable.all` (each language's word tables are in their own file under
/// `Languages/`):
///
/// - **request frames**: a request verb ("talk", "connect", "I want", "parler",
///   "sprechen"…) followed, through a few glue words ("to a real"), by a word
///   naming a person ("human", "agent", "Mitarbeiter", "conseiller"…); verb-final
///   languages (German, Dutch) also match the person before the verb
///   ("mit einem Mitarbeiter sprechen") and split verbs ("stellen Sie mich zu
///   einem Menschen durch"); a topic or object may come between the verb and the
///   person ("discuss my refund with a real person", "escalate my ticket to…");
/// - **who counts as a person**: person nouns (agents, advisers, specialists, technicians, the
///   technical department…), plurals and ambiguous nouns when
///   qualified as real ("real people", "un assistente reale"), and "someone" when
///   named by where they work ("someone from your staff", "jemand vom Support");
/// - **availability questions**: "is there a real person?", "anyone there?",
///   "ist da irgendwer Echtes?";
/// - **terse messages**: a clause made only of a person word and fillers
///   ("agent", "human please", "stop, human", "operator!");
/// - **transfer requests**: "transfer me", "verbinden Sie mich", "passez-moi";
/// - **help from a person**: "can a human help me?", "can someone take over?", "can someone look at
///   my order?", "kan iemand naar mijn dossier kijken?", and with the person after the verb:
///   "¿me puede llamar un agente?", "può richiamarmi un operatore?";
/// - **passive and wish frames**: "be helped by a real person", "être rappelé par un conseiller",
///   "geholpen worden door een medewerker", "a real person would be nice", "Ich möchte, dass sich ein
///   Mitarbeiter meldet"; "one of your agents" is one person;
/// - **someone by what they can do**: "this needs someone who can see my account", "il faut quelqu'un
///   qui puisse…", "ik heb iemand nodig die … kan" (a relative word, then a modal);
/// - **a wish that a person act**: a want verb, a complementizer, then a named person: "Necesito que lo
///   vea una persona", "J'ai besoin qu'une vraie personne s'en occupe";
/// - **comparisons with the bot**: "Mensch statt Maschine", "liever een persoon dan een chatbot";
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
/// many agents can I add", "can someone take over my account"); a message about a job
/// (a vacancy, an application) is never a request, nor is a sentence about how the service
/// works ("how does the transfer to an agent work?", "can an agent handle several chats at
/// once?", "what is the phone number of…", "how can I contact customer service by phone?", "can
/// the chatbot in your software hand a chat to an agent?", "until what time does customer service
/// answer?"); "Real person here, not spam" introduces the writer.
///
/// A trained model (`HumanRequestModel`, logistic regression over the message's letter and word
/// sequences) works with the rules. When no rule matches, it decides, unless the rules read a
/// reason not to ask in the message (`defaultGate`): it covers the long tail of phrasings no rule
/// names ("can you ring me on 0612…", "a claims handler please"), and its findings quote the whole
/// message. When a rule matches, the match stands unless the model is very sure it is no request
/// (`ruleVeto`). How the two combine was chosen by cross-validation over the corpora
/// (`helpdesk-bench train-detector --cross-validate`).
///
/// Pure: the word tables and the model are loaded once per process.
public struct HumanRequestDetector: Sendable {
    private let lexicon: Lexicon
    private let model: HumanRequestModel?
    /// The reasons not to ask that keep the model out.
    private let gate: Set<ReasonNotToAsk>

    /// The rules and the model compiled into the binary.
    public init() {
        self.init(model: HumanRequestModel.shared)
    }

    /// The rules and this model; with nil, the rules alone (to measure what each part contributes).
    public init(model: HumanRequestModel?) {
        self.init(model: model, gate: Self.defaultGate)
    }

    /// Every reason not to ask but a negation whose clause names nobody to talk to ("I can't log in"):
    /// that one says nothing about asking for a person, and it kept the model out of requests such as
    /// "La consigne ne s'ouvre pas. Vous pouvez passer le relais à un humain ?".
    public static let defaultGate = Set(ReasonNotToAsk.allCases).subtracting([.negationElsewhere])

    /// A rule's match stands unless the model scores the message below this: the model has learnt some
    /// look-alikes the rules take for requests (a shop asking whether the chatbot can hand chats to its
    /// own staff, "Gibt es bei Ihnen überhaupt einen Kundenservice?").
    public static let ruleVeto: Float = -4

    /// The rules and this model, the model asked only when the rules read none of `gate`.
    public init(model: HumanRequestModel?, gate: Set<ReasonNotToAsk>) {
        lexicon = Lexicon.shared
        self.model = model
        self.gate = gate
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

    /// What a customer's message says apart from asking for a person, for a
    /// ticket's subject and handoff summary: the message itself when it asks
    /// for nobody; what is left around the request when that still says
    /// something (three words or more); nil when the message is only the request
    /// ("I want to talk to a person").
    public func substance(of text: String) -> String? {
        guard let found = finding(in: text) else { return text }
        // The model does not say which words ask: the message may say more.
        if found.kind == .model { return text }
        let rest = (String(text[..<found.range.lowerBound]) + " " + String(text[found.range.upperBound...]))
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        let words = rest.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).filter { $0.count > 1 }
        return words.count >= 3 ? text : nil
    }

    func finding(in text: String) -> Finding? {
        let scan = Tokenizer.scan(text, ids: lexicon.ids, numberID: lexicon.numberID, fuzzy: lexicon.fuzzy)
        guard !scan.tokens.isEmpty else { return nil }
        var reasonNotToAsk = false
        for language in lexicon.languages {
            guard let matcher = Matcher(language: language, scan: scan) else { continue }
            if let found = matcher.find() {
                if let model, model.score(text) < Self.ruleVeto { return nil }
                return found
            }
            reasonNotToAsk = reasonNotToAsk || !matcher.reasonsNotToAsk.isDisjoint(with: gate)
        }
        if !reasonNotToAsk, let model, model.isRequestingHuman(text) {
            return Finding(kind: .model, language: "", range: text.startIndex..<text.endIndex)
        }
        return nil
    }

    /// What each part reads in a message, to measure ways of combining them (`helpdesk-bench
    /// train-detector`): whether a rule matched, the reasons not to ask the rules read, and the
    /// model's score (nil without a model).
    public struct Reading: Sendable {
        public let ruleMatched: Bool
        public let reasonsNotToAsk: Set<ReasonNotToAsk>
        public let modelScore: Float?
    }

    public func reading(of text: String) -> Reading {
        let scan = Tokenizer.scan(text, ids: lexicon.ids, numberID: lexicon.numberID, fuzzy: lexicon.fuzzy)
        var matched = false
        var reasons: Set<ReasonNotToAsk> = []
        for language in lexicon.languages where !scan.tokens.isEmpty {
            guard let matcher = Matcher(language: language, scan: scan) else { continue }
            matched = matched || matcher.find() != nil
            reasons.formUnion(matcher.reasonsNotToAsk)
        }
        return Reading(ruleMatched: matched, reasonsNotToAsk: reasons, modelScore: model?.score(text))
    }
}

extension HumanRequestDetector {
    /// The reasons not to ask that the rules can read in a message (see `Matcher.reasonsNotToAsk`).
    public enum ReasonNotToAsk: String, CaseIterable, Sendable, Hashable {
        case job, questionAboutTheBot, nobody, raisingNegation, otherSense, someoneElse, languageVeto
        case negationOrComparison, negationElsewhere, personIsTheTopic
    }
}

// MARK: - Findings

extension HumanRequestDetector {
    struct Finding: Sendable {
        enum Kind: Sendable {
            case request, availability, terse, transfer, refusedBot, model

            var summary: String {
                switch self {
                case .request, .terse, .model: "asked for a person"
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
        /// A message about a job (a vacancy, an application) is never a request.
        private(set) var aboutAJob = false

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
                words.append(
                    Word(roles: roles, first: t, last: t + length - 1, clause: token.clause, sentence: token.sentence))
                t += length
            }
            guard relevant else { return nil }
            aboutAJob = words.contains(where: { $0.has(.recruiting) })
            Self.joinSeparableVerbs(&words)
            self.words = words
            self.consumed = Array(repeating: false, count: words.count)
            markQuestionsAboutTheBot()
            markQuestionsAboutTheService()
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
        private static func longestPhrase(at t: Int, in tokens: [Tokenizer.Token], language: CompiledLanguage)
            -> Phrase?
        {
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
            guard !aboutAJob else { return nil }
            for i in words.indices {
                if let found = requestFrame(at: i) ?? availabilityQuestion(at: i) ?? transferAlone(at: i)
                    ?? strongPhrase(at: i)
                {
                    return found
                }
            }
            return terseClause() ?? helpFromAPerson() ?? wishThatAPerson()
        }

        /// What this language reads in the message that the rules treat as a reason not to ask: a job, a
        /// question about the bot or the service, "nobody", a negation that raises ("I don't think I need…"),
        /// another sense of a person word, "someone else", one of the language's `modelVetoes`, a negation or
        /// comparison of a person, a person who is the topic. The model is not asked when any of the
        /// detector's `gate` is read: it does not see why a phrase stops being a request ("Ich möchte nicht
        /// mit einem Menschen sprechen", "Praat ik met een mens?").
        var reasonsNotToAsk: Set<HumanRequestDetector.ReasonNotToAsk> {
            var reasons: Set<HumanRequestDetector.ReasonNotToAsk> = []
            if aboutAJob { reasons.insert(.job) }
            if consumed.contains(true) { reasons.insert(.questionAboutTheBot) }
            for word in words {
                if word.has(.nobody) { reasons.insert(.nobody) }
                if word.has(.raisingNegation) { reasons.insert(.raisingNegation) }
                if word.has(.otherSense) { reasons.insert(.otherSense) }
                if word.has(.elseWord) { reasons.insert(.someoneElse) }
                if word.has(.modelVeto) { reasons.insert(.languageVeto) }
            }
            for i in words.indices where negatesOrCompares(i) {
                reasons.insert(clauseNamesAPerson(words[i].clause) ? .negationOrComparison : .negationElsewhere)
            }
            if words.indices.contains(where: personIsTheTopic) { reasons.insert(.personIsTheTopic) }
            return reasons
        }

        /// In English, a word the language does not know right before a named person: a noun saying
        /// what kind ("hotel manager", "courier supervisor"). German and Dutch write such compounds as
        /// one word, the Romance languages with a preposition; there an unknown word before a person is
        /// more often an adjective ("eine zweite Person").
        private func isModifier(_ j: Int) -> Bool {
            guard language.code == "en", words[j].roles.isEmpty, j + 1 < words.count,
                words[j + 1].clause == words[j].clause
            else {
                return false
            }
            return words[j + 1].has(.person)
        }

        /// A negation or a comparison, unless its clause names the bot: "Ich möchte nicht mit einem Menschen
        /// sprechen" and "better than talking to a person" are reasons not to ask; "Mit Bots red ich nicht"
        /// and "not the bot" refuse the bot, which is a way of asking.
        private func negatesOrCompares(_ i: Int) -> Bool {
            guard words[i].has([.negation, .negativeDeterminer, .comparison]) else { return false }
            let clause = words[i].clause
            return !words.contains { $0.clause == clause && $0.has(.bot) }
        }

        /// Whether a clause names someone to talk to (a person, "nobody", a team): a negation there is about
        /// the person ("I don't need an agent"); elsewhere it is about something else ("I can't log in",
        /// "hab grad keine Zeit zu chatten").
        private func clauseNamesAPerson(_ clause: Int) -> Bool {
            words.contains {
                $0.clause == clause
                    && $0.has([.person, .personPlural, .somebody, .nobody, .organization, .qualifiable])
            }
        }

        /// "chat about the person who called me": a person right after a topic word (through glue) is what
        /// the message is about.
        private func personIsTheTopic(_ j: Int) -> Bool {
            guard words[j].has(WordRole.anyPerson) else { return false }
            var k = j - 1
            while k >= 0, j - k <= 3, words[k].clause == words[j].clause {
                if words[k].has(.topic), !words[k].has(.linker) { return true }
                guard words[k].has(.glue), !words[k].has(.linker) else { return false }
                k -= 1
            }
            return false
        }

        // MARK: Rules

        /// "talk to a human", "I want a real person", "mit einem Mitarbeiter sprechen",
        /// and the refusal "no quiero hablar con una máquina".
        private func requestFrame(at i: Int) -> Finding? {
            let cue = words[i]
            guard cue.has(.verb), !consumed[i] else { return nil }
            if let forward = scanForward(from: i) { return forward }
            if language.verbFinal, cue.has(.talk) || cue.has(.want), let backward = scanBackward(from: i) {
                return backward
            }
            return nil
        }

        private func scanForward(from i: Int) -> Finding? {
            let cue = words[i]
            // "the chat with…", "was talking to…" (but "this needs someone…": a want verb is a verb there).
            if i > 0, words[i - 1].clause == cue.clause, words[i - 1].has(.notAVerbAfter),
                cue.has(.talk) || !cue.has(.want)
            {
                return nil
            }
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
                if word.clause != words[j - 1].clause, !word.has([.contrast, .complementizer]) { break }
                if inTopic {
                    // The topic runs until the preposition that introduces the person.
                    if word.has(.linker) {
                        inTopic = false
                    } else if word.has(.filler), !word.has([.negation, .negativeDeterminer]) {
                        j += 1  // "escaleer dit alsjeblieft naar…"
                        continue
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
                    // Verb-final languages: the verb may still follow ("einen Mitarbeiter hinzufügen").
                    if language.verbFinal, !trailingWordsAllowed(after: j, talkBefore: talkSeen) { return nil }
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
                } else if isModifier(j) {
                    // "the hotel manager", "a courier supervisor": a noun naming the person's kind.
                } else if !word.has([.glue, .want, .auxiliary, .filler, .organization, .channel]) {
                    // "(talk to) support staff", "(be contacted) by email (by an adviser)"
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
                    return Finding(
                        kind: .refusedBot, language: language.code, range: span(negation(before: start) ?? start, i))
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
            let existential = word.has(.existential) || (word.has(.existentialInQuestion) && questions[word.sentence])
            let there = presenceWord(after: i)
            guard existential || there != nil else { return nil }
            // "when is customer service there?" asks for opening hours. (Looked for only here: the whole
            // sentence is read, which for every word of a long message would be quadratic.)
            if words.contains(where: { $0.sentence == word.sentence && $0.has(.when) }) { return nil }
            if existential {
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
            if let there,
                case .person(let strength) = personCheck(i, context: .availability), strength != .plural,
                strength != .strong || !introducesTheWriter(there),
                questions[word.sentence] || clauseLength(of: i) <= 4,
                i == 0 || words[i - 1].clause != word.clause || !words[i - 1].has(.negativeDeterminer)
            {
                return Finding(kind: .availability, language: language.code, range: span(i, there))
            }
            return nil
        }

        /// "Real person here, not spam", "real human here lol, how do I…?": "here" after a named person,
        /// unless it ends a question ("human here?"), introduces the writer.
        private func introducesTheWriter(_ there: Int) -> Bool {
            guard words[there].has(.here) else { return false }
            let sentence = words[there].sentence
            return !questions[sentence] || (there + 1 < words.count && words[there + 1].sentence == sentence)
        }

        /// "there" / "da" / "disponible" right after the person, maybe past a copula ("is", "est").
        private func presenceWord(after i: Int) -> Int? {
            var k = i + 1
            while k < words.count, k - i <= 3, words[k].clause == words[i].clause {
                if words[k].has(.presence) { return k }
                // "someone from your team available?", "ein Kollege von Ihnen frei?": where they work may come first.
                if words[k].has(.origin), !words[k].has([.talk, .want]) {
                    var m = k + 1
                    while m < words.count, m - k <= 3, words[m].clause == words[i].clause,
                        words[m].has([.glue, .organization]),
                        !words[m].has([.presence, .negation, .negativeDeterminer])
                    {
                        m += 1
                    }
                    if m < words.count, m > k + 1, words[m].clause == words[i].clause, words[m].has(.presence) {
                        return m
                    }
                    return nil
                }
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
                .origin,
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
            // "kein Bot, sondern ne Person bitte": the clause may open with the contrast.
            let first = words[start].has(.contrast) && start < end ? start + 1 : start
            for j in first...end {
                if consumed[j] { return nil }
                switch personCheck(j, context: .alone) {
                case .person(.strong), .person(.plural):
                    hasPerson = true
                    continue
                case .person, .otherSense: return nil
                case .notAPerson: break
                }
                let word = words[j]
                // "Mensch statt Maschine", "a human rather than a bot": the person, then the bot it replaces.
                if hasPerson, word.has([.comparison, .contrast]), botFollows(j), onlyBotAndGlue(from: j + 1, to: end) {
                    return Finding(kind: .terse, language: language.code, range: span(start, end))
                }
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
                    if words[k].has(.modal) {
                        modalBefore = k
                        break
                    }
                    guard words[k].has([.glue, .linker, .realAdjective]) || (k == j - 1 && isModifier(k)) else {
                        break
                    }
                    k -= 1
                }
                // The help verb after it, maybe past a modal ("…can help me", "…peut-il m'aider").
                var modalAfter = false
                var helpAt: Int? = nil
                var negated = false
                var topicWords = 0
                var h = j + 1
                while h < words.count, h - j <= 6 + topicWords, words[h].clause == words[j].clause {
                    let word = words[h]
                    if word.has(.help) {
                        helpAt = h
                        break
                    }
                    if word.has(.modal) {
                        modalAfter = true
                    } else if word.has([.negation, .negativeDeterminer]) {
                        negated = true
                    } else if !word.has([
                        .glue, .linker, .auxiliary, .filler, .person, .personPlural, .origin, .organization, .object,
                        .realAdjective, .channel,
                    ]) {  // "someone from your team", "een collega van u dit (overnemen)", "per Mail"
                        // Verb-final: "(kan iemand) naar mijn dossier kijken", "sich das anschauen".
                        guard language.verbFinal, topicWords < Self.maximumTopic, isTopicWord(word) else { break }
                        topicWords += 1
                    }
                    h += 1
                }
                guard let helpAt, !negated,
                    strength == .strong || words[helpAt].has([.callback, .takeOver])
                        || words[helpAt].has(.review) && aboutTheirOwnCase(after: helpAt)
                else {
                    continue
                }
                // "can someone take over?" asks for a person; "…take over my account?" does not.
                if words[helpAt].has(.takeOver), !onlyFillersOrObjects(after: helpAt) { continue }
                let start = modalBefore ?? j
                // "can a human help me?", "un operatore può aiutarmi?", "only a real person can help me".
                guard modalBefore != nil || (modalAfter && (questions[words[j].sentence] || onlyBefore(j))) else {
                    continue
                }
                guard negation(before: start) == nil else { continue }
                return Finding(kind: .request, language: language.code, range: span(start, helpAt))
            }
            return helpedByAPersonAfter()
        }

        /// A wish that a person do something, the person after the verb: "Necesito que lo vea una persona",
        /// "J'ai besoin qu'une vraie personne s'en occupe", "Ho bisogno che se ne occupi una persona", "I need
        /// that a real person looks at this": a want verb, a complementizer, then a named person within a few
        /// words of the same sentence, with no negation, bot or comparison on the way.
        private func wishThatAPerson() -> Finding? {
            for w in words.indices where words[w].has(.want) && !consumed[w] {
                guard negation(before: w) == nil, !compared(before: w) else { continue }
                // "quiero que" is one word, want and complementizer.
                var c = words[w].has(.complementizer) ? w : w + 1
                while c < words.count, words[c].sentence == words[w].sentence, words[c].has(.filler),
                    !words[c].has(.complementizer)
                {
                    c += 1
                }
                guard c < words.count, words[c].sentence == words[w].sentence, words[c].has(.complementizer) else {
                    continue
                }
                var j = c + 1
                var callback = false
                while j < words.count, j - c <= 6, words[j].sentence == words[w].sentence, !consumed[j] {
                    let word = words[j]
                    if word.has([.negation, .negativeDeterminer, .bot, .comparison, .nobody, .recruiting]) { break }
                    if case .person(.strong) = personCheck(j, context: .availability) {
                        return Finding(kind: .request, language: language.code, range: span(w, j))
                    }
                    // "Necesito que venga alguien del hotel": someone asked to come or to call.
                    if callback, word.has(.somebody), !word.has(.nobody) {
                        return Finding(kind: .request, language: language.code, range: span(w, j))
                    }
                    callback = callback || word.has(.callback)
                    if word.has(WordRole.anyPerson) { break }
                    j += 1
                }
            }
            return nil
        }

        /// "only (a real) person", "nur ein echter Mensch", "só uma pessoa de verdade".
        private func onlyBefore(_ j: Int) -> Bool {
            var k = j - 1
            while k >= 0, j - k <= 3, words[k].clause == words[j].clause {
                if words[k].has(.only) { return true }
                guard words[k].has([.glue, .realAdjective]) else { return false }
                k -= 1
            }
            return false
        }

        /// The subject after the verb: "¿me puede llamar un agente?", "può richiamarmi un operatore?",
        /// "mi può aiutare un tecnico?": a modal, the help verb, then the person.
        private func helpedByAPersonAfter() -> Finding? {
            verbs: for h in words.indices where words[h].has(.help) && !consumed[h] {
                // The modal right before the verb, past clitics and glue.
                var modal: Int? = nil
                var k = h - 1
                while k >= 0, h - k <= 3, words[k].clause == words[h].clause {
                    if words[k].has(.modal) {
                        modal = k
                        break
                    }
                    guard words[k].has([.glue, .linker, .filler]), !words[k].has([.negation, .negativeDeterminer])
                    else { break }
                    k -= 1
                }
                guard let modal, negation(before: modal) == nil else { continue }
                var j = h + 1
                while j < words.count, j - h <= 4, words[j].clause == words[h].clause, !consumed[j] {
                    switch personCheck(j, context: .availability) {
                    case .person(.strong):
                        return Finding(kind: .request, language: language.code, range: span(modal, j))
                    case .person(.vague) where words[h].has([.callback, .takeOver]):  // "¿me puede llamar alguien?"
                        return Finding(kind: .request, language: language.code, range: span(modal, j))
                    case .notAPerson: break
                    default: continue verbs
                    }
                    guard words[j].has([.glue, .linker, .realAdjective, .filler]),
                        !words[j].has([.negation, .negativeDeterminer])
                    else { break }
                    j += 1
                }
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

        /// "How does the transfer to an agent work?", "Can an agent handle several chats at once?",
        /// "what is the phone number of your technical department?", "How can I contact customer
        /// service by phone?", "Can the chatbot in your software hand a chat to an agent?", "Until what
        /// time does customer service answer on Sundays?": the whole sentence asks about the service, so
        /// none of its words counts.
        private mutating func markQuestionsAboutTheService() {
            var i = 0
            while i < words.count {
                let sentence = words[i].sentence
                var end = i
                var how = false
                var channel = false
                var about = false
                var product = false
                var bot = false
                var hours = false
                while end < words.count, words[end].sentence == sentence {
                    how = how || words[end].has(.how)
                    channel = channel || words[end].has(.channel)
                    about = about || words[end].has(.aboutTheService)
                    product = product || words[end].has(.product)
                    bot = bot || words[end].has(.bot)
                    hours = hours || words[end].has(.hours)
                    end += 1
                }
                if about || (product && bot) || ((how && channel) || hours) && questions[sentence] {
                    for k in i..<end { consumed[k] = true }
                }
                i = end
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
            // "talk to support", "transfer me to the billing department", "an den Support weiterleiten":
            // after a talk verb, the team itself is someone to hand over to, when nothing but the
            // team's name, glue or the verb follows ("transfer me to a different service plan" is not).
            if context == .talkVerb, word.has(.organization), !word.has(WordRole.anyPerson), !qualifiedNoun {
                var k = j + 1
                while k < words.count, words[k].clause == word.clause {
                    // "a callback from the hotline about my refund": what follows a topic word is the matter.
                    if words[k].has(.topic), !words[k].has([.organization, .person]) { break }
                    guard words[k].has([.organization, .glue, .filler, .talk, .want, .separableParticle]) else {
                        return .notAPerson
                    }
                    k += 1
                }
                if let previous, previous.has(.notAPersonBefore) { return .otherSense }
                return .person(.strong)
            }
            guard word.has(WordRole.anyPerson) || qualifiedNoun else { return .notAPerson }
            if let previous, previous.has(.notAPersonBefore) { return .otherSense }
            if let next, next.has(.notAPersonAfter) { return .otherSense }
            // "someone else" only when nothing follows: "can someone else use my account" is not a request.
            // "wil iemand anders spreken": in verb-final languages the talk verb may follow.
            if let next, next.has(.elseWord), j + 2 < words.count, words[j + 2].clause == word.clause,
                !words[j + 2].has(.filler), !(language.verbFinal && words[j + 2].has(.talk))
            {
                return .otherSense
            }
            if word.has(.person) || qualifiedNoun { return .person(.strong) }
            if word.has(.nobody) { return .person(.nobody) }
            // "one of your agents", "un de vos conseillers", "einem Ihrer Mitarbeiter": one person.
            if word.has(.personPlural), let previous, previous.has(.oneOf) { return .person(.strong) }
            // "someone from support", "jemand vom Kundendienst", "alguien del equipo": named by where they work;
            // "someone who can (see my account)", "alguien que pueda…", "quelqu'un qui puisse…": by what they can do.
            // "alguien de carne y hueso", "iemand echt": qualified as real.
            if word.has(.somebody), worksThere(j) || whoCan(j) || (next?.has(.realAdjective) ?? false) {
                return .person(.strong)
            }
            if word.has(.personPlural) {
                switch context {
                case .talkVerb: return .person(.plural)
                case .otherVerb, .availability, .alone: return qualified ? .person(.plural) : .otherSense
                }
            }
            // someone / jemand: right after a verb, a preposition or "is there"; never alone.
            if context == .alone { return .otherSense }
            // Politeness and glue may come between: "hol mir bitte jemanden", "get me please someone",
            // "ist da auch irgendwer", "gibt es bei Ihnen jemanden".
            let anchors: WordRole = [
                .linker, .talk, .want, .existential, .existentialInQuestion, .realAdjective, .modal,
            ]
            var p = j - 1
            while p >= 0, j - p <= 3, words[p].clause == word.clause, !words[p].has(anchors),
                words[p].has([.filler, .glue, .presence]),  // "gibt's da auch wen echten?"
                !words[p].has([.help, .object, .negation, .negativeDeterminer, .complementizer])
            {
                p -= 1
            }
            let anchor = p >= 0 && words[p].clause == word.clause ? words[p] : nil
            let linked = anchor.map { $0.has(anchors) } ?? true
            let beforeVerb = language.verbFinal && (next?.has(.talk) ?? false)
            let beforePresence =
                (next?.has(.presence) ?? false)
                || (next?.has(.realAdjective) ?? false) && presenceWord(after: j) != nil  // "anyone real there?"
            return linked || beforeVerb || beforePresence ? .person(.vague) : .otherSense
        }

        /// "(someone) who can", "(quelqu'un) qui puisse", "(alguém) que consiga", "(iemand) nodig die … kan": a
        /// relative word (in verb-final languages maybe after the verb), then a modal within a few words, not
        /// negated.
        private func whoCan(_ j: Int) -> Bool {
            var k = j + 1
            if language.verbFinal, k < words.count, words[k].has(.verb) { k += 1 }
            guard k < words.count, words[k].clause == words[j].clause, words[k].has(.relative) else { return false }
            let relative = k
            k += 1
            while k < words.count, k - relative <= 4, words[k].clause == words[j].clause {
                if words[k].has([.negation, .negativeDeterminer]) { return false }
                if words[k].has(.modal) { return true }
                k += 1
            }
            return false
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
        /// After a talk verb ("benaderd door een van uw adviseurs over factuur…"), a topic may follow the
        /// person as it may follow a human.
        private func trailingWordsAllowed(after j: Int, talkBefore: Bool = false) -> Bool {
            var k = j + 1
            while k < words.count, words[k].clause == words[j].clause {
                let word = words[k]
                // "lieber mit einem Menschen als mit einer Maschine": what follows is the comparison.
                if word.has(.relative) || word.has(.comparison) { return true }
                // "liever een persoon aan de lijn dan een chatbot": the rest compares with the bot.
                if word.has(.contrast), botFollows(k) { return true }
                // "mit jmd von der Buchhaltung sprechen wegen der Rechnung": the talk verb closes the frame,
                // what follows it is about the matter.
                if word.has(.talk), !word.has([.negation, .negativeDeterminer]) { return true }
                // "einen zuständigen Sachbearbeiter": an adjective that names a person, then the person.
                guard
                    word.has([
                        .filler, .glue, .linker, .talk, .want, .presence, .auxiliary, .help, .organization, .person,
                    ])
                else {
                    // "mit einem Mitarbeiter über meine Rechnung sprechen": the talk verb still closes the clause;
                    // "einen (echten) Menschen für mein Konto": a human may be asked for something.
                    return endsWithTalkVerb(from: k) || (word.has(.topic) && (talkBefore || isHuman(j)))
                }
                // "vom Support", "van de technische dienst": a prepositional phrase may name where they work.
                k += 1
                if word.has(.linker) || word.has(.origin) {
                    if k < words.count, !words[k].has([.talk, .want]) { k += 1 }
                    // "Beratung durch einen Ihrer Mitarbeiter": the person it comes from.
                    while k < words.count, words[k].clause == words[j].clause,
                        words[k].has([.glue, .organization, .realAdjective, .person, .personPlural]),
                        !words[k].has([.talk, .want, .negation, .negativeDeterminer])
                    {
                        k += 1
                    }
                }
            }
            return true
        }

        /// Whether a bot word follows word `k` in its clause, with no negation on the way.
        private func botFollows(_ k: Int) -> Bool {
            var m = k + 1
            while m < words.count, words[m].clause == words[k].clause {
                if words[m].has(.bot) { return true }
                if words[m].has([.negation, .negativeDeterminer, .anyPerson]) { return false }
                m += 1
            }
            return false
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

        /// "look at my order", "regarder ma commande", "naar mijn dossier kijken": what someone is asked to
        /// look at is the customer's own case ("can anyone look at the shared dashboard?" is not).
        private func aboutTheirOwnCase(after h: Int) -> Bool {
            if language.verbFinal { return true }
            guard h + 1 < words.count, words[h + 1].clause == words[h].clause else { return true }
            return words[h + 1].has([.object, .filler]) || !words[h + 1].has(.glue)
        }

        private func onlyBotAndGlue(from start: Int, to end: Int) -> Bool {
            guard start <= end else { return false }
            return (start...end).allSatisfy { words[$0].has([.bot, .glue, .filler, .linker, .comparison]) }
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
