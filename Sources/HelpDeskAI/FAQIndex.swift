import Foundation
import HelpDeskCore

/// The FAQ entry that best answers a customer message, and how sure the index is.
public struct FAQMatch: Sendable, Equatable {
    public let entry: FAQEntry
    /// Position of `entry` in the agent's FAQ.
    public let index: Int
    /// The BM25F score: comparable between entries of one FAQ, not across FAQs.
    public let score: Double
    /// 0…1, comparable across FAQs of any size; see `FAQIndex`.
    public let confidence: Double

    public init(entry: FAQEntry, index: Int, score: Double, confidence: Double) {
        self.entry = entry
        self.index = index
        self.score = score
        self.confidence = confidence
    }
}

/// A BM25F search index over one agent's FAQ entries, built once per agent
/// version and then only read (so it is freely shared between tasks).
///
/// **Ranking.** Each entry is a document with two fields, the question (weight
/// 2) and the answer (weight 1), each length-normalized against its own average
/// (BM25F, k1 = 1.2, b = 0.75). The per-(term, entry) part of the score does not
/// depend on the query, so it is precomputed into the postings: a lookup is one
/// pass over the postings of the message's terms.
///
/// **Confidence.** BM25 scores grow with the FAQ's size and the message's length,
/// so they cannot share one threshold. The confidence instead compares term
/// weights (IDF) on both sides, which is scale-free:
/// - *question coverage* `q`: the share of the entry question's term weight the
///   message mentions ("does the message ask this question?");
/// - *message coverage* `m`: the share of the message's term weight found in the
///   entry — in its question for full credit, only in its answer for half ("is
///   the message about something else too?"). Words the FAQ never uses weigh as
///   much as its rarest word, so "reset my router" does not pass for "reset my
///   password" just because "reset" is known.
///
/// `confidence = √(q · m)`, 1 for the question itself, 0.5 when half of each is
/// covered. Generic verbs ("change", "get", "find") count half, as they say little
/// about the topic. The returned match is the most confident of the top five
/// BM25F candidates.
///
/// **Text.** Lowercased, diacritics folded ("é" → "e", "ß" → "ss"), split on
/// anything not a letter or digit; stopwords of English, German, French,
/// Spanish, Portuguese, Italian and Dutch (and greetings) dropped; light suffix
/// stripping (plural -s/-es/-ies, -ing, -ed, adverbial -ly, final -e); and a
/// small thesaurus of help-desk abbreviations and near-synonyms ("pw" →
/// "password", "forgot" / "reset" → "change").
public struct FAQIndex: Sendable {
    /// Confidence at or above which a match is good enough to answer with.
    ///
    /// Tuned on the examples in `FAQIndexTests`, with a 16-entry FAQ alone and
    /// buried in 1,000 other entries: the paraphrases score 0.46 and up (a
    /// two-word message sharing one word with a two-word question scores 0.5),
    /// messages sharing only a generic word with an entry ("reset my router")
    /// 0.40 and below. A message on a neighbouring topic that names an entry's
    /// key word ("my order arrived damaged" for "Where is my order?") still
    /// matches: a lexical index cannot tell those apart.
    public static let defaultThreshold = 0.45

    /// The entries, in the agent's order.
    public let entries: [FAQEntry]

    private let termIDs: [String: Int]
    /// Per term: inverse document frequency.
    private let idf: [Double]
    /// Per term: the entries using it, with the query-independent part of BM25F.
    private let postings: [[Posting]]
    /// Per entry: the summed IDF of its question's distinct terms.
    private let questionWeight: [Double]
    /// The weight of a message word the FAQ never uses: that of its rarest word.
    private let unseenWeight: Double

    private struct Posting: Sendable {
        var entry: Int32
        var inQuestion: Bool
        /// `tf~ · (k1 + 1) / (k1 + tf~)` with the BM25F pseudo term frequency `tf~`.
        var saturatedFrequency: Double
    }

    static let questionFieldWeight = 2.0
    static let answerFieldWeight = 1.0
    static let k1 = 1.2
    static let b = 0.75
    static let candidates = 5
    /// Generic verbs ("change", "get", "use") say little about the topic: "reset my
    /// router" must not look like "reset my password". Their IDF is scaled by this.
    static let weakTermFactor = 0.5

