import Testing

@testable import HelpDeskAI

// BEGIN EXAMPLES
/// Hand-written examples per language: requests for a person (direct and indirect),
/// and hard negatives (questions about the bot, other senses of the words, refusals).
enum HumanRequestExamples {
    static let englishRequests: [String] = [
        "I want to talk to a human",
        "Can I speak to a real person please?",
        "agent",
        "Human please!!",
        "OPERATOR!",
        "connect me with someone from your support team",
        "This bot is useless, get me someone",
        "I need a real person",
        "Is there a real person there?",
        "let me speak to someone who works there",
        "stop, human",
        "Could you transfer me to a live agent?",
        "I don’t want to talk to a bot anymore",
        "why can't I just talk to a representative?",
        "Please put me through to customer service",
        "hello?? anyone there?",
        "I'd like to speak with your manager",
        "can a human help me with this?",
        "who can I talk to about this?",
        "Why don't you connect me to somebody who can actually help",
        "real person pls",
    ]

    static let englishNonRequests: [String] = [
        "Are you human?",
        "are you a bot or a real person?",
        "Am I talking to a human right now?",
        "I need to contact human resources about my payslip",
        "Is HR open on Mondays?",
        "That was a human error on our side",
        "The operator of my mobile network blocked my number",
        "My travel agent booked the wrong flight",
        "How many agents can I add to my plan?",
        "Is there a person limit on the free plan?",
        "Someone stole my card",
        "Can someone else use my account?",
        "Please don't transfer me",
        "No need for a human, thanks",
        "I don't want to talk to anyone, just tell me the opening hours",
        "I already talked to an agent yesterday and it was fine",
        "Do I need to talk to someone to cancel my subscription?",
        "I want to add a person to my team workspace",
        "I'm a real person, not a robot",
        "How do I reset my password?",
    ]

    static let germanRequests: [String] = [
        "Ich möchte mit einem Mitarbeiter sprechen",
        "Kann ich bitte mit einem echten Menschen reden?",
        "Verbinden Sie mich bitte mit einem Kundenberater",
        "Mitarbeiter bitte!",
        "Dieser Bot ist nutzlos, ich will einen Menschen",
        "Gibt es hier einen echten Menschen?",
        "Ist da jemand?",
        "Ich brauche einen Ansprechpartner",
        "Ich will nicht mit einer Maschine reden",
        "Mit wem kann ich sprechen?",
        "Mochte mit jemandem sprechen, der sich auskennt",
        "Können Sie mich weiterleiten?",
        "Einen Kundenberater, bitte.",
        "Ich hätte gerne einen echten Menschen am Telefon",
    ]

    static let germanNonRequests: [String] = [
        "Bist du ein Mensch?",
        "Sind Sie ein Bot?",
        "Ich brauche keinen Mitarbeiter, danke",
        "Ich möchte einen Mitarbeiter zu meinem Konto hinzufügen",
        "Wie viele Mitarbeiter kann ich in meinem Tarif anlegen?",
        "Jemand hat meine Karte gestohlen",
        "Das war ein menschlicher Fehler",
        "Ich möchte nicht mit einem Menschen sprechen, der Bot reicht mir",
        "Spreche ich mit einem Menschen?",
        "Ich habe gestern mit einem Mitarbeiter gesprochen",
        "Kann jemand anderes mein Konto benutzen?",
        "Mensch, das dauert aber lange heute",
    ]

    static let frenchRequests: [String] = [
        "Je voudrais parler à un conseiller",
        "Je veux parler à quelqu’un",
        "je veux parler a quelquun",
        "Passez-moi un humain s'il vous plaît",
        "Un conseiller svp",
        "Ce robot ne comprend rien, je veux une vraie personne",
        "Y a-t-il un humain derrière l'écran ?",
        "Est-ce que je peux être mis en relation avec un agent ?",
        "Je ne veux plus parler à un robot",
        "J'ai besoin de l'aide d'un humain",
        "Il y a quelqu'un ?",
        "Mettez-moi en relation avec le service client",
        "À qui puis-je parler ?",
    ]

