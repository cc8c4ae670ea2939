import Foundation
import Testing

@testable import HelpDeskCore

@Suite struct TimestampFormatTests {
    @Test func rfc3339AgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        let samples: [Int64] =
            [0, 1, 999_999, 1_000_000, 951_782_400_000_000, 1_735_689_600_123_456, 253_402_300_799_999_999]
            + (0..<500).map { _ in Int64.random(in: 0..<253_402_300_799_999_999, using: &generator) }
        for micros in samples {
            let text = Timestamp(microseconds: micros).rfc3339
            // Foundation formats whole seconds exactly; the fraction is the microseconds, six digits.
            let date = Date(timeIntervalSince1970: Double(micros / 1_000_000))
            let seconds = formatter.string(from: date).prefix(19)
            let fraction = String(micros % 1_000_000)
            let expected = seconds + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
            #expect(text == expected)
            var bytes: [UInt8] = [1]
            Timestamp(microseconds: micros).appendRFC3339(to: &bytes)
            #expect(bytes == [1] + Array(text.utf8))
        }
    }
}

@Suite struct HexTests {
    @Test func encodesEveryByteAsTwoLowercaseDigits() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.encode(all) == all.map { String(format: "%02x", $0) }.joined())
    }
}
