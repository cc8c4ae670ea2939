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

            // A number that some language lists ("2" for "to" in English) is still a number in the others.
            for (word, wordID) in ids where word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                for d in drafts.indices where drafts[d].roles[wordID] == nil {
                    drafts[d].roles[wordID] = .notAPersonBefore
                }
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

    struct CompiledLanguage: Sendable {
        let code: String
        let verbFinal: Bool
        let roles: [WordRole]
        /// Multi-word entries by their first word, longest first.
        let phrases: [Int32: [Phrase]]
    }
}
