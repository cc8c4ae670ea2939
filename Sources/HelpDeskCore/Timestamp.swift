import Foundation

/// An instant with microsecond precision, stored as an integer so that it orders,
/// compares and round-trips exactly (cursors carry it verbatim).
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(_ date: Date) {
        self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public static func now() -> Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    public func adding(seconds: Double) -> Timestamp {
        Timestamp(microseconds: microseconds + Int64(seconds * 1_000_000))
    }

    /// RFC 3339 in UTC with microseconds, e.g. `2026-11-25T20:16:16.123456Z`.
    /// Hand-rolled integer arithmetic: inbox pages format thousands of these per second.
    public var rfc3339: String {
        var out = [UInt8]()
        out.reserveCapacity(27)
        appendRFC3339(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `rfc3339`'s bytes, for writers that build JSON as bytes.
    public func appendRFC3339(to out: inout [UInt8]) {
        let micros = ((microseconds % 1_000_000) + 1_000_000) % 1_000_000
        let seconds = (microseconds - micros) / 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        func append(_ value: Int64, width: Int) {
            let start = out.count
            for _ in 0..<width { out.append(48) }
            var v = value
            var i = start + width - 1
            while i >= start {
                out[i] = UInt8(48 + v % 10)
                v /= 10
                i -= 1
            }
        }
        append(year, width: 4)
        out.append(45)
        append(month, width: 2)
        out.append(45)
        append(day, width: 2)
        out.append(84)
        append(secondOfDay / 3600, width: 2)
        out.append(58)
        append((secondOfDay % 3600) / 60, width: 2)
        out.append(58)
        append(secondOfDay % 60, width: 2)
        out.append(46)
        append(micros, width: 6)
        out.append(90)
    }

    public var description: String { rfc3339 }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an RFC 3339 timestamp such as 2026-01-31T09:00:00Z")
        }
        self = parsed
    }

    /// Parses RFC 3339 with or without fractional seconds.
    public init?(rfc3339 text: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) {
            self.init(date)
            return
        }
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { return nil }
        self.init(date)
    }
}
