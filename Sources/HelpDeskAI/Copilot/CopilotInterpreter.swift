import Foundation
import HelpDeskCore

/// The copilot's built-in interpreter: an operator's question, in English,
/// German, French or Spanish, to a `CopilotQuery`, offline and in microseconds.
///
/// The question is folded (lowercase, no accents) and split into words; each
/// word is looked up in small per-concept vocabularies, forgiving one typing
/// error in words of five letters or more (two from nine). Then, in order:
/// - a change request ("close 10042", "assign the urgent ones to me", "lösche…")
///   is refused — a write verb at the start, after politeness ("please", "can
///   you", "bitte", "peux-tu", "puedes");
/// - a ticket number (five digits or more, or `#` and digits) is shown;
/// - "how many" / "wie viele" / "combien" / "cuántos" counts, broken down by
///   "per channel", "by assignee", "who has the most…";
/// - any filter or ticket word lists;
/// - anything else is not understood.
/// Filters: status, unassigned, mine, a member's name, priority, channel, an AI
/// agent's name, the requester ("from Hans Müller", an email address), a topic
/// ("about refunds", "über Rechnungen") and a time range in the team's days
/// (today, yesterday, this / last week, last N days, since Monday, in November,
/// this month).
public struct CopilotInterpreter: Sendable {
    /// The team's members' display names and AI agents' names, as they are spelt.
    public var members: [String]
    public var agents: [String]

    public init(members: [String] = [], agents: [String] = []) {
        self.members = members
        self.agents = agents
    }

    public func interpret(_ question: String, today: CalendarDay) -> CopilotQuery {
        var reading = Reading(original: question, interpreter: self, today: today)
        return reading.run()
    }

    // MARK: - Vocabulary (folded: lowercase, no accents)