    public init(_ entries: [FAQEntry]) {
        self.entries = entries
        let questions = entries.map { Analyzer.terms(in: $0.question) }
        let answers = entries.map { Analyzer.terms(in: $0.answer) }
        let count = Double(entries.count)
        let averageQuestion = max(1, Double(questions.reduce(0) { $0 + $1.count }) / max(count, 1))
        let averageAnswer = max(1, Double(answers.reduce(0) { $0 + $1.count }) / max(count, 1))

        var termIDs: [String: Int] = [:]
        var postings: [[Posting]] = []
        for (entry, (question, answer)) in zip(questions, answers).enumerated() {
            var frequencies: [Int: (question: Int, answer: Int)] = [:]
            for term in question {
                let id = Self.id(of: term, in: &termIDs, postings: &postings)
                frequencies[id, default: (0, 0)].question += 1
            }
            for term in answer {
                let id = Self.id(of: term, in: &termIDs, postings: &postings)
                frequencies[id, default: (0, 0)].answer += 1
            }
            let questionNorm = 1 - Self.b + Self.b * Double(question.count) / averageQuestion
            let answerNorm = 1 - Self.b + Self.b * Double(answer.count) / averageAnswer
            for (id, frequency) in frequencies {
                let pseudo =
                    Self.questionFieldWeight * Double(frequency.question) / questionNorm
                    + Self.answerFieldWeight * Double(frequency.answer) / answerNorm
                postings[id].append(
                    Posting(
                        entry: Int32(entry), inQuestion: frequency.question > 0,
                        saturatedFrequency: pseudo * (Self.k1 + 1) / (Self.k1 + pseudo)))
            }
        }
        var idf = postings.map { Self.idf(documentFrequency: $0.count, documents: entries.count) }
        for (term, id) in termIDs where Analyzer.weakTerms.contains(term) {
            idf[id] *= Self.weakTermFactor
        }
        self.termIDs = termIDs
        self.postings = postings
        self.idf = idf
        self.questionWeight = questions.map { terms in
            Set(terms).reduce(0) { $0 + idf[termIDs[$1]!] }
        }
        self.unseenWeight = Self.idf(documentFrequency: 1, documents: entries.count)
    }

    /// The entry that best answers `text`, nil when no entry shares a word with it.
    /// Check `confidence` against a threshold before answering with it.
    public func bestMatch(for text: String) -> FAQMatch? {
        var best: FAQMatch?
        for candidate in candidates(for: text) where candidate.confidence > best?.confidence ?? -1 {
            best = candidate
        }
        return best
    }

    /// The entries sharing a word with `text`: the best few by BM25F score, best
    /// first (ties: earlier entry first).
    func candidates(for text: String, limit: Int = Self.candidates) -> [FAQMatch] {
        guard !entries.isEmpty else { return [] }
        var seen = Set<String>()
        let queryTerms = Analyzer.terms(in: text).filter { seen.insert($0).inserted }
        guard !queryTerms.isEmpty else { return [] }

        var scores = [Double](repeating: 0, count: entries.count)
        var messageCovered = [Double](repeating: 0, count: entries.count)
        var questionCovered = [Double](repeating: 0, count: entries.count)
        var touched: [Int] = []
        var messageWeight = 0.0
        for term in queryTerms {
            guard let id = termIDs[term] else {
                messageWeight += unseenWeight * (Analyzer.weakTerms.contains(term) ? Self.weakTermFactor : 1)
                continue
            }
            let weight = idf[id]
            messageWeight += weight
            for posting in postings[id] {
                let entry = Int(posting.entry)
                if scores[entry] == 0 { touched.append(entry) }
                scores[entry] += weight * posting.saturatedFrequency
                if posting.inQuestion {
                    messageCovered[entry] += weight
                    questionCovered[entry] += weight
                } else {
                    messageCovered[entry] += weight / 2
                }
            }
        }
        guard messageWeight > 0 else { return [] }

        var top: [Int] = []
        for entry in touched {
            let position =
                top.firstIndex { scores[entry] > scores[$0] || (scores[entry] == scores[$0] && entry < $0) }
                ?? top.count
            if position < limit {
                top.insert(entry, at: position)
                if top.count > limit { top.removeLast() }
            }
        }
        return top.map { entry in
            let questionCoverage =
                questionWeight[entry] > 0 ? min(1, questionCovered[entry] / questionWeight[entry]) : 0
            let messageCoverage = min(1, messageCovered[entry] / messageWeight)
            return FAQMatch(
                entry: entries[entry], index: entry, score: scores[entry],
                confidence: (questionCoverage * messageCoverage).squareRoot())
        }
    }

    private static func id(of term: String, in ids: inout [String: Int], postings: inout [[Posting]]) -> Int {
        if let id = ids[term] { return id }
        ids[term] = postings.count
        postings.append([])
        return postings.count - 1
    }

