extension KeyedDecodingContainer {
    /// Decodes a field a client may leave out but may not send as `null`:
    /// absent gives nil, `null` fails as "must not be null" naming the field,
    /// so a wrong type never quietly becomes the default.
    public func decodeUnlessAbsent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        return try decode(T.self, forKey: key)
    }
}
