import Foundation
import HelpDeskCore

/// Encodes an `Encodable` value straight to JSON bytes, as Foundation's
/// `JSONEncoder` with its default strategies would, without building a tree
/// of intermediate values first.
///
/// A type on a hot path can write itself directly (`JSONWritable`), which
/// skips the `Encoder` protocol's containers altogether.
///
/// Every API response goes through here, and on an inbox page Foundation's
/// encoder spent more CPU than the query (it builds a dictionary per object,
/// then serialises it). This one writes each key and value as it is encoded.
///
/// What it produces, in the terms of `JSONEncoder`'s defaults: keys in the
/// order they are encoded (JSON objects are unordered, so clients cannot tell);
/// `Data` as base64, `URL` as its absolute string, `Decimal` as a number, a
/// `Date` as its own `Encodable` form (seconds since 2001, a number); floats as
/// the shortest text that reads back the same, NaN and infinities refused;
/// `/` escaped as `\/` and control characters as `\uXXXX` (or their short
/// forms); a nested value that encodes nothing as `{}`, a top-level one
/// refused.
///
/// A container obtained with `nestedContainer` or `superEncoder` is closed at
/// the parent's next write, so it must be filled before the parent continues,
/// which is how every `Encodable` in the standard library and in this code
/// base writes.
struct StreamingJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.encodeValue(value, depth: 0)
        return sink.buffer.bytes
    }
}

/// The output buffer, and one reusable encoder per nesting depth.
final class JSONSink {
    var buffer = JSONBuffer()
    private var encoders: [JSONStreamEncoder] = []

    init() { buffer.bytes.reserveCapacity(4096) }
    var bytes: [UInt8] { buffer.bytes }

    /// The encoder for a value at `depth`, reset for a new value.
    func encoder(depth: Int) -> JSONStreamEncoder {
        if depth < encoders.count {
            let encoder = encoders[depth]
            encoder.reset()
            return encoder
        }
        let encoder = JSONStreamEncoder(sink: self, depth: depth)
        encoders.append(encoder)
        return encoder
    }

    /// Writes one value: primitives and Foundation's specially encoded types
    /// directly, anything else through its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == String.self {
            writeString(value as! String)
        } else if T.self == Int.self {
            writeInteger(value as! Int)
        } else if T.self == Int64.self {
            writeInteger(value as! Int64)
        } else if T.self == Bool.self {
            writeRaw((value as! Bool) ? "true" : "false")
        } else if T.self == Data.self {
            writeString((value as! Data).base64EncodedString())
        } else if T.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if T.self == Decimal.self {
            writeRaw((value as! Decimal).description)
        } else if let writable = value as? any JSONWritable, writable.writesItself {
            writable.writeJSON(to: &buffer)
        } else {
            let encoder = encoder(depth: depth)
            try value.encode(to: encoder)
            if depth == 0, encoder.state == .empty {
                throw EncodingError.invalidValue(
                    value,
                    EncodingError.Context(
                        codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
            }
            encoder.finish()
        }
    }

    func writeKey(_ name: StaticString, first: Bool = false) { buffer.writeKey(name, first: first) }
    func writeString(_ string: String) { buffer.writeString(string) }
    func writeRaw(_ text: StaticString) { buffer.writeRaw(text) }
    func writeRaw(_ text: String) { buffer.writeRaw(text) }
    func writeInteger<I: BinaryInteger>(_ value: I) { buffer.writeInteger(value) }
    func writeFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: [any CodingKey]) throws {
        try buffer.writeFloat(value, path: path)
    }
    func append(_ byte: UInt8) { buffer.bytes.append(byte) }
}

/// JSON output under construction. A value type, so a writer that holds it
/// `inout` appends without the exclusivity checks each access to a class's
/// property costs.
struct JSONBuffer {
    var bytes: [UInt8] = []

