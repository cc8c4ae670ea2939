import Foundation
import Testing

@testable import HelpDeskCore

@Suite("LocalDate and Weekday")
struct LocalDateTests {
    @Test(arguments: [
        ("2026-12-25", 2026, 12, 25), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31),
    ])
    func parsesExistingDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(LocalDate(text))
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-05",
        "26-01-05", "2026/01/05", "2026-01-05T00:00", " 2026-01-05", "", "abcd-ef-gh", "0000-01-01",
    ])
    func rejectsAnythingButAnExistingYYYYMMDD(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func dayCountsMatchFoundationOverFourCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        // Every 97th day from 1800 to 2200 (covers leap centuries and every month).
        for days in stride(from: -62_000, through: 84_000, by: 97) {
            let date = LocalDate(daysSince1970: days)
            let expected = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400))
            #expect([date.year, date.month, date.day] == [expected.year, expected.month, expected.day])
            #expect(date.daysSince1970 == days)
        }
    }

    @Test func weekdaysAreMondayFirst() throws {
        #expect(try #require(LocalDate("1970-01-01")).weekday == .thu)
        #expect(try #require(LocalDate("2026-03-29")).weekday == .sun)
        #expect(try #require(LocalDate("2026-03-30")).weekday == .mon)
        #expect(try #require(LocalDate("1969-12-29")).weekday == .mon)
        #expect(Weekday.sun.next == .mon)
        #expect(Weekday.mon.previous == .sun)
        #expect(Weekday.allCases.map(\.rawValue) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    }

    @Test func addsDaysAcrossMonthsAndYears() throws {
        let eve = try #require(LocalDate("2026-12-31"))
        #expect(eve.adding(days: 1).description == "2027-01-01")
        #expect(eve.adding(days: -365).description == "2025-12-31")
        #expect(try #require(LocalDate("2028-02-28")).adding(days: 1).description == "2028-02-29")
    }

    @Test func codesAsItsText() throws {
        let date = try #require(LocalDate("2026-12-25"))
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-12-25"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
