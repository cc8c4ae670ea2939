extension HumanRequestDetector {
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
}
