import Foundation

extension HumanRequestModel {
    /// One labelled message.
    public struct Example: Sendable {
        public var text: String
        public var asksForHuman: Bool

        public init(text: String, asksForHuman: Bool) {
            self.text = text
            self.asksForHuman = asksForHuman
        }
    }

    /// Fits the model to the examples (see the type's documentation): idf from the
    /// examples, then L2-penalized logistic regression with both labels weighted
    /// equally, by L-BFGS. Deterministic: the same examples in the same order give
    /// the same model.
    public static func train(_ examples: [Example], c: Double = 30, iterations: Int = 400) -> HumanRequestModel {
        let counted = examples.map { Self.counts(of: $0.text) }
        var documentFrequency = [Int](repeating: 0, count: buckets)
        for count in counted {
            for bucket in Set(count.letters.map(\.bucket)).union(count.words.map(\.bucket)) {
                documentFrequency[bucket] += 1
            }
        }
        let n = Double(examples.count)
        let idf = documentFrequency.map { df -> Float in
            df >= 2 ? Float(log((1 + n) / (1 + Double(df))) + 1) : 0
        }
        // Quantize idf first, so training sees the values the stored model will use.
        let idfScale = (idf.max() ?? 1) / 255
        let storedIDF = idf.map { ($0 / idfScale).rounded() * idfScale }
        let rows = counted.map { Self.features(counts: $0, idf: storedIDF) }
        let positives = Double(examples.filter(\.asksForHuman).count)
        let classWeight = [n / (2 * max(1, n - positives)), n / (2 * max(1, positives))]
        let targets = examples.map { $0.asksForHuman ? 1.0 : 0.0 }
        let sampleWeights = examples.map { c * classWeight[$0.asksForHuman ? 1 : 0] }

        // Parameters: the weights, then the bias (not penalized).
        let dimension = buckets + 1
        func objective(_ p: [Double], _ gradient: inout [Double]) -> Double {
            var loss = 0.0
            for i in 0..<buckets {
                gradient[i] = p[i]
                loss += 0.5 * p[i] * p[i]
            }
            gradient[buckets] = 0
            for (row, features) in rows.enumerated() {
                var z = p[buckets]
                for feature in features { z += p[feature.bucket] * Double(feature.value) }
                // log(1 + e^-z) for a positive, log(1 + e^z) for a negative, computed stably.
                let margin: Double = targets[row] == 1 ? z : -z
                let rowLoss: Double = margin > 0 ? log1p(exp(-margin)) : log1p(exp(margin)) - margin
                loss += sampleWeights[row] * rowLoss
                let probability = 1 / (1 + exp(-z))
                let slope = sampleWeights[row] * (probability - targets[row])
                for feature in features { gradient[feature.bucket] += slope * Double(feature.value) }
                gradient[buckets] += slope
            }
            return loss
        }
        let fitted = minimizeLBFGS(dimension: dimension, iterations: iterations, objective)
        return HumanRequestModel(
            weights: fitted[0..<buckets].map { Float($0) }, idf: storedIDF, bias: Float(fitted[buckets]))
    }

    /// Limited-memory BFGS (ten pairs) with a backtracking line search on the Armijo condition.
    static func minimizeLBFGS(
        dimension: Int, iterations: Int, _ objective: ([Double], inout [Double]) -> Double
    ) -> [Double] {
        let memory = 10
        var x = [Double](repeating: 0, count: dimension)
        var gradient = [Double](repeating: 0, count: dimension)
        var value = objective(x, &gradient)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var rhos: [Double] = []
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for i in 0..<a.count { sum += a[i] * b[i] }
            return sum
        }
        for _ in 0..<iterations {
            // Two-loop recursion: direction = -H·gradient.
            var q = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[k] = rhos[k] * dot(steps[k], q)
                for i in 0..<dimension { q[i] -= alphas[k] * changes[k][i] }
            }
            if let s = steps.last, let y = changes.last {
                let gamma = dot(s, y) / dot(y, y)
                for i in 0..<dimension { q[i] *= gamma }
            } else {
                let norm = dot(gradient, gradient).squareRoot()
                guard norm > 0 else { break }
                for i in 0..<dimension { q[i] /= norm }
            }
            for k in 0..<steps.count {
                let beta = rhos[k] * dot(changes[k], q)
                for i in 0..<dimension { q[i] += steps[k][i] * (alphas[k] - beta) }
            }
            let direction = q.map { -$0 }
            let slope = dot(gradient, direction)
            guard slope < 0 else { break }
            var step = 1.0
            var candidate = x
            var candidateGradient = gradient
            var candidateValue = value
            var accepted = false
            for _ in 0..<40 {
                for i in 0..<dimension { candidate[i] = x[i] + step * direction[i] }
                candidateValue = objective(candidate, &candidateGradient)
                if candidateValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            let s = (0..<dimension).map { candidate[$0] - x[$0] }
            let y = (0..<dimension).map { candidateGradient[$0] - gradient[$0] }
            let sy = dot(s, y)
            let improvement = value - candidateValue
            x = candidate
            gradient = candidateGradient
            value = candidateValue
            if sy > 1e-10 {
                steps.append(s)
                changes.append(y)
                rhos.append(1 / sy)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    rhos.removeFirst()
                }
            }
            if improvement < 1e-9 * max(1, abs(value)) { break }
        }
        return x
    }
}
