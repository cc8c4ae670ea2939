import Foundation

/// Latency samples of one operation, in milliseconds.
struct Timing: Sendable {
    var operation: String
    var samples: [Double]
    /// Rows on the page the operation returns.
    var rows: Int
    /// Share of the machine's CPU time used by other processes while this was
    /// timed (0–100); a busy neighbour inflates the tail, so it is printed beside it.
    var othersCPU: Double = .nan

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

/// Times `body` with `measure` and notes how busy the rest of the machine was meanwhile.
func timed(
    _ operation: String, rows: Int, iterations: Int, warmup: Int, maxSeconds: Double, _ body: () async throws -> Void
) async throws -> Timing {
    let before = CPUTimes.now()
    let samples = try await measure(iterations: iterations, warmup: warmup, maxSeconds: maxSeconds, body)
    return Timing(
        operation: operation, samples: samples, rows: rows, othersCPU: CPUTimes.now().othersShare(since: before))
}

/// Clock ticks from /proc: the whole machine's busy and total time, and this process's own.
struct CPUTimes {
    var busy: Double
    var total: Double
    var own: Double

    static func now() -> CPUTimes {
        let stat = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? ""
        let cpu = stat.split(separator: "\n").first?.split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
        let total = cpu.prefix(8).reduce(0, +)
        let idle = cpu.count > 4 ? cpu[3] + cpu[4] : 0
        // /proc/self/stat: utime and stime are fields 14 and 15. The command name (field 2) may hold
        // spaces, so count from its closing parenthesis: field 3 is the first word after it.
        let selfStat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
        let fields = selfStat.split(separator: ")").last?.split(separator: " ") ?? []
        let own = fields.count > 12 ? (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0) : 0
        return CPUTimes(busy: total - idle, total: total, own: own)
    }

    /// Percent of all CPU time since `earlier` spent in other processes.
    func othersShare(since earlier: CPUTimes) -> Double {
        let total = self.total - earlier.total
        guard total > 0 else { return .nan }
        return Swift.max(0, (busy - earlier.busy) - (own - earlier.own)) / total * 100
    }
}

/// A Markdown table: operation, n, rows, p50, p90, p99, max, and other processes' CPU share.
func table(_ timings: [Timing]) -> String {
    func ms(_ value: Double) -> String { String(format: "%.3f", value) }
    var lines = [
        "| operation | n | rows | p50 ms | p90 ms | p99 ms | max ms | others' CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for timing in timings {
        lines.append(
            "| \(timing.operation) | \(timing.samples.count) | \(timing.rows) | \(ms(timing.percentile(0.5))) | "
                + "\(ms(timing.percentile(0.9))) | \(ms(timing.percentile(0.99))) | \(ms(timing.max)) | "
                + (timing.othersCPU.isNaN ? "n/a" : String(format: "%.0f%%", timing.othersCPU)) + " |")
    }
    return lines.joined(separator: "\n")
}
