/// Opaque string ids: a short prefix that says what the id is, then 20 random
/// characters (about 100 bits), e.g. `tm_k3x9...`.
public enum Identifier {
    private static let alphabet = Array("0123456789abcdefghijkmnpqrstuvwxyz")

    public static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var id = prefix + "_"
        for _ in 0..<20 { id.append(alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))]) }
        return id
    }
}
