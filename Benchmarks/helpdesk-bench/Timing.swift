import Foundation

/// Latency samples of one operation, in milliseconds.
struct Timing: Sendable {
    var operation: String
    var samples: [Double]
    /// Rows on the page the operation returns.
    var rows: Int

    private var sorted: [Double] { samples.sorted() }

    /// Nearest-rank percentile.
    func percentile(_ fraction: Double) -> Double {
        let sorted = self.sorted
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    var max: Double { samples.max() ?? .nan }
}

/// Runs `body` up to `warmup` times untimed (at least once, for at most a tenth
/// of `maxSeconds`), then up to `iterations` times timed one after another
/// (single client, no overlap), stopping early once `maxSeconds` have passed.
func measure(
    iterations: Int, warmup: Int, maxSeconds: Double, _ body: () async throws -> Void
) async throws -> [Double] {
    let clock = ContinuousClock()
    let warmupDeadline = clock.now.advanced(by: .milliseconds(Int64(maxSeconds * 100)))
    for _ in 0..<Swift.max(warmup, 1) {
        try await body()
        if clock.now > warmupDeadline { break }
    }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    let deadline = clock.now.advanced(by: .milliseconds(Int64(maxSeconds * 1000)))
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        samples.append(milliseconds(clock.now - start))
        if clock.now > deadline { break }
    }
    return samples
}

func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
}

/// A Markdown table: operation, n, rows, p50, p90, p99, max.
func table(_ timings: [Timing]) -> String {
    func ms(_ value: Double) -> String { String(format: "%.3f", value) }
    var lines = [
        "| operation | n | rows | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for timing in timings {
        lines.append(
            "| \(timing.operation) | \(timing.samples.count) | \(timing.rows) | \(ms(timing.percentile(0.5))) | "
                + "\(ms(timing.percentile(0.9))) | \(ms(timing.percentile(0.99))) | \(ms(timing.max)) |")
    }
    return lines.joined(separator: "\n")
}
