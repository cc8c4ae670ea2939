/// A closed set of string values on the wire. Decoding an unknown value fails
/// with a message that lists the allowed values, which the API passes on to the
/// client as the detail of its 400 problem.
public protocol WireEnum: RawRepresentable, CaseIterable, Sendable, Codable where RawValue == String {}

extension WireEnum {
    /// The allowed values, comma separated, in declaration order.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a raw value or throws a field error naming the allowed values.
    public static func parse(_ text: String, field: String) throws(HelpDeskError) -> Self {
        guard let value = Self(rawValue: text) else {
            throw HelpDeskError.invalid([
                FieldError(field: field, message: "must be one of \(allowedValues) (got \"\(text)\")")
            ])
        }
        return value
    }

    /// Decodes the raw string, failing with the allowed values named.
    public static func decodeWire(from decoder: any Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be one of \(allowedValues) (got \"\(text)\")")
        }
        return value
    }
}

extension Plan: WireEnum { public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) } }
extension Role: WireEnum { public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) } }
extension Availability: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension TicketStatus: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension Priority: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension Channel: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension InboxView: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension InboxSort: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension AssignmentMethod: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension AuthorKind: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension TicketEventKind: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension DeliveryState: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