    static let politeness: Set<String> = [
        "please", "pls", "plz", "can", "could", "would", "will", "you", "u", "kindly", "just", "now", "hey", "hi",
        "bitte", "kannst", "koenntest", "konntest", "kannste", "du", "sie", "mal", "doch", "bitteschon", "jetzt",
        "peux", "pouvez", "pourrais", "pourriez", "tu", "vous", "stp", "svp", "merci", "de", "s", "il", "te", "plait",
        "puedes", "podrias", "puede", "podria", "por", "favor", "porfa", "me", "ya", "ahora", "hola", "ok", "okay",
    ]
    /// Imperatives (and infinitives after "can you") that change tickets.
    static let writeVerbs: Set<String> = [
        "close", "resolve", "assign", "reassign", "reply", "respond", "answer", "delete", "remove", "merge",
        "reopen", "change", "set", "escalate", "send", "mark", "update", "move", "unassign", "archive", "write",
        "edit", "transfer", "give", "prioritize", "prioritise", "schliesse", "schliess", "schliessen", "loese",
        "lose", "loesen", "losen", "weise", "zuweisen", "antworte", "antworten", "loesche", "losche", "loeschen",
        "loschen", "aendere", "andere", "aendern", "andern", "setze", "setzen", "markiere", "markieren",
        "verschiebe", "eskaliere", "eskalieren", "schicke", "sende", "senden", "schreibe", "setz", "weis",
        "zusammenfuehren", "zusammenfuhren", "erledige", "ferme", "fermer", "resous", "resoudre", "assigne",
        "assigner", "attribue", "attribuer", "reponds", "repondre", "supprime", "supprimer", "efface", "fusionne",
        "fusionner", "modifie", "modifier", "rouvre", "rouvrir", "envoie", "envoyer", "marque", "marquer", "mets",
        "mettre", "passe", "cierra", "cerrar", "resuelve", "resolver", "asigna", "asignar", "responde", "responder",
        "elimina", "eliminar", "borra", "borrar", "fusiona", "fusionar", "cambia", "cambiar", "reabre", "reabrir",
        "envia", "enviar", "marca", "marcar", "pon", "poner", "escala", "escalar", "mueve", "mover", "asigname",
        "asignale", "asignalos", "asignamelos", "cierralo", "cierralos", "borralo", "cambiale", "respondele",
        "attribue-moi", "assigne-moi", "ferme-le",
    ]
    /// German infinitives that end a request: "Ticket 10099 wieder öffnen", "alle dringenden mir zuweisen".
    static let finalWriteVerbs: Set<String> = [
        "oeffnen", "offnen", "schliessen", "loeschen", "loschen", "zuweisen", "aendern", "andern", "setzen",
        "zusammenfuehren", "zusammenfuhren", "beantworten", "eskalieren", "verschieben", "markieren",
    ]
    static let countCues: [[String]] = [
        ["how", "many"], ["how", "much"], ["count"], ["number", "of"], ["total"], ["wie", "viele"], ["wieviele"],
        ["anzahl"], ["combien"], ["nombre", "de"], ["cuantos"], ["cuantas"], ["numero", "de"], ["cantidad"],
    ]
    static let mostCues: [[String]] = [
        ["who", "has", "the", "most"], ["who", "has", "most"], ["wer", "hat", "die", "meisten"],
        ["wer", "hat", "am", "meisten"], ["qui", "a", "le", "plus"], ["quien", "tiene", "mas"],
    ]
    static let groupWords: [String: CopilotQuery.GroupBy] = [
        "channel": .channel, "channels": .channel, "kanal": .channel, "kanale": .channel, "kanaele": .channel,
        "canal": .channel, "canaux": .channel, "canales": .channel, "assignee": .assignee, "assignees": .assignee,
        "operator": .assignee, "operators": .assignee, "person": .assignee, "member": .assignee,
        "members": .assignee, "bearbeiter": .assignee, "mitarbeiter": .assignee, "operateur": .assignee,
        "agent": .assignee, "agente": .assignee, "operador": .assignee, "persona": .assignee,
        "responsable": .assignee, "status": .status, "statut": .status, "estado": .status, "priority": .priority,
        "priorities": .priority, "prioritat": .priority, "prioritaet": .priority, "priorite": .priority,
        "prioridad": .priority, "bot": .agent, "bots": .agent,
    ]
    static let groupLinks: Set<String> = ["per", "by", "pro", "nach", "je", "par", "por", "each", "chaque", "cada"]
    static let statusWords: [String: CopilotQuery.StatusFilter] = [
        "open": .open, "opened": .open, "offen": .open, "offene": .open, "offenen": .open, "ouvert": .open,
        "ouverts": .open, "ouverte": .open, "ouvertes": .open, "abierto": .open, "abiertos": .open,
        "abierta": .open, "abiertas": .open, "pending": .pending, "waiting": .pending, "wartend": .pending,
        "wartende": .pending, "ausstehend": .pending, "ausstehende": .pending, "attente": .pending,
        "pendiente": .pending, "pendientes": .pending, "espera": .pending, "resolved": .resolved,
        "solved": .resolved, "closed": .resolved, "done": .resolved, "finished": .resolved, "geloest": .resolved,
        "gelost": .resolved, "geloste": .resolved, "geloesten": .resolved, "gelosten": .resolved,
        "erledigt": .resolved, "erledigte": .resolved, "erledigten": .resolved, "geschlossen": .resolved,
        "geschlossene": .resolved, "geschlossenen": .resolved, "resolu": .resolved, "resolus": .resolved,
        "resolue": .resolved, "resolues": .resolved, "ferme": .resolved, "fermes": .resolved, "fermee": .resolved,
        "fermees": .resolved, "clos": .resolved, "resuelto": .resolved, "resueltos": .resolved,
        "resuelta": .resolved, "resueltas": .resolved, "cerrado": .resolved, "cerrados": .resolved,
        "cerrada": .resolved, "cerradas": .resolved, "resolvio": .resolved, "resolvieron": .resolved,
        "cerro": .resolved, "cerraron": .resolved, "clotures": .resolved, "cloture": .resolved,
        "unresolved": .unresolved, "active": .unresolved,
        "ungeloest": .unresolved, "ungelost": .unresolved, "ungelosten": .unresolved, "unerledigt": .unresolved,
        "unerledigte": .unresolved, "unerledigten": .unresolved, "aktive": .unresolved, "aktiven": .unresolved,
        "actifs": .unresolved, "activos": .unresolved,
    ]
    /// Word pairs first: "en attente", "non résolus", "not closed", "sin resolver".
    static let statusPhrases: [([String], CopilotQuery.StatusFilter)] = [
        (["not", "resolved"], .unresolved), (["not", "closed"], .unresolved), (["still", "open"], .open),
        (["nicht", "geloest"], .unresolved), (["nicht", "gelost"], .unresolved),
        (["nicht", "erledigt"], .unresolved), (["non", "resolus"], .unresolved), (["non", "resolu"], .unresolved),
        (["non", "fermes"], .unresolved), (["en", "cours"], .unresolved), (["sin", "resolver"], .unresolved),
        (["no", "resueltos"], .unresolved), (["en", "attente"], .pending), (["en", "espera"], .pending),
    ]
    static let unassignedPhrases: [[String]] = [
        ["unassigned"], ["not", "assigned"], ["nobody", "assigned"], ["no", "assignee"], ["without", "assignee"],
        ["without", "an", "assignee"], ["nicht", "zugewiesen"], ["nicht", "zugewiesene"], ["nicht", "zugewiesenen"],
        ["unzugewiesen"], ["unzugewiesene"], ["unzugewiesenen"], ["ohne", "bearbeiter"], ["ohne", "zuweisung"],
        ["non", "assigne"], ["non", "assignes"], ["non", "attribue"], ["non", "attribues"], ["sans", "assignation"],
        ["sans", "responsable"], ["sin", "asignar"], ["no", "asignados"], ["sin", "asignacion"],
        ["sin", "responsable"], ["nobody", "picked", "up"], ["nobody", "owns"], ["no", "one", "owns"],
        ["nobody", "has", "taken"], ["nobody", "took"], ["niemand", "zugewiesen"], ["personne", "n"],
        ["nadie", "asignado"],
    ]
    static let minePhrases: [[String]] = [
        ["my"], ["mine"], ["assigned", "to", "me"], ["for", "me"], ["meine"], ["meinen"], ["mir", "zugewiesen"],
        ["mir", "zugewiesene"], ["mir", "zugewiesenen"], ["mes"], ["mon"], ["a", "moi"], ["pour", "moi"], ["mis"],
        ["mios"],
        ["asignados", "a", "mi"], ["have", "i"], ["i", "have"], ["i", "got"], ["do", "i"], ["habe", "ich"],
        ["ich", "habe"], ["hab", "ich"], ["j", "ai"], ["tengo"], ["ai", "je"],
    ]
    static let priorityWords: [String: Priority] = [
        "urgent": .urgent, "urgente": .urgent, "urgentes": .urgent, "dringend": .urgent, "dringende": .urgent,
        "dringenden": .urgent, "high": .high, "hoch": .high, "hohe": .high, "hoher": .high, "hohen": .high,
        "haute": .high, "elevee": .high, "alta": .high, "altas": .high, "alto": .high, "low": .low,
        "niedrig": .low, "niedrige": .low, "niedrigen": .low, "basse": .low, "faible": .low, "baja": .low,
        "bajas": .low, "normal": .normal, "normale": .normal, "normalen": .normal, "moyenne": .normal,
        "media": .normal,
    ]
    static let channelWords: [String: Channel] = [
        "whatsapp": .whatsapp, "wa": .whatsapp, "telegram": .telegram, "email": .email, "emails": .email,
        "mail": .email, "mails": .email, "courriel": .email, "courriels": .email, "correo": .email,
        "correos": .email, "web": .web, "website": .web, "widget": .web, "webchat": .web, "chat": .web,
        "livechat": .web, "site": .web, "webseite": .web, "sitio": .web,
    ]
    static let ticketWords: Set<String> = [
        "ticket", "tickets", "conversation", "conversations", "case", "cases", "issue", "issues", "request",
        "requests", "inbox", "anfragen", "anfrage", "faelle", "falle", "fall", "vorgange", "vorgaenge", "demandes",
        "demande", "dossiers", "casos", "caso", "solicitudes", "consultas", "show", "list", "find", "zeig", "zeige",
        "liste", "finde", "montre", "affiche", "trouve", "muestra", "muestrame", "lista", "busca", "which", "what",
    ]
    static let topicLinks: Set<String> = [
        "about", "regarding", "concerning", "mentioning", "ueber", "uber", "bezueglich", "bezuglich", "wegen", "zum",
        "zu", "zur", "thema", "concernant", "sur", "propos", "sobre", "acerca", "mencionando", "containing",
    ]
    static let requesterLinks: Set<String> = ["from", "von", "by", "de", "del", "par"]
    static let stopAfterTopic: Set<String> = [
        "from", "this", "last", "today", "yesterday", "since", "in", "von", "seit", "heute", "gestern", "diese",
        "dieser", "letzte", "letzten", "im", "depuis", "aujourd", "hier", "cette", "ce", "derniere", "dernier",
        "derniers", "desde", "hoy", "ayer", "esta", "este", "pasada", "ultimos", "and", "und", "et", "y",
        "assigned", "on", "via", "per", "by", "that", "which", "who", "die", "der", "qui", "que", "dont", "los",
    ]
    static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
        "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6, "lunes": 0,
        "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5, "domingo": 6,
    ]
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "januar": 1, "februar": 2, "maerz": 3,
        "marz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12, "janvier": 1, "fevrier": 2,
        "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "decembre": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    ]
}