    /// BM25's IDF, kept positive for words in more than half the entries.
    private static func idf(documentFrequency: Int, documents: Int) -> Double {
        log(1 + (Double(documents - documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }
}

// MARK: - Text analysis

extension FAQIndex {
    /// Turns text into index terms; questions, answers and messages alike.
    enum Analyzer {
        static func terms(in text: String) -> [String] {
            var terms: [String] = []
            for token in tokens(in: fold(text)) {
                if token.unicodeScalars.count == 1, !(token.first?.isNumber ?? false) { continue }
                if stopwords.contains(token) { continue }
                let stemmed = stem(token)
                terms.append(thesaurus[stemmed] ?? stemmed)
            }
            return terms
        }

        /// Lowercase without diacritics: "Straße" → "strasse", "Oublié" → "oublie".
        static func fold(_ text: String) -> String {
            if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
            var folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            // Letters that are not a base letter plus a combining mark.
            for (letter, replacement) in [("æ", "ae"), ("œ", "oe"), ("ø", "o"), ("ł", "l"), ("đ", "d"), ("þ", "th")]
            where folded.contains(letter) {
                folded = folded.replacingOccurrences(of: letter, with: replacement)
            }
            return folded
        }

        static func tokens(in folded: String) -> [String] {
            var tokens: [String] = []
            var current = String.UnicodeScalarView()
            for scalar in folded.unicodeScalars {
                let isWordScalar =
                    scalar.isASCII
                    ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
                    : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
                if isWordScalar {
                    current.append(scalar)
                } else if !current.isEmpty {
                    tokens.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
            if !current.isEmpty { tokens.append(String(current)) }
            return tokens
        }

        /// Light, language-blind suffix stripping: it only has to map a word's
        /// forms to one term the same way in questions and in messages.
        static func stem(_ word: String) -> String {
            var w = Array(word.unicodeScalars)
            guard w.count >= 4 else { return word }
            func ends(_ suffix: String) -> Bool {
                let s = Array(suffix.unicodeScalars)
                return w.count > s.count && Array(w.suffix(s.count)) == s
            }
            func hasVowel(_ stem: ArraySlice<Unicode.Scalar>) -> Bool {
                stem.contains { "aeiouy".unicodeScalars.contains($0) }
            }
            /// "shipp" → "ship", "sett" → "set", but "add", "bill", "pass" stay.
            func undouble() {
                if w.count >= 4, w[w.count - 1] == w[w.count - 2], !"aeioulsz".unicodeScalars.contains(w[w.count - 1]) {
                    w.removeLast()
                }
            }
            if ends("ies") || ends("ied") {
                if w.count - 3 >= 2 {
                    w.removeLast(3)
                    w.append("y")
                }
            } else if ends("sses") || ends("ches") || ends("shes") || ends("xes") || ends("zes") {
                w.removeLast(2)
            } else if ends("s") {
                if !(ends("ss") || ends("us") || ends("is")), w.count - 1 >= 3 { w.removeLast() }
            } else if ends("ing") {
                if w.count - 3 >= 3, hasVowel(w.dropLast(3)) {
                    w.removeLast(3)
                    undouble()
                }
            } else if ends("ed"), !ends("eed") {
                if w.count - 2 >= 3, hasVowel(w.dropLast(2)) {
                    w.removeLast(2)
                    undouble()
                }
            } else if ends("ically") {
                w.removeLast(4)
            } else if ends("ally") || ends("ently") || ends("antly") || ends("ately") || ends("ously")
                || ends("ively") || ends("fully")
            {
                w.removeLast(2)
            }
            if w.count >= 4, w.last == "e" { w.removeLast() }
            var result = String.UnicodeScalarView()
            result.append(contentsOf: w)
            return String(result)
        }

        /// Help-desk abbreviations and near-synonyms: every word of a group maps to
        /// the group's first word. Kept small: each merge can also join two topics.
        static let thesaurus: [String: String] = {
            let groups: [[String]] = [
                ["password", "passwords", "pw", "pwd", "passwd", "passcode", "passphrase"],
                ["change", "reset", "update", "modify", "edit", "recover", "forgot", "forget", "forgotten"],
                [
                    "cancel", "cancellation", "cancelled", "cancelling", "canceled", "canceling", "terminate",
                    "unsubscribe",
                ],
                ["refund", "refunded", "reimburse", "reimbursement"],
                ["delivery", "deliver", "shipping", "ship", "shipment", "dispatch"],
                ["price", "pricing", "cost", "fee"],
                ["hour", "time"],
                ["method", "option"],
                ["enable", "activate", "setup"],
                ["email", "mail"],
                ["account", "acct"],
                ["login", "log", "signin", "logon"],
                ["pay", "payment", "paid"],
                ["buy", "purchase", "bought"],
                ["subscription", "subscribe", "membership"],
                ["invoice", "receipt"],
                ["delete", "remove", "erase"],
                ["app", "application"],
            ]
            var table: [String: String] = [:]
            for group in groups {
                let canonical = stem(group[0])
                for word in group where stem(word) != canonical {
                    table[stem(word)] = canonical
                }
            }
            return table
        }()

        /// Generic verbs and adjectives of help-desk questions, as analyzed terms.
        static let weakTerms: Set<String> = Set(
            [
                "change", "get", "find", "use", "add", "make", "set", "turn", "send", "see", "check", "work", "go",
                "give",
                "take", "try", "look", "show", "new", "back", "put", "keep", "start", "stop", "enable",
            ]
            .map { thesaurus[stem($0)] ?? stem($0) })

        /// Function words of the supported languages, folded; also greetings and
        /// "I want / I need"-style framing that says nothing about the topic.
        /// Words that are content words in another language ("door", "plus", "war")
        /// are left out.
        static let stopwords: Set<String> = {
            let lists = [
                // English
                """
                a an the and or but if of to in on at by for from with about into over after before under
                between as is are was were be been being am do does did doing done have has had having i me
                my mine myself we us our ours you your yours yourself he him his she her hers it its they them
                their theirs this that these those there here what which who whom whose when where why how can
                could would should will shall may might must not no yes so than too very just also any all some
                each every other such only own same again then once more most much many few both either neither
                get got let lets im ive id dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt
                shouldnt hasnt havent hadnt don doesn didn isn aren wasn weren couldn wouldn shouldn hasn haven
                hadn ll ve re ok okay hi hello hey dear thanks thank thx please pls plz want wanted wanna need
                needs know like tell help anyone someone something anything way question questions
                """,
                // German
                """
                der die das den dem des ein eine einen einem einer eines und oder aber wenn als wie wo was wer
                wann warum ich mich mir mein meine meinen meinem meiner du dich dir dein deine er sie es wir uns
                unser unsere ihr euch ihre ihren sein seine ist sind waren bist sei habe hast hat haben hatte
                kann kannst konnen muss mussen soll will mochte mochten wurde wurden werden wird nicht kein keine
                zu zum zur im an am auf aus bei mit nach von vor fur uber unter um durch auch noch nur schon da
                dann hier dort bitte danke hallo ja nein gibt welche welcher welches
                """,
                // French
                """
                le la les un une des du de et ou mais si que qu qui quoi comment pourquoi quand je me moi mon ma
                mes tu te toi ta tes il elle on nous vous ils elles leur leurs sa ses ce cet cette ces est sont
                suis es etait ai as avons avez ont pas ne en au aux dans par pour sur avec sans chez tres peux peut
                pouvez puis veux voudrais bonjour salut merci svp oui non faire fait quel quelle quels quelles
                """,
                // Spanish
                """
                el la los las lo un una unos unas y o pero si que quien como cuando donde por para porque con sin
                de del al en es son soy estoy esta esto este estos estas ese esa eso mi mis me yo tu te su sus nos
                nuestro nuestra se le les ya muy mas puedo puede pueden quiero necesito hola gracias favor hacer cual
                cuales
                """,
                // Portuguese
                """
                os as um uma uns umas ou mas se que quem como quando onde por para porque com sem do da dos das
                no na nos nas em eu meu minha meus minhas voce seu sua seus suas ele ela eles elas nao sim estou
                sou posso pode preciso quero ola obrigado obrigada fazer qual quais sao
                """,
                // Italian
                """
                il lo gli le uno una ed ma se che chi come quando dove perche con senza di del della dei delle da
                dal nel nella su per io mi mio mia miei ti tuo tua lui lei noi voi loro suo sua non sono sei ho
                hai ha posso puoi puo voglio vorrei ciao grazie prego fare quale quali
                """,
                // Dutch
                """
                de het een en of maar als dat die wat wie hoe waar wanneer waarom ik mij mijn jij je jou jouw
                uw hij zij ze wij we ons onze hun zijn ben bent heb hebt heeft hebben kan kun kunt kunnen wil wilt
                moet niet geen te van op aan bij met voor naar om uit ook nog al er daar dit deze dank bedankt
                alstublieft graag ja nee welk welke
                """,
            ]
            return Set(lists.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) })
        }()
    }
}
