extension KeyedDecodingContainer {
    /// Tells a missing key (nil) from an explicit JSON null (`.some(nil)`), as
    /// PATCH bodies need: `{"assigneeId": null}` unassigns, omitting it keeps.
    func decodePatchField<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(T.self, forKey: key))
    }
}
