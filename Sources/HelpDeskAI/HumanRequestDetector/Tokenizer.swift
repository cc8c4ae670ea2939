import Foundation

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
                // A number is a number, unless a language lists it: "talk 2 someone", "con 1 persona".
                let id = allDigits ? (ids[current] ?? numberID) : (ids[current] ?? -1)
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
                    result.append(
                        Token(
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
