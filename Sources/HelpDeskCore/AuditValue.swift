import Foundation

/// A JSON value in an audit entry's `before` and `after` snapshots.
///
/// Secrets enter a snapshot as ``secret(_:)``, holding the raw value only in
/// memory, so ``AuditRedaction/redact(before:after:)`` can say whether one
/// changed. Encoding never writes a raw secret: a ``secret(_:)`` that escaped
/// redaction still encodes as ``AuditRedaction/hidden`` — safety by construction.
public indirect enum AuditValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([AuditValue])
    case object([String: AuditValue])
    /// A secret (a token, a password, an API key) as the snapshot found it; nil when none is set.
    case secret(String?)

    /// The value of `encodable` as JSON, e.g. a business calendar.
    public init(encoding encodable: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(encodable), let value = try? JSONDecoder().decode(AuditValue.self, from: data)
        {
            self = value
        } else {
            self = .null
        }
    }

    /// A string, or null for nil.
    public static func optional(_ text: String?) -> AuditValue { text.map(AuditValue.string) ?? .null }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AuditValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AuditValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        case .secret(let value):
            if value == nil { try container.encodeNil() } else { try container.encode(AuditRedaction.hidden) }
        }
    }

    /// Compact JSON with sorted keys, as stored and exported.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses stored JSON; nil for text that is not JSON.
    public init?(json: String) {
        guard let value = try? JSONDecoder().decode(AuditValue.self, from: Data(json.utf8)) else { return nil }
        self = value
    }

    /// The value as a person reads it in a table cell: strings bare, everything else as JSON.
    public var display: String {
        switch self {
        case .string(let text): text
        case .null: "—"
        default: json
        }
    }
}

/// Hiding secrets in audit snapshots: each becomes ``hidden``, or
/// ``hiddenChanged`` in an `after` whose secret differs from the `before`'s, so
/// the log says that a token was changed without ever holding it.
public enum AuditRedaction {
    /// What a set secret is shown as.
    public static let hidden = "••••"
    /// What a secret that this change set or replaced is shown as.
    public static let hiddenChanged = "•••• (changed)"

    /// Both snapshots with every secret hidden. A secret in `after` counts as
    /// changed when `before` has none at that place or a different one.
    public static func redact(before: AuditValue?, after: AuditValue?) -> (before: AuditValue?, after: AuditValue?) {
        (
            before.map { hide($0, comparedWith: nil, isAfter: false) },
            after.map { hide($0, comparedWith: before, isAfter: true) }
        )
    }

    static func hide(_ value: AuditValue, comparedWith other: AuditValue?, isAfter: Bool) -> AuditValue {
        switch value {
        case .secret(nil): return .null
        case .secret(let secret?):
            guard isAfter else { return .string(hidden) }
            if case .secret(let previous) = other, previous == secret { return .string(hidden) }
            return .string(hiddenChanged)
        case .array(let values):
            return .array(values.map { hide($0, comparedWith: nil, isAfter: isAfter) })
        case .object(let fields):
            var otherFields: [String: AuditValue] = [:]
            if case .object(let found) = other { otherFields = found }
            return .object(
                Dictionary(
                    uniqueKeysWithValues: fields.map {
                        ($0.key, hide($0.value, comparedWith: otherFields[$0.key], isAfter: isAfter))
                    }))
        default: return value
        }
    }
}

/// One field that a change changed: its dotted path, and its value before and after (nil: absent).
public struct AuditChange: Sendable, Equatable {
    public var field: String
    public var before: AuditValue?
    public var after: AuditValue?

    public init(field: String, before: AuditValue?, after: AuditValue?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// The readable difference of two snapshots: nested objects are walked into
/// dotted paths (`calendar.timeZone`); arrays and plain values compare whole.
public enum AuditDiff {
    /// The changed fields in path order; a field only one side has appears with nil on the other.
    public static func changes(before: AuditValue?, after: AuditValue?) -> [AuditChange] {
        var changes: [AuditChange] = []
        walk(before, after, path: "", into: &changes)
        return changes.sorted { $0.field < $1.field }
    }

    static func walk(_ before: AuditValue?, _ after: AuditValue?, path: String, into changes: inout [AuditChange]) {
        if before == after { return }
        let beforeFields = fields(before)
        let afterFields = fields(after)
        if beforeFields != nil || afterFields != nil, before == nil || beforeFields != nil,
            after == nil || afterFields != nil
        {
            let keys = Set((beforeFields ?? [:]).keys).union((afterFields ?? [:]).keys)
            for key in keys {
                walk(beforeFields?[key], afterFields?[key], path: path.isEmpty ? key : path + "." + key, into: &changes)
            }
            return
        }
        changes.append(AuditChange(field: path.isEmpty ? "value" : path, before: before, after: after))
    }

    static func fields(_ value: AuditValue?) -> [String: AuditValue]? {
        if case .object(let fields) = value { fields } else { nil }
    }
}
