import Foundation
import Testing

@testable import HelpDeskCore

@Suite("ClockTime")
struct ClockTimeTests {
    @Test(arguments: [
        ("00:00", 0, 0),
        ("09:05", 9, 5),
        ("12:30", 12, 30),
        ("23:59", 23, 59),
    ])
    func parsesTwoDigitHoursAndMinutes(text: String, hour: Int, minute: Int) throws {
        let time = try #require(ClockTime(text))
        #expect(time.hour == hour)
        #expect(time.minute == minute)
        #expect(time.description == text)
    }

    @Test(arguments: [
        "9:00", "24:00", "12:60", "ab:cd", "", "09:0", "090:00", "0900", "09-00", "09:00 ", " 09:00",
        "-1:00", "+9:00", "09:5a", "99:99", "\u{FF10}\u{FF19}:\u{FF10}\u{FF10}",
    ])
    func rejectsAnythingButHHMM(text: String) {
        #expect(ClockTime(text) == nil)
    }

    @Test func componentInitializerRejectsOutOfRange() {
        #expect(ClockTime(hour: 24, minute: 0) == nil)
        #expect(ClockTime(hour: 23, minute: 60) == nil)
        #expect(ClockTime(hour: -1, minute: 0) == nil)
        #expect(ClockTime(hour: 7, minute: 3)?.description == "07:03")
    }

    @Test func ordersByTimeOfDay() throws {
        let early = try #require(ClockTime("08:59"))
        let nine = try #require(ClockTime("09:00"))
        let evening = try #require(ClockTime("17:00"))
        #expect(early < nine)
        #expect(nine < evening)
        #expect(!(evening < nine))
        #expect([evening, early, nine].sorted() == [early, nine, evening])
    }

    private struct Holder: Codable, Equatable {
        let at: ClockTime
    }

    @Test func encodesAsHHMMString() throws {
        let holder = Holder(at: try #require(ClockTime("07:05")))
        let json = String(decoding: try JSONEncoder().encode(holder), as: UTF8.self)
        #expect(json == #"{"at":"07:05"}"#)
        let decoded = try JSONDecoder().decode(Holder.self, from: Data(json.utf8))
        #expect(decoded == holder)
    }

    @Test(arguments: [#"{"at":"9:00"}"#, #"{"at":"24:00"}"#, #"{"at":"12:60"}"#])
    func decodingAnInvalidStringNamesTheFormat(json: String) {
        do {
            _ = try JSONDecoder().decode(Holder.self, from: Data(json.utf8))
            Issue.record("decoding \(json) should have failed")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("HH:MM"))
        } catch {
            Issue.record("expected DecodingError.dataCorrupted, got \(error)")
        }
    }

    @Test func decodingANonStringFails() {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(Holder.self, from: Data(#"{"at":900}"#.utf8))
        }
    }
}