extension CopilotInterpreter {
    /// One question being read: its words, which are used up, and what they say.
    struct Reading {
        let original: String
        let interpreter: CopilotInterpreter
        let today: CalendarDay
        var words: [String] = []
        /// The words as typed (case kept, accents kept), for names and topics.
        var raw: [String] = []
        var used: [Bool] = []
        var query = CopilotQuery(intent: .unknown)

        init(original: String, interpreter: CopilotInterpreter, today: CalendarDay) {
            self.original = original
            self.interpreter = interpreter
            self.today = today
            let pieces = original.split(whereSeparator: { !($0.isLetter || $0.isNumber || "@.#_+".contains($0)) })
                .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".-")) }
                .filter { !$0.isEmpty }
            raw = pieces
            words = pieces.map {
                $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            }
            used = Array(repeating: false, count: words.count)
        }

        mutating func run() -> CopilotQuery {
            guard !words.isEmpty else { return query }
            if isWriteRequest() { return CopilotQuery(intent: .refuse) }
            let counting = findCount()
            findNumber()
            findRequesterEmail()
            findRange()
            findStatus()
            findAssignee()
            findPriorityAndChannel()
            findAgent()
            findRequesterName()
            findTopic()
            if let number = query.number, !counting {
                return CopilotQuery(intent: .show, number: number)
            }
            if counting {
                query.intent = .count
            } else if (query.hasFilters && !(query.range != nil && !hasOtherFilters))
                || words.contains(where: { Self.fuzzy($0, in: CopilotInterpreter.ticketWords) })
            {
                query.intent = .list
            } else {
                return CopilotQuery(intent: .unknown)
            }
            return query
        }

        /// Filters other than a time range ("yesterday" alone is not a question about tickets).
        var hasOtherFilters: Bool {
            query.status != nil || query.assignee != nil || query.priority != nil || query.channel != nil
                || query.requester != nil || query.agent != nil || query.text != nil
        }

        // MARK: Matching

        /// Whether `word` is in `set`, forgiving a typing error in longer words.
        static func fuzzy(_ word: String, in set: Set<String>) -> Bool {
            set.contains(word) || fuzzyMatch(word, Array(set)) != nil
        }

        static func fuzzyMatch(_ word: String, _ candidates: [String]) -> String? {
            let budget = word.count >= 9 ? 2 : word.count >= 5 ? 1 : 0
            guard budget > 0 else { return nil }
            let a = Array(word)
            var best: (String, Int)?
            for candidate in candidates where abs(candidate.count - word.count) <= budget && candidate.count >= 4 {
                let d = distance(a, Array(candidate), limit: budget)
                if d <= budget, best == nil || d < best!.1 { best = (candidate, d) }
            }
            return best?.0
        }

        /// Damerau–Levenshtein (optimal string alignment), giving up past `limit`.
        static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
            if a == b { return 0 }
            var previous2 = [Int](repeating: 0, count: b.count + 1)
            var previous = Array(0...b.count)
            var current = [Int](repeating: 0, count: b.count + 1)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                current[0] = i
                var rowBest = current[0]
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        current[j] = min(current[j], previous2[j - 2] + 1)
                    }
                    rowBest = min(rowBest, current[j])
                }
                if rowBest > limit { return limit + 1 }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return a.isEmpty ? b.count : previous[b.count]
        }

        /// The index where `phrase` starts among unused words, if it does.
        func find(_ phrase: [String], fuzzy: Bool = false) -> Int? {
            guard phrase.count <= words.count else { return nil }
            for start in 0...(words.count - phrase.count) {
                var ok = true
                for (offset, part) in phrase.enumerated() {
                    let word = words[start + offset]
                    if used[start + offset] {
                        ok = false
                        break
                    }
                    if word == part { continue }
                    if fuzzy, part.count >= 6, Self.fuzzyMatch(word, [part]) != nil { continue }
                    ok = false
                    break
                }
                if ok { return start }
            }
            return nil
        }

        mutating func use(_ start: Int, _ count: Int) {
            for i in start..<min(start + count, used.count) { used[i] = true }
        }

        // MARK: Rules

        /// A write verb at the start, past greetings and "please" / "can you".
        func isWriteRequest() -> Bool {
            var i = 0
            while i < words.count, CopilotInterpreter.politeness.contains(words[i]) { i += 1 }
            guard i < words.count else { return false }
            let word = words[i]
            if CopilotInterpreter.writeVerbs.contains(word) { return true }
            // "let's close", "i want to close" are requests too.
            if ["i", "we", "lets", "ich", "je", "quiero", "yo"].contains(word) {
                return words[(i + 1)...].prefix(4).contains(where: { CopilotInterpreter.writeVerbs.contains($0) })
                    && !words.contains(where: { ["how", "many", "wie", "combien", "cuantos", "did"].contains($0) })
            }
            if let last = words.last, CopilotInterpreter.finalWriteVerbs.contains(last) { return true }
            // A misspelt write verb ("clsoe"), unless the word is something else we know ("unassigned").
            let known =
                CopilotInterpreter.statusWords.keys.contains(word) || CopilotInterpreter.ticketWords.contains(word)
                || CopilotInterpreter.priorityWords.keys.contains(word) || word.hasPrefix("unassign")
                || Self.fuzzyMatch(word, Array(CopilotInterpreter.statusWords.keys)) != nil
            return !known && Self.fuzzyMatch(word, Array(CopilotInterpreter.writeVerbs)) != nil
        }

        mutating func findCount() -> Bool {
            var counting = false
            for cue in CopilotInterpreter.countCues {
                if let at = find(cue, fuzzy: true) {
                    use(at, cue.count)
                    counting = true
                    break
                }
            }
            for cue in CopilotInterpreter.mostCues {
                if let at = find(cue) {
                    use(at, cue.count)
                    query.groupBy = .assignee
                    return true
                }
            }
            // "per channel", "by assignee", "nach Status", "par canal", "por prioridad"
            for (i, word) in words.enumerated() where !used[i] && CopilotInterpreter.groupLinks.contains(word) {
                var k = i + 1
                // "per AI agent", "par agent IA", "je KI-Agent"
                var ai = false
                if k < words.count, ["ai", "ki", "ia"].contains(words[k]) {
                    ai = true
                    k += 1
                }
                guard k < words.count,
                    var group = CopilotInterpreter.groupWords[words[k]]
                        ?? Self.fuzzyMatch(words[k], Array(CopilotInterpreter.groupWords.keys)).flatMap({
                            CopilotInterpreter.groupWords[$0]
                        })
                else { continue }
                if ai || (k + 1 < words.count && ["ai", "ki", "ia"].contains(words[k + 1])) { group = .agent }
                query.groupBy = group
                use(i, k - i + 1)
                counting = true
            }
            return counting
        }

        mutating func findNumber() {
            for (i, word) in words.enumerated() where !used[i] {
                let digits = word.hasPrefix("#") ? String(word.dropFirst()) : word
                guard let number = Int(digits), digits.count <= 9,
                    digits.count >= 5 || word.hasPrefix("#") || (i > 0 && words[i - 1].hasPrefix("ticket"))
                else { continue }
                query.number = number
                used[i] = true
                return
            }
        }

        mutating func findRequesterEmail() {
            for (i, word) in words.enumerated() where !used[i] && word.contains("@") && word.contains(".") {
                query.requester = raw[i]
                used[i] = true
                if i > 0, CopilotInterpreter.requesterLinks.contains(words[i - 1]) { used[i - 1] = true }
            }
        }

        mutating func findRange() {
            func set(_ from: CalendarDay, _ to: CalendarDay, _ start: Int, _ count: Int) {
                query.range = DayRange(from: from, to: to)
                use(start, count)
            }
            let phrases: [([String], (CalendarDay) -> (CalendarDay, CalendarDay))] = [
                (["today"], { ($0, $0) }), (["heute"], { ($0, $0) }), (["aujourd", "hui"], { ($0, $0) }),
                (["aujourdhui"], { ($0, $0) }), (["hoy"], { ($0, $0) }),
                (["yesterday"], { ($0.adding(days: -1), $0.adding(days: -1)) }),
                (["gestern"], { ($0.adding(days: -1), $0.adding(days: -1)) }),
                (["hier"], { ($0.adding(days: -1), $0.adding(days: -1)) }),
                (["ayer"], { ($0.adding(days: -1), $0.adding(days: -1)) }),
                (["this", "week"], { ($0.adding(days: -$0.weekday), $0) }),
                (["diese", "woche"], { ($0.adding(days: -$0.weekday), $0) }),
                (["dieser", "woche"], { ($0.adding(days: -$0.weekday), $0) }),
                (["cette", "semaine"], { ($0.adding(days: -$0.weekday), $0) }),
                (["esta", "semana"], { ($0.adding(days: -$0.weekday), $0) }),
                (["last", "week"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["letzte", "woche"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["letzten", "woche"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["vergangene", "woche"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["semaine", "derniere"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["semana", "pasada"], { ($0.adding(days: -$0.weekday - 7), $0.adding(days: -$0.weekday - 1)) }),
                (["this", "month"], { (CalendarDay(year: $0.year, month: $0.month, day: 1), $0) }),
                (["diesen", "monat"], { (CalendarDay(year: $0.year, month: $0.month, day: 1), $0) }),
                (["diesem", "monat"], { (CalendarDay(year: $0.year, month: $0.month, day: 1), $0) }),
                (["ce", "mois"], { (CalendarDay(year: $0.year, month: $0.month, day: 1), $0) }),
                (["este", "mes"], { (CalendarDay(year: $0.year, month: $0.month, day: 1), $0) }),
            ]
            for (phrase, range) in phrases {
                if let at = find(phrase, fuzzy: true) {
                    let (from, to) = range(today)
                    set(from, to, at, phrase.count)
                    return
                }
            }
            // last N days / letzten N Tage / N derniers jours / últimos N días
            for (i, word) in words.enumerated() where !used[i] {
                guard let n = Int(word), n > 0, n < 400 else { continue }
                let next = i + 1 < words.count ? words[i + 1] : ""
                let before = i > 0 ? words[i - 1] : ""
                let dayWords: Set<String> = ["days", "day", "tage", "tagen", "jours", "dias"]
                if dayWords.contains(next)
                    || (next.hasPrefix("dernier") && i + 2 < words.count && words[i + 2] == "jours")
                {
                    let start = ["last", "past", "letzten", "vergangenen", "ultimos"].contains(before) ? i - 1 : i
                    set(today.adding(days: -(n - 1)), today, start, i - start + 2)
                    return
                }
                if ["weeks", "wochen", "semaines", "semanas"].contains(next) {
                    let start = ["last", "past", "letzten", "ultimas"].contains(before) ? i - 1 : i
                    set(today.adding(days: -(7 * n - 1)), today, start, i - start + 2)
                    return
                }
            }
            // since Monday / seit Montag / depuis lundi / desde el lunes
            for (i, word) in words.enumerated() where !used[i] {
                guard let weekday = CopilotInterpreter.weekdays[word] else { continue }
                var back = (today.weekday - weekday + 7) % 7
                if back == 0, word != "today" { back = 0 }
                let from = today.adding(days: -back)
                let sinceWords: Set<String> = ["since", "seit", "depuis", "desde", "el", "ab"]
                if i > 0, sinceWords.contains(words[i - 1]) {
                    let start = i >= 2 && sinceWords.contains(words[i - 2]) ? i - 2 : i - 1
                    set(from, today, start, i - start + 1)
                } else {
                    set(from, from, i, 1)
                }
                return
            }
            // in November / im November / en novembre / en noviembre
            for (i, word) in words.enumerated() where !used[i] {
                let linked =
                    i > 0
                    && ["in", "im", "en", "seit", "since", "depuis", "desde", "de", "during"].contains(words[i - 1])
                guard
                    let month = CopilotInterpreter.months[word]
                        ?? (linked
                            ? Self.fuzzyMatch(word, Array(CopilotInterpreter.months.keys)).flatMap({
                                CopilotInterpreter.months[$0]
                            }) : nil),
                    word.count >= 4 || linked
                else { continue }
                let year = month > today.month ? today.year - 1 : today.year
                let first = CalendarDay(year: year, month: month, day: 1)
                var last = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))
                if last > today { last = today }
                let start =
                    i > 0 && ["in", "im", "en", "during", "during", "au", "mois", "de"].contains(words[i - 1])
                    ? i - 1 : i
                set(first, last, start, i - start + 1)
                return
            }
        }

        mutating func findStatus() {
            for (phrase, status) in CopilotInterpreter.statusPhrases {
                if let at = find(phrase, fuzzy: true) {
                    query.status = status
                    use(at, phrase.count)
                    return
                }
            }
            for (i, word) in words.enumerated() where !used[i] {
                if let status = CopilotInterpreter.statusWords[word]
                    ?? Self.fuzzyMatch(word, Array(CopilotInterpreter.statusWords.keys)).flatMap({
                        CopilotInterpreter.statusWords[$0]
                    })
                {
                    // "resolve(d) by Riley", "closed": status; "open" as a verb ("open ticket 10042") was taken by show.
                    query.status = status
                    used[i] = true
                    return
                }
            }
        }

        mutating func findAssignee() {
            for phrase in CopilotInterpreter.unassignedPhrases {
                if let at = find(phrase, fuzzy: true) {
                    query.assignee = .unassigned
                    use(at, phrase.count)
                    return
                }
            }
            // A member by full or first name.
            if let named = findName(in: interpreter.members) {
                query.assignee = .named(named)
                return
            }
            for phrase in CopilotInterpreter.minePhrases {
                if let at = find(phrase) {
                    query.assignee = .me
                    use(at, phrase.count)
                    return
                }
            }
        }

        /// A name from `names` (full, or its first word), as the question spells it.
        mutating func findName(in names: [String]) -> String? {
            for name in names.sorted(by: { $0.count > $1.count }) {
                let parts = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
                    .split(separator: " ").map(String.init)
                if let at = find(parts, fuzzy: true) {
                    use(at, parts.count)
                    return raw[at..<(at + parts.count)].joined(separator: " ")
                }
                if let first = parts.first, first.count >= 3, let at = find([first]) {
                    used[at] = true
                    return raw[at]
                }
            }
            return nil
        }

        mutating func findPriorityAndChannel() {
            for (i, word) in words.enumerated() where !used[i] {
                if query.priority == nil,
                    let priority = CopilotInterpreter.priorityWords[word]
                        ?? Self.fuzzyMatch(word, Array(CopilotInterpreter.priorityWords.keys)).flatMap({
                            CopilotInterpreter.priorityWords[$0]
                        })
                {
                    query.priority = priority
                    used[i] = true
                    if i > 0, ["priority", "prioritat", "priorite", "prioridad"].contains(words[i - 1]) {
                        used[i - 1] = true
                    }
                    continue
                }
                if query.channel == nil,
                    let channel = CopilotInterpreter.channelWords[word]
                        ?? (word.count >= 5
                            ? Self.fuzzyMatch(word, Array(CopilotInterpreter.channelWords.keys)).flatMap({
                                CopilotInterpreter.channelWords[$0]
                            }) : nil)
                {
                    query.channel = channel
                    used[i] = true
                }
            }
        }

        mutating func findAgent() {
            if let agent = findName(in: interpreter.agents) { query.agent = agent }
        }

        /// "from Hans Müller", "von Frau Weber", "de Pierre Martin": capitalized words after a link.
        mutating func findRequesterName() {
            guard query.requester == nil else { return }
            for (i, word) in words.enumerated() where !used[i] && CopilotInterpreter.requesterLinks.contains(word) {
                var j = i + 1
                var name: [String] = []
                while j < words.count, !used[j], let first = raw[j].first, first.isUppercase, name.count < 3 {
                    name.append(raw[j])
                    j += 1
                }
                guard !name.isEmpty else { continue }
                query.requester = name.joined(separator: " ")
                use(i, j - i)
                return
            }
        }

        /// "about refunds", "über Rechnungen", "concernant la livraison", "sobre reembolsos".
        mutating func findTopic() {
            for (i, word) in words.enumerated()
            where !used[i]
                && (CopilotInterpreter.topicLinks.contains(word)
                    || (word.count >= 5 && Self.fuzzyMatch(word, Array(CopilotInterpreter.topicLinks)) != nil))
            {
                var j = i + 1
                // "à propos de", "acerca de", "zum Thema"
                while j < words.count,
                    [
                        "de", "des", "du", "la", "le", "les", "l", "el", "los", "las", "thema", "a", "the", "an", "die",
                        "der", "den",
                    ].contains(words[j])
                {
                    j += 1
                }
                var topic: [String] = []
                while j < words.count, !used[j], !CopilotInterpreter.stopAfterTopic.contains(words[j]), topic.count < 4
                {
                    topic.append(raw[j].lowercased())
                    j += 1
                }
                guard !topic.isEmpty else { continue }
                query.text = topic.joined(separator: " ")
                use(i, j - i)
                return
            }
        }
    }
}
