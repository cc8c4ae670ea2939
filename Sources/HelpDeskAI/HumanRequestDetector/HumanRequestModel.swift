import Foundation

/// A linear classifier over the letters and words of a message, trained on the
/// labelled corpora (`Tests/Fixtures/human-requests*.tsv`): the detector's second
/// opinion for the phrasings its rules do not cover. When the rules find nothing (and
/// read no reason not to ask), a message this model scores at `threshold` or more asks
/// for a person; a rule's match stands unless it scores below the detector's `ruleVeto`.
///
/// **Features.** The message is lower-cased, its diacritics folded, and split into
/// words of letters and digits. Each word, padded with a space on both sides,
/// gives its letter sequences of two to five characters (" mensch " gives " m",
/// "me", … "sch "); the words and the pairs of neighbouring words give one feature
/// each. Features are hashed (FNV-1a, 32 bits) into 2^17 buckets. A bucket's value
/// is `(1 + ln count) × idf`, where idf is `ln((1 + n) / (1 + df)) + 1` for a bucket
/// seen in at least two of the n training messages and 0 otherwise; the letter
/// buckets and the word buckets are each scaled to unit length, then added.
///
/// **Model.** Logistic regression, `sigmoid(w · x + b)`, with an L2 penalty
/// (`C = 30`) and the two labels weighted equally, fitted by L-BFGS
/// (`HumanRequestModel.train`). Weights are stored as signed bytes and idf as
/// unsigned bytes, each with one scale, in `human-request-model.bin`, compiled
/// into the binary by the EmbedAssets plugin. `helpdesk-bench train-detector`
/// retrains it from the corpora it lists; the training is deterministic.
public struct HumanRequestModel: Sendable {
    public static let bits = 17
    static let buckets = 1 << bits

    /// Per bucket: the learned weight and the idf, both already de-quantized.
    let weights: [Float]
    let idf: [Float]
    let bias: Float

    /// The model compiled into the binary.
    public static let shared: HumanRequestModel = {
        guard let model = HumanRequestModel(encodedBytes: EmbeddedAssets.file(named: "human-request-model.bin")) else {
            preconditionFailure("human-request-model.bin is not a model of \(bits) bits")
        }
        return model
    }()

    /// The score from which a message asks for a person: 0.5 (a probability of about 0.62), chosen with
    /// the rules by `helpdesk-bench train-detector --cross-validate` as the lowest that keeps every
    /// hand-written unit example right.
    public var threshold: Float = 0.5

    /// Whether the message asks for a person, by this model alone.
    public func isRequestingHuman(_ text: String) -> Bool {
        score(text) >= threshold
    }

    /// `w · x + b`: at least 0 means a probability of at least 0.5.
    public func score(_ text: String) -> Float {
        var total = bias
        for feature in Self.features(of: text, idf: idf) { total += weights[feature.bucket] * feature.value }
        return total
    }

    // MARK: Features

    struct Feature {
        var bucket: Int
        var value: Float
    }

    /// Lower-cased, diacritics folded, split on anything but a-z and 0-9.
    static func words(of text: String) -> [[UInt8]] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in folded.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A bucket and how many of the message's features fell in it.
    struct Count: Equatable {
        var bucket: Int
        var count: Int
    }

    /// The letter buckets and the word buckets of a message, each with its count, in bucket order (so
    /// sums over them run in one order: scoring is repeatable and training reproduces its model).
    static func counts(of text: String) -> (letters: [Count], words: [Count]) {
        let words = words(of: text)
        var letters: [Int] = []
        var wordBuckets: [Int] = []
        let space: UInt8 = 0x20
        for word in words {
            let padded = [space] + word + [space]
            for length in 2...5 where length <= padded.count {
                for start in 0...(padded.count - length) {
                    letters.append(bucket(kind: 0x63, padded[start..<start + length]))
                }
            }
            wordBuckets.append(bucket(kind: 0x77, word[...]))
        }
        if words.count > 1 {
            for i in 1..<words.count {
                wordBuckets.append(bucket(kind: 0x62, (words[i - 1] + [space] + words[i])[...]))
            }
        }
        return (runs(of: letters), runs(of: wordBuckets))
    }

    /// Sorted buckets, each once with how often it occurs.
    private static func runs(of buckets: [Int]) -> [Count] {
        var runs: [Count] = []
        for bucket in buckets.sorted() {
            if runs.last?.bucket == bucket {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Count(bucket: bucket, count: 1))
            }
        }
        return runs
    }

    /// FNV-1a over a kind byte ("c" letters, "w" word, "b" pair) and the feature's bytes.
    static func bucket(kind: UInt8, _ bytes: ArraySlice<UInt8>) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        hash = (hash ^ UInt32(kind)) &* 0x0100_0193
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return Int(hash % UInt32(buckets))
    }

    static func features(of text: String, idf: [Float]) -> [Feature] {
        features(counts: counts(of: text), idf: idf)
    }

    static func features(counts: (letters: [Count], words: [Count]), idf: [Float]) -> [Feature] {
        var features: [Feature] = []
        for block in [counts.letters, counts.words] {
            let start = features.count
            var squares: Float = 0
            for entry in block {
                let value = (1 + Float(log(Double(entry.count)))) * idf[entry.bucket]
                guard value != 0 else { continue }
                features.append(Feature(bucket: entry.bucket, value: value))
                squares += value * value
            }
            guard squares > 0 else { continue }
            let norm = squares.squareRoot()
            for i in start..<features.count { features[i].value /= norm }
        }
        return features
    }

    // MARK: Encoding

    static let magic: [UInt8] = Array("HRM1".utf8)

    /// `HRM1`, the bits, three zero bytes, then little-endian Float32 bias, weight scale
    /// and idf scale, then one idf byte and one weight byte per bucket.
    public init?(encodedBytes bytes: [UInt8]) {
        let header = 4 + 4 + 12
        guard bytes.count == header + 2 * Self.buckets, Array(bytes[0..<4]) == Self.magic,
            Int(bytes[4]) == Self.bits
        else { return nil }
        func float(at offset: Int) -> Float {
            let raw =
                UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            return Float(bitPattern: raw)
        }
        bias = float(at: 8)
        let weightScale = float(at: 12)
        let idfScale = float(at: 16)
        idf = (0..<Self.buckets).map { Float(bytes[header + $0]) * idfScale }
        weights = (0..<Self.buckets).map { Float(Int8(bitPattern: bytes[header + Self.buckets + $0])) * weightScale }
    }

    init(weights: [Float], idf: [Float], bias: Float) {
        self.weights = weights
        self.idf = idf
        self.bias = bias
    }

    /// The stored form, quantized: a model read back from it scores as this one does, to
    /// within the bytes' precision.
    public func encoded() -> [UInt8] {
        let weightScale = max(weights.map(abs).max() ?? 0, .leastNormalMagnitude) / 127
        let idfScale = max(idf.max() ?? 0, .leastNormalMagnitude) / 255
        var bytes = Self.magic + [UInt8(Self.bits), 0, 0, 0]
        for value in [bias, weightScale, idfScale] {
            let raw = value.bitPattern
            bytes += [UInt8(raw & 0xFF), UInt8(raw >> 8 & 0xFF), UInt8(raw >> 16 & 0xFF), UInt8(raw >> 24)]
        }
        bytes += idf.map { UInt8(min(255, max(0, ($0 / idfScale).rounded()))) }
        bytes += weights.map { UInt8(bitPattern: Int8(min(127, max(-127, ($0 / weightScale).rounded())))) }
        return bytes
    }
}