    static let frenchNonRequests: [String] = [
        "Es-tu un robot ?",
        "Êtes-vous humain ?",
        "Pas besoin d'un humain, merci",
        "Je n'ai pas besoin de parler à un conseiller",
        "Je ne veux parler à personne",
        "Mon opérateur mobile a coupé ma ligne",
        "Mon agent immobilier ne répond pas",
        "Combien d'agents puis-je ajouter à mon abonnement ?",
        "Quelqu'un a volé ma carte",
        "Est-ce que je parle à un humain ?",
        "Le tarif est de 10 euros par personne",
        "J'ai déjà parlé à un conseiller hier",
    ]

    static let spanishRequests: [String] = [
        "Quiero hablar con una persona",
        "¿Puedo hablar con un agente humano?",
        "No quiero hablar con una máquina",
        "Pásame con un asesor, por favor",
        "Necesito hablar con alguien de verdad",
        "¿Hay alguien ahí?",
        "Un agente por favor",
        "Este bot no sirve, quiero un humano",
        "Comuníqueme con un representante",
        "¿Con quién puedo hablar?",
        "Quiero que me atienda una persona real",
    ]

    static let spanishNonRequests: [String] = [
        "¿Eres humano?",
        "¿Eres un bot?",
        "No necesito un agente, gracias",
        "No quiero hablar con nadie",
        "Tengo una duda sobre recursos humanos",
        "Mi agente de viajes reservó mal el vuelo",
        "¿Cuántos agentes puedo añadir a mi plan?",
        "Alguien robó mi tarjeta",
        "¿Estoy hablando con una persona?",
        "El precio es por persona",
        "Mi operador móvil me cobró de más",
    ]

    static let portugueseRequests: [String] = [
        "Quero falar com um atendente",
        "Preciso falar com um humano",
        "Posso falar com uma pessoa de verdade?",
        "Me transfere para um atendente, por favor",
        "Atendente, por favor",
        "Esse robô não resolve nada, quero falar com alguém",
        "Tem alguém aí?",
        "Não quero falar com robô",
        "Gostaria de ser atendido por um humano",
        "Com quem posso falar?",
    ]

    static let portugueseNonRequests: [String] = [
        "Você é humano?",
        "Você é um robô?",
        "Não preciso de atendente, obrigado",
        "Não quero falar com ninguém",
        "Minha operadora de celular cortou a linha",
        "Foi um erro humano",
        "Quantos agentes posso adicionar ao meu plano?",
        "Alguém clonou meu cartão",
        "Estou falando com uma pessoa?",
        "O preço é por pessoa",
    ]

    static let italianRequests: [String] = [
        "Vorrei parlare con un operatore",
        "Voglio parlare con una persona vera",
        "Mi passi un operatore, per favore",
        "Operatore!",
        "Questo bot è inutile, voglio parlare con qualcuno",
        "C'è qualcuno?",
        "Ho bisogno di un operatore umano",
        "Non voglio parlare con una macchina",
        "Posso parlare con un consulente?",
        "Con chi posso parlare?",
    ]

    static let italianNonRequests: [String] = [
        "Sei un bot?",
        "Sei umano?",
        "Non ho bisogno di un operatore, grazie",
        "Non voglio parlare con nessuno",
        "Il mio operatore telefonico mi ha addebitato troppo",
        "È stato un errore umano",
        "Quanti agenti posso aggiungere al mio piano?",
        "Qualcuno ha rubato la mia carta",
        "Sto parlando con una persona vera?",
        "Il prezzo è per persona",
    ]

    static let dutchRequests: [String] = [
        "Ik wil een medewerker spreken",
        "Kan ik met een mens praten?",
        "Ik wil graag met een echte persoon chatten",
        "Verbind me door met de klantenservice",
        "Medewerker graag",
        "Deze bot snapt er niks van, ik wil iemand spreken",
        "Is er een echte medewerker beschikbaar?",
        "Ik wil niet met een robot praten",
        "Kunt u mij doorverbinden?",
        "Met wie kan ik praten?",
    ]

    static let dutchNonRequests: [String] = [
        "Ben je een mens?",
        "Ben jij een bot?",
        "Ik heb geen medewerker nodig",
        "Ik wil met niemand praten",
        "Hoeveel medewerkers kan ik toevoegen aan mijn abonnement?",
        "Ik wil een medewerker toevoegen aan mijn account",
        "Iemand heeft mijn pas gestolen",
        "Praat ik met een mens?",
        "De prijs is per persoon",
        "Ik heb gisteren al met een medewerker gesproken",
    ]