    /// Writes `"name":`, after a comma unless it is the object's first key;
    /// `name` is a plain identifier that needs no escaping.
    mutating func writeKey(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a string, or `null` when absent.
    mutating func writeString(_ string: String?) {
        if let string { writeString(string) } else { writeRaw("null") }
    }

    mutating func writeRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func writeRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func writeInteger<I: BinaryInteger>(_ value: I) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        while magnitude > 0 {
            let digit = Int(magnitude % 10)
            bytes.append(UInt8(ascii: "0") + UInt8(digit))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    mutating func writeFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: [any CodingKey])
        throws
    {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: path, debugDescription: "Unable to encode \(value) directly in JSON.")
            )
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        writeRaw(text)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                let escape: UInt8?
                switch byte {
                case UInt8(ascii: "\""): escape = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "/"): escape = UInt8(ascii: "/")
                case 0x0A: escape = UInt8(ascii: "n")
                case 0x0D: escape = UInt8(ascii: "r")
                case 0x09: escape = UInt8(ascii: "t")
                case 0x08: escape = UInt8(ascii: "b")
                case 0x0C: escape = UInt8(ascii: "f")
                case 0..<0x20: escape = 0
                default: continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                if let escape, escape != 0 {
                    bytes.append(escape)
                } else {
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)],
                        Self.hex[Int(byte & 0xF)],
                    ])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes `{"id": id, "<nameKey>": name}`, how members and agents are referred to.
    mutating func writeReference(id: String, _ nameKey: StaticString, _ name: String) {
        bytes.append(UInt8(ascii: "{"))
        writeKey("id", first: true)
        writeString(id)
        writeKey(nameKey)
        writeString(name)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes an array of strings.
    mutating func writeStrings(_ strings: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(string)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func writeTimestamp(_ timestamp: Timestamp) {
        bytes.append(UInt8(ascii: "\""))
        timestamp.appendRFC3339(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a timestamp, or `null` when absent.
    mutating func writeTimestamp(_ timestamp: Timestamp?) {
        if let timestamp { writeTimestamp(timestamp) } else { writeRaw("null") }
    }
}

/// The `Encoder` for one value at one depth: it opens an object or an array on
/// the first container asked for and closes it in `finish()`; asking for a
/// keyed container again continues the same object (as `JSONEncoder` merges
/// them).
final class JSONStreamEncoder: Encoder {
    enum State { case empty, object, array, single }

    unowned let sink: JSONSink
    let depth: Int
    var state = State.empty
    /// Elements written into the open object or array, for the commas.
    var count = 0
    /// A nested container or super encoder still open, closed at the next write.
    var openChild: JSONStreamEncoder?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(sink: JSONSink, depth: Int) {
        self.sink = sink
        self.depth = depth
    }

    func reset() {
        state = .empty
        count = 0
        openChild = nil
    }

    func finish() {
        closeChild()
        switch state {
        case .empty: sink.writeRaw("{}")
        case .object: sink.append(UInt8(ascii: "}"))
        case .array: sink.append(UInt8(ascii: "]"))
        case .single: break
        }
    }

    func closeChild() {
        if let child = openChild {
            openChild = nil
            child.finish()
        }
    }

    /// Starts the next element of the open object or array: closes a nested
    /// container left open and writes the comma.
    func nextElement() {
        closeChild()
        if count > 0 { sink.append(UInt8(ascii: ",")) }
        count += 1
    }

    func writeKey(_ key: some CodingKey) {
        nextElement()
        sink.writeString(key.stringValue)
        sink.append(UInt8(ascii: ":"))
    }

    /// An encoder for a nested container or super encoder, at the next depth,
    /// owned by this sink: each depth reuses one encoder, so a fresh one is
    /// made here rather than taken from the sink's (which the value itself may
    /// be using).
    func child() -> JSONStreamEncoder {
        let child = JSONStreamEncoder(sink: sink, depth: depth + 1)
        openChild = child
        return child
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch state {
        case .empty:
            sink.append(UInt8(ascii: "{"))
            state = .object
        case .object: break
        case .array, .single:
            preconditionFailure("a keyed container after another kind of container for one value")
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch state {
        case .empty:
            sink.append(UInt8(ascii: "["))
            state = .array
        case .array: break
        case .object, .single:
            preconditionFailure("an unkeyed container after another kind of container for one value")
        }
        return JSONUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { [] }
    var sink: JSONSink { encoder.sink }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeRaw("null")
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.writeKey(key)
        try sink.writeFloat(value, path: [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        encoder.writeKey(key)
        try sink.writeFloat(value, path: [key])
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        encoder.writeKey(key)
        sink.writeInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.writeKey(key)
        try sink.encodeValue(value, depth: encoder.depth + 1)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.writeKey(key)
        return encoder.child().container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.writeKey(key)
        return encoder.child().unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        encoder.writeKey(JSONSuperKey())
        return encoder.child()
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.writeKey(key)
        return encoder.child()
    }
}

/// The key `JSONEncoder` gives a keyed container's `superEncoder()`.
private struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.count }
    var sink: JSONSink { encoder.sink }

    mutating func encodeNil() throws {
        encoder.nextElement()
        sink.writeRaw("null")
    }
    mutating func encode(_ value: Bool) throws {
        encoder.nextElement()
        sink.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String) throws {
        encoder.nextElement()
        sink.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        encoder.nextElement()
        try sink.writeFloat(value, path: [])
    }
    mutating func encode(_ value: Float) throws {
        encoder.nextElement()
        try sink.writeFloat(value, path: [])
    }
    mutating func encode(_ value: Int) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int8) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int16) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int32) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt8) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt16) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt32) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt64) throws {
        encoder.nextElement()
        sink.writeInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.nextElement()
        try sink.encodeValue(value, depth: encoder.depth + 1)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.nextElement()
        return encoder.child().container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.nextElement()
        return encoder.child().unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        encoder.nextElement()
        return encoder.child()
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { [] }
    var sink: JSONSink { encoder.sink }

    /// A single value is written once, in place of an object or array.
    private func begin() {
        precondition(encoder.state == .empty, "a single value after a container, or two single values, for one value")
        encoder.state = .single
    }

    mutating func encodeNil() throws {
        begin()
        sink.writeRaw("null")
    }
    mutating func encode(_ value: Bool) throws {
        begin()
        sink.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String) throws {
        begin()
        sink.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        begin()
        try sink.writeFloat(value, path: [])
    }
    mutating func encode(_ value: Float) throws {
        begin()
        try sink.writeFloat(value, path: [])
    }
    mutating func encode(_ value: Int) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int8) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int16) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int32) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt8) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt16) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt32) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode(_ value: UInt64) throws {
        begin()
        sink.writeInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        begin()
        // The value takes this encoder's place: it is written at this depth
        // by a fresh pass, and this encoder writes nothing more.
        try sink.encodeValue(value, depth: encoder.depth + 1)
    }
}

/// A value that writes its own JSON, exactly as its `Encodable` form would
/// encode (a test holds each conforming type to that).
protocol JSONWritable: Encodable {
    /// Whether `writeJSON` covers this value; when false its `Encodable`
    /// form is used (a writer may cover only the common shapes).
    var writesItself: Bool { get }
    func writeJSON(to json: inout JSONBuffer)
}

extension JSONWritable {
    var writesItself: Bool { true }
}
