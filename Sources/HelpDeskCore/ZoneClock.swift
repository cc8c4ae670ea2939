import Foundation
import Synchronization

/// Converts between instants and wall-clock times in one time zone.
///
/// It works from the zone's UTC offsets rather than through `Calendar`, so both
/// directions are exact to the second and the two DST rules are stated here
/// rather than left to a matching policy: a wall time that a change to summer
/// time skips maps to the first instant after the gap, and a wall time that the
/// change back repeats maps to its first occurrence.
struct ZoneClock {
    /// The zone; an unknown identifier, which validation keeps out, falls back
    /// to UTC rather than crashing.
    let zone: TimeZone

    init(_ identifier: String) {
        zone = Self.zone(identifier)
    }

    /// Zones by identifier, made once each: making a `TimeZone` reads the zone database, which
    /// costs far more than the arithmetic here (reports and SLA pages convert many instants).
    private static let zones = Mutex<[String: TimeZone]>([:])

    private static func zone(_ identifier: String) -> TimeZone {
        if let known = zones.withLock({ $0[identifier] }) { return known }
        let zone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        zones.withLock { zones in
            // Identifiers are validated before they are stored, so the cache stays as small as the zone list.
            if zones.count < 1_000 { zones[identifier] = zone }
        }
        return zone
    }

    /// The local day containing `instant`, counted from 1970-01-01.
    func localDay(of instant: Date) -> Int {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return Int((local / 86_400).rounded(.down))
    }

    /// The instant a wall clock reads `minute` minutes after the midnight that
    /// starts local day `day`; `minute` may pass 1440 into the next day.
    func instant(day: Int, minute: Int) -> Date {
        let wall = day * 86_400 + minute * 60
        // A day either side of the wall time lies beyond any change near it.
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let readings = [wall - before, wall - after].filter { $0 + offset(at: $0) == wall }
        if let first = readings.min() { return date(first) }
        // Skipped: the first instant whose wall clock reads later than `wall`,
        // between the instants the offsets either side of the gap give.
        var low = min(wall - before, wall - after)
        var high = max(wall - before, wall - after)
        guard low < high else { return date(wall - before) }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if middle + offset(at: middle) > wall { high = middle } else { low = middle }
        }
        return date(high)
    }

    private func offset(at seconds: Int) -> Int {
        zone.secondsFromGMT(for: date(seconds))
    }

    private func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