    /// Person nouns: colleagues, staff, "someone from support", collaborators, consultants, an
    /// assistant qualified as real, and plurals qualified as real (before or after the noun).
    static let personNounRequests: [String] = [
        "Can you pass me on to a colleague of yours?",
        "I'd like to speak with one of your coworkers",
        "I need somebody from the billing department",
        "someone from tech support please",
        "Could a staff member help me with my refund?",
        "Can I chat with a team member?",
        "I'd like to chat with a real assistant",
        "I want to talk to real people, not a script",
        "Ich möchte mit einem Kollegen von Ihnen sprechen",
        "Ich brauche jemanden aus der Buchhaltung",
        "Kann ich mit echten Menschen reden?",
        "Ich will mit einem echten Assistenten reden",
        "Je voudrais parler à une collègue",
        "Un collaborateur peut-il m'aider ?",
        "Quiero hablar con un colega suyo",
        "Necesito a alguien del equipo de soporte",
        "Quero falar com um dos vossos colegas",
        "Preciso de alguém da equipe de suporte",
        "Vorrei parlare con un collega",
        "Voglio parlare con persone vere",
        "Ik wil met een collega van jullie praten",
        "Ik wil met een echte assistent praten",
    ]

    /// Request frames: hand over / take over / discuss with / get me someone / separable verbs /
    /// put in contact / bare imperatives, and a topic or object between the verb and the person.
    static let requestFrameRequests: [String] = [
        "Please hand me off to someone from billing",
        "Could an actual person take over this conversation?",
        "Could someone from your team take over, please?",
        "I'd rather discuss my refund with a real person",
        "Can I talk about my order with an agent?",
        "Could you transfer my call to a supervisor?",
        "Put me in contact with a support agent",
        "get me please someone who can fix this",
        "Kann ein Kollege das übernehmen?",
        "Holen Sie mir bitte jemanden vom Kundendienst",
        "Stell mich bitte zu einem Mitarbeiter durch",
        "Leiten Sie mich bitte an einen Kollegen weiter",
        "Können Sie mich mit einem Mitarbeiter in Kontakt bringen?",
        "Ich möchte über meine Rechnung mit einem Mitarbeiter sprechen",
        "Ich brauche einen echten Menschen wegen meiner Kündigung",
        "Pouvez-vous me mettre en contact avec un collègue ?",
        "Quelqu'un du service client peut prendre le relais ?",
        "Je voudrais discuter de mon contrat avec un conseiller",
        "¿Alguien del equipo de soporte puede encargarse?",
        "Quiero hablar de mi factura con una persona",
        "¿Me pone en contacto con un asesor?",
        "Passa pra um atendente, por favor",
        "Alguém da equipe pode assumir?",
        "Posso essere messa in contatto con un operatore?",
        "Qualcuno dell'assistenza può prendere in carico?",
        "Kan een medewerker van jullie het overnemen?",
        "Zet me even door naar een medewerker",
        "Kunt u mij in contact brengen met een medewerker?",
    ]

    /// Availability questions with an additive particle or a qualifier after "someone".
    static let availabilityRequests: [String] = [
        "Is there an actual person here?",
        "Is anyone real there?",
        "Gibt es bei euch überhaupt noch echte Leute?",
        "Ist da irgendwer Richtiges?",
        "Y a-t-il aussi des vraies personnes ?",
        "Is er ook een echte persoon aanwezig?",
    ]

    /// Misspelt person and request words (a dropped, doubled, swapped or neighbouring letter, a
    /// misspelt vowel, a silent "h", "k" for "qu").
    static let misspelledRequests: [String] = [
        "I want to speek to a humann",
        "connect me to a represntative",
        "can I talk to an agnet",
        "Can I speak to a supervsior?",
        "Ich will mit einem Mitarbieter sprechen",
        "Je veux parler à un consiller",
        "Necesito hablar con una presona",
        "kisiera ablar con un asesor",
        "Preciso falar com um atendnete",
        "Voglio parlare con un operatroe",
        "Ik wil een medewerkre spreken",
    ]

