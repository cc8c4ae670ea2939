import Foundation

@testable import HelpDeskCore

/// A UTC instant, written out by hand so calendar tests do not reuse the
/// time-zone arithmetic they check.
func utcInstant(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0
) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "GMT")!
    return calendar.date(
        from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}

/// A calendar from `"HH:MM"` pairs per day; the end may be `"24:00"`.
func businessCalendar(
    _ zone: String, _ days: [Weekday: [(String, String)]], holidays: [Holiday] = []
) -> BusinessCalendar {
    BusinessCalendar(
        timeZone: zone,
        weekly: WeeklyHours(days.mapValues { $0.map { OpeningRange($0.0, $0.1)! } }),
        holidays: holidays)
}

/// Monday to Friday, 09:00–17:00.
func officeHours(_ zone: String, holidays: [Holiday] = []) -> BusinessCalendar {
    BusinessCalendar(
        timeZone: zone, weekly: WeeklyHours([OpeningRange("09:00", "17:00")!], on: [.mon, .tue, .wed, .thu, .fri]),
        holidays: holidays)
}

/// A holiday on `date` (`"YYYY-MM-DD"`).
func holiday(_ date: String, _ name: String = "Holiday", autoReply: String? = nil) -> Holiday {
    Holiday(date: LocalDate(date)!, name: name, autoReply: autoReply)
}

let minuteSeconds: TimeInterval = 60
let hourSeconds: TimeInterval = 3600
let daySeconds: TimeInterval = 86_400

/// A small deterministic generator (SplitMix64), so a failing property test
/// fails the same way on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
