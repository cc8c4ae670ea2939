import Foundation

/// The date-time of a `Date` header (RFC 5322 §3.3), including the obsolete
/// forms its §4.3 still asks readers to accept: two- and three-digit years,
/// named zones, comments, a missing seconds field.
enum MIMEDate {
    /// The instant `value` names, or nil when it does not name one (unknown
    /// month, day 31 of a 30-day month, a missing time). Named zones other
    /// than UT, GMT and the North American ones, and a missing zone, count as
    /// UTC, as RFC 5322 §4.3 prescribes for zones whose meaning is not known. The
    /// day of the week is not checked: senders get it wrong and the date is
    /// what matters. Day-month order (RFC) and asctime order (`Tue Mar  3
    /// 10:15:00 2026`) are both read.
    static func parse(_ value: String) -> Date? {
        let tokens = MIMEParameterizedValue.removingComments(value)
            .split { $0.isWhitespace || $0 == "," }
            .map(String.init)
        var numbers: [String] = []
        var month: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offsetSeconds: Int?
        for token in tokens {
            let lower = token.lowercased()
            if token.containsText(":"), time == nil, let first = token.first, first.isNumber {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 || parts.count == 3,
                    let hour = Int(parts[0]), let minute = Int(parts[1])
                else { return nil }
                // Fractions of a second, which some gateways add, are dropped.
                let second = parts.count == 3 ? Int(parts[2].prefix { $0.isNumber }) : 0
                guard let second else { return nil }
                time = (hour, minute, second)
            } else if token.hasPrefix("+") || token.hasPrefix("-"), offsetSeconds == nil, time != nil {
                offsetSeconds = numericOffset(token)
                if offsetSeconds == nil { return nil }
            } else if token.allSatisfy(\.isNumber), token.allSatisfy(\.isASCII) {
                numbers.append(token)
            } else if month == nil, lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) {
                month = index + 1
            } else if time != nil, offsetSeconds == nil, let zone = namedZones[lower] {
                offsetSeconds = zone * 3_600
            } else if time != nil, offsetSeconds == nil, lower.count == 1, lower != "j", lower.first?.isLetter == true {
                offsetSeconds = 0  // a military zone letter: RFC 5322 §4.3 says read as -0000
            }
        }
        guard let month, let time, numbers.count >= 2,
            let dayNumber = Int(numbers[0]), var year = Int(numbers[1])
        else { return nil }
        var day = dayNumber
        // A four-digit first number is the year of a `2026 Mar 3`-style date.
        if numbers[0].count == 4 { (day, year) = (year, dayNumber) }
        switch numbers[numbers[0].count == 4 ? 0 : 1].count {
        case 2: year += year < 50 ? 2000 : 1900
        case 3: year += 1900
        case 4: break
        default: return nil
        }
        guard (1...31).contains(day), day <= daysIn(month: month, year: year), (0...23).contains(time.hour),
            (0...59).contains(time.minute), (0...60).contains(time.second), (1900...9999).contains(year)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + time.hour * 3_600 + time.minute * 60 + min(time.second, 59)
        return Date(timeIntervalSince1970: TimeInterval(seconds - (offsetSeconds ?? 0)))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Offsets in hours of the zone names RFC 5322 §4.3 defines.
    private static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7,
    ]

    /// `+0130` or `-05:00` as seconds east of UTC.
    private static func numericOffset(_ token: String) -> Int? {
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            return nil
        }
        let hours = value / 100
        let minutes = value % 100
        guard hours <= 23, minutes <= 59 else { return nil }
        return (token.hasPrefix("-") ? -1 : 1) * (hours * 3_600 + minutes * 60)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date, counted in
    /// 400-year eras of March-based years (so the leap day falls last), so
    /// parsing needs no calendar or time zone object.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