    /// Hard negatives for the rules above: comparisons, taking over an account, statements about
    /// colleagues or support staff, qualified words that are not a request, and real words that
    /// only look like misspellings ("college", "superior", "stuff", "argent").
    static let newRuleNonRequests: [String] = [
        "This chat is way better than talking to a human",
        "Honestly faster than speaking with an agent on the phone",
        "Can someone take over my account if I die?",
        "Someone from your team already called me yesterday",
        "Did someone from support access my account?",
        "My colleague set up the account",
        "How many colleagues can I invite?",
        "Is the assistant able to read PDFs?",
        "I want to transfer money to a person",
        "I want to chat about the person who called me",
        "Please don't hand me over to a colleague",
        "I don't want to be put in contact with anyone",
        "I want to contact the college",
        "I want a superior product",
        "I need the stuff delivered tomorrow",
        "Das ist besser als mit einem Menschen zu telefonieren",
        "Ich habe mit einer Kollegin telefoniert",
        "Kann jemand anderes das übernehmen?",
        "Ich möchte einen Kollegen zu meinem Konto hinzufügen",
        "Ich möchte nicht mit einem Kollegen über meine Rechnung sprechen",
        "C'est mieux que de parler à un conseiller",
        "Je veux mon argent",
        "Es más fácil que hablar con un agente",
        "Quiero transferir de mi cuenta a una persona",
        "Mi compañero ya habló con un agente",
        "É melhor do que falar com um atendente",
        "Meglio che parlare con un operatore",
        "Qualcuno del supporto mi ha già chiamato",
        "Dit is beter dan praten met een medewerker",
        "Zet me niet door, ik wil alleen mijn factuur",
    ]

    /// Spellings that must be treated alike: curly/straight/no apostrophes, with/without accents.
    static let equivalentSpellings: [(String, String)] = [
        ("Je veux parler à quelqu'un", "je veux parler a quelquun"),
        ("Je veux parler à quelqu’un", "JE VEUX PARLER À QUELQU UN"),
        ("Ich möchte mit einem Mitarbeiter sprechen", "ich mochte mit einem mitarbeiter sprechen"),
        ("Ich möchte mit einem Mitarbeiter sprechen", "Ich moechte mit einem Mitarbeiter sprechen"),
        ("¿Puedo hablar con un agente humano?", "puedo hablar con un agente humano"),
        ("Não quero falar com robô", "nao quero falar com robo"),
        ("C'è qualcuno?", "C’è qualcuno?"),
        ("Why don’t you connect me to an agent", "Why dont you connect me to an agent"),
    ]
}
// END EXAMPLES

private let detector = HumanRequestDetector()

@Suite("HumanRequestDetector")
struct HumanRequestDetectorTests {
    // MARK: English

