import Foundation
import Testing

@testable import HelpDeskCore

@Suite("OpeningRange")
struct OpeningRangeTests {
    @Test func anEndAfterTheStartStaysOnTheDay() throws {
        let range = try #require(OpeningRange("09:00", "17:00"))
        #expect(range.startMinute == 540)
        #expect(range.endMinute == 1020)
        #expect(!range.runsPastMidnight)
        #expect(range.description == "09:00–17:00")
    }

    @Test func anEndAtOrBeforeTheStartRunsIntoTheNextDay() throws {
        let night = try #require(OpeningRange("22:00", "06:00"))
        #expect(night.endMinute == 1440 + 360)
        #expect(night.runsPastMidnight)
        let wholeShift = try #require(OpeningRange("09:00", "09:00"))
        #expect(wholeShift.endMinute - wholeShift.startMinute == 1440)
        #expect(wholeShift.runsPastMidnight)
    }

    @Test func midnightEndsTheDayWrittenEitherWay() throws {
        let late = try #require(OpeningRange("18:00", "24:00"))
        #expect(late == OpeningRange("18:00", "00:00"))
        #expect(late.endMinute == 1440)
        #expect(!late.runsPastMidnight)
        #expect(late.endText == "24:00")
        let wholeDay = try #require(OpeningRange("00:00", "24:00"))
        #expect(wholeDay.endMinute - wholeDay.startMinute == 1440)
        #expect(OpeningRange("24:00", "24:00") == nil)
        #expect(OpeningRange("09:00", "24:01") == nil)
    }

    @Test func encodesMidnightAs2400AndDecodesBoth() throws {
        let decoded = try JSONDecoder().decode(
            [OpeningRange].self, from: Data(#"[{"start":"00:00","end":"00:00"},{"start":"08:30","end":"24:00"}]"#.utf8))
        #expect(decoded == [OpeningRange("00:00", "24:00")!, OpeningRange("08:30", "00:00")!])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded)) as? [[String: String]]
        #expect(object == [["start": "00:00", "end": "24:00"], ["start": "08:30", "end": "24:00"]])
    }

    @Test(arguments: [
        #"{"start":"24:00","end":"24:00"}"#, #"{"start":"9:00","end":"17:00"}"#, #"{"start":"09:00","end":"25:00"}"#,
        #"{"start":"09:00"}"#, #"{"start":"09:00","end":null}"#,
    ])
    func rejectsBadTimes(json: String) {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(OpeningRange.self, from: Data(json.utf8))
        }
    }
}
