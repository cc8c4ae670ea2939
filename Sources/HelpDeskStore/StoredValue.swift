/// A stored value that names no case of its type: the database holds something
/// this build does not understand (written by a newer build, or by hand). Reading
/// it fails loudly rather than turning it into a plausible wrong value.
public struct UnknownStoredValue: Error, CustomStringConvertible {
    /// The column the value came from.
    public var column: String
    /// The value as stored; nil when it was NULL.
    public var value: String?

    package init(column: String, value: String?) {
        self.column = column
        self.value = value
    }

    public var description: String {
        "the database holds \(value.map { "\"\($0)\"" } ?? "NULL") in \(column), which this version does not know"
    }
}

/// Decodes a stored enum by its raw value; throws `UnknownStoredValue` for anything else.
package func stored<Value: RawRepresentable>(_ raw: String?, column: String) throws -> Value
where Value.RawValue == String {
    guard let raw, let value = Value(rawValue: raw) else { throw UnknownStoredValue(column: column, value: raw) }
    return value
}
