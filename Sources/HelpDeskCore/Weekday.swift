/// A day of the week, spelled as the calendar settings spell it (`mon` … `sun`).
///
/// Declared Monday first, the order a working week is read in and the order
/// `weekly` is encoded in.
public enum Weekday: String, Sendable, Codable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The day after this one; Sunday is followed by Monday.
    public var next: Weekday { Self.allCases[(index + 1) % 7] }

    /// The day before this one; Monday follows Sunday.
    public var previous: Weekday { Self.allCases[(index + 6) % 7] }

    /// 0 for Monday … 6 for Sunday.
    var index: Int { Self.allCases.firstIndex(of: self)! }
}

extension Weekday: WireEnum {
    /// Decodes `mon` … `sun`, failing with the allowed values named.
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