    @Test("English: asks for a person", arguments: HumanRequestExamples.englishRequests)
    func englishRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
        #expect(detector.evidence(in: text) != nil)
    }

    @Test("English: does not ask for a person", arguments: HumanRequestExamples.englishNonRequests)
    func englishNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
        #expect(detector.evidence(in: text) == nil)
    }

    // MARK: German

    @Test("German: asks for a person", arguments: HumanRequestExamples.germanRequests)
    func germanRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("German: does not ask for a person", arguments: HumanRequestExamples.germanNonRequests)
    func germanNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: French

    @Test("French: asks for a person", arguments: HumanRequestExamples.frenchRequests)
    func frenchRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("French: does not ask for a person", arguments: HumanRequestExamples.frenchNonRequests)
    func frenchNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: Spanish

    @Test("Spanish: asks for a person", arguments: HumanRequestExamples.spanishRequests)
    func spanishRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Spanish: does not ask for a person", arguments: HumanRequestExamples.spanishNonRequests)
    func spanishNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: Portuguese

    @Test("Portuguese: asks for a person", arguments: HumanRequestExamples.portugueseRequests)
    func portugueseRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Portuguese: does not ask for a person", arguments: HumanRequestExamples.portugueseNonRequests)
    func portugueseNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: Italian

    @Test("Italian: asks for a person", arguments: HumanRequestExamples.italianRequests)
    func italianRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Italian: does not ask for a person", arguments: HumanRequestExamples.italianNonRequests)
    func italianNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: Dutch

    @Test("Dutch: asks for a person", arguments: HumanRequestExamples.dutchRequests)
    func dutchRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Dutch: does not ask for a person", arguments: HumanRequestExamples.dutchNonRequests)
    func dutchNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
    }

    // MARK: Person nouns, request frames, availability, misspellings

    @Test("Colleagues, staff, someone from support", arguments: HumanRequestExamples.personNounRequests)
    func personNounRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Hand over, take over, discuss with, separable verbs", arguments: HumanRequestExamples.requestFrameRequests)
    func requestFrameRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Is there also a real person?", arguments: HumanRequestExamples.availabilityRequests)
    func availabilityRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Misspelt person and request words", arguments: HumanRequestExamples.misspelledRequests)
    func misspelledRequest(_ text: String) {
        #expect(detector.isRequestingHuman(text))
    }

    @Test("Comparisons, statements, look-alike words", arguments: HumanRequestExamples.newRuleNonRequests)
    func newRuleNonRequest(_ text: String) {
        #expect(!detector.isRequestingHuman(text))
        #expect(detector.evidence(in: text) == nil)
    }

    @Test func typingErrorDistance() {
        func distance(_ typed: String, _ intended: String) -> Int {
            let a = HumanRequestDetector.FuzzyIndex.skeleton(typed)!
            let b = HumanRequestDetector.FuzzyIndex.skeleton(intended)!
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in HumanRequestDetector.FuzzyIndex.distance(a, b, limit: 3) }
            }
        }
        #expect(distance("humna", "human") == 1)  // swapped letters
        #expect(distance("reprsentative", "representative") == 1)  // dropped letter
        #expect(distance("humann", "human") == 1)  // doubled letter
        #expect(distance("speek", "speak") == 1)  // misspelt vowel
        #expect(distance("agwnt", "agent") == 1)  // neighbouring key
        #expect(distance("kiero", "quiero") == 0)  // "k" for "qu"
        #expect(distance("ablar", "hablar") == 0)  // silent "h"
        #expect(distance("sneak", "speak") == 2)  // keys far apart: a real word, not a slip
        #expect(distance("collected", "connected") > 2)
    }

    @Test func separableVerbQuotesTheStem() throws {
        let evidence = try #require(detector.evidence(in: "Stellen Sie mich bitte zu einer Kollegin durch"))
        #expect(evidence.contains("Kollegin"))
    }

    // MARK: Normalization and evidence

    @Test("Apostrophes, accents and case do not matter", arguments: HumanRequestExamples.equivalentSpellings)
    func equivalentSpellings(_ pair: (String, String)) {
        #expect(detector.isRequestingHuman(pair.0))
        #expect(detector.isRequestingHuman(pair.0) == detector.isRequestingHuman(pair.1))
    }

    @Test func evidenceQuotesTheRequest() {
        #expect(detector.evidence(in: "Hi. Can I talk to a human?") == "asked for a person: \"talk to a human\"")
        #expect(detector.evidence(in: "stop, human") == "asked for a person: \"human\"")
        #expect(detector.evidence(in: "Are you human?") == nil)
    }

    @Test func evidenceKeepsTheOriginalSpelling() throws {
        let evidence = try #require(detector.evidence(in: "Je veux parler à quelqu’un !"))
        #expect(evidence.contains("parler à quelqu’un"))
    }

    @Test func emptyAndPunctuationOnlyMessagesAreNotRequests() {
        #expect(!detector.isRequestingHuman(""))
        #expect(!detector.isRequestingHuman("   "))
        #expect(!detector.isRequestingHuman("?!..."))
        #expect(!detector.isRequestingHuman("👍"))
    }

    /// The languages come from the one list of language tables, and the detector
    /// scans every one of them, in that order.
    @Test func theSevenLanguagesAreTheTablesTheDetectorScans() {
        let codes = HumanRequestDetector.LanguageTable.all.map(\.code)
        #expect(codes == ["en", "de", "fr", "es", "pt", "it", "nl"])
        #expect(HumanRequestDetector.Lexicon.shared.languages.map(\.code) == codes)
    }
}

/// What a message says besides asking for a person: a ticket's subject and
/// summary come from it, not from "I want to talk to a person".
@Suite struct SubstanceTests {
    let detector = HumanRequestDetector()

    @Test(arguments: [
        "I want to talk to a person", "human please", "Can I speak to an agent?", "operator!",
        "Ich möchte mit einem Menschen sprechen",
    ])
    func aBareRequestForAPersonSaysNothingElse(_ text: String) {
        #expect(detector.substance(of: text) == nil, "\(text)")
    }

    @Test(arguments: [
        "My invoice is wrong twice this month, can I talk to a person?",
        "Where is my parcel? It was due on Monday",
        "how many agents can I add",
    ])
    func aMessageWithAProblemKeepsIt(_ text: String) {
        #expect(detector.substance(of: text) == text, "\(text)")
    }
}
