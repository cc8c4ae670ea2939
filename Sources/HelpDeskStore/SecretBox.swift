import Crypto
import Foundation
import HelpDeskCore

/// Seals secrets that members configure (agents' LLM API keys; channel tokens
/// next) before they reach the database, with keys kept outside it: a copy of
/// the database alone reveals none of them.
///
/// The keys come from `HELPDESK_SECRET_KEY` (base64 of 32 bytes; several,
/// comma-separated, newest first) or else from the key file beside the database
/// (`secret.key`, mode 0600, one base64 key per line, newest first), created on
/// first start. The newest key seals; every key listed opens. A sealed value is
/// `sealed:v1:<key id>:<base64 of ChaCha20-Poly1305 nonce, ciphertext and tag>`.
///
/// Rotation (`helpdesk rotate-secret-key`): a new key is written first in the
/// file, above the old ones, every sealed value is sealed again with it in one
/// transaction, and only then are the old keys dropped. A crash at any point
/// leaves a key that opens every value.
public struct SecretBox: Sendable {
    /// A key and its short public id (which key sealed a value).
    struct Key: Sendable {
        /// The raw bytes (a `SymmetricKey` is made from them for each use: it is not `Sendable`).
        let bytes: Data
        let id: String
        var key: SymmetricKey { SymmetricKey(data: bytes) }

        init(_ data: Data) {
            bytes = data
            id = Hex.encode(SHA256.hash(data: data).prefix(4))
        }
    }

    let keys: [Key]
    static let prefix = "sealed:v1:"

    /// Why a sealed value cannot be opened, or the keys cannot be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    package init(keys: [Data]) throws {
        guard !keys.isEmpty, keys.allSatisfy({ $0.count == 32 }) else {
            throw Failure(description: "a secret key must be 32 bytes, written in base64")
        }
        self.keys = keys.map(Key.init)
    }

    /// The keys from the environment when set, else from `file`, creating it with a fresh key.
    public static func load(file: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> SecretBox
    {
        if let fromEnvironment = environment["HELPDESK_SECRET_KEY"], !fromEnvironment.isEmpty {
            return try SecretBox(keys: try decode(fromEnvironment.split(separator: ","), source: "HELPDESK_SECRET_KEY"))
        }
        let files = FileManager.default
        if !files.fileExists(atPath: file) {
            try write(keys: [freshKey()], to: file)
        }
        try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try SecretBox(keys: try decode(text.split(whereSeparator: \.isNewline), source: file))
    }

    static func decode(_ lines: [Substring], source: String) throws -> [Data] {
        try lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }.map {
            guard let data = Data(base64Encoded: $0), data.count == 32 else {
                throw Failure(description: "\(source) holds a key that is not 32 bytes of base64")
            }
            return data
        }
    }

    static func freshKey() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Writes the key file atomically with mode 0600.
    static func write(keys: [Data], to file: String) throws {
        let text =
            "# HelpDesk secret keys, newest first: the first seals, every one opens. Keep this file private.\n"
            + keys.map { $0.base64EncodedString() + "\n" }.joined()
        let temporary = file + ".tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
            rename(temporary, file) == 0
        else { throw Failure(description: "could not write the key file \(file)") }
    }

    /// Seals `plaintext` with the newest key.
    public func seal(_ plaintext: String) throws -> String {
        let current = keys[0]
        let box = try ChaChaPoly.seal(Data(plaintext.utf8), using: current.key)
        return Self.prefix + current.id + ":" + box.combined.base64EncodedString()
    }

    /// Opens a sealed value; a value that was never sealed (written before
    /// sealing existed) comes back as it is.
    public func open(_ value: String) throws -> String {
        guard value.hasPrefix(Self.prefix) else { return value }
        let rest = value.dropFirst(Self.prefix.count)
        let parts = rest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let combined = Data(base64Encoded: String(parts[1])) else {
            throw Failure(description: "a sealed secret in the database is malformed")
        }
        guard let key = keys.first(where: { $0.id == parts[0] }) else {
            throw Failure(
                description:
                    "a secret in the database was sealed with key \(parts[0]), which is not among the configured keys "
                    + "(HELPDESK_SECRET_KEY or secret.key beside the database)")
        }
        do {
            let box = try ChaChaPoly.SealedBox(combined: combined)
            return String(decoding: try ChaChaPoly.open(box, using: key.key), as: UTF8.self)
        } catch {
            throw Failure(description: "a sealed secret in the database does not open with key \(key.id)")
        }
    }

    /// Whether `value` is sealed with the newest key already.
    package func isCurrent(_ value: String) -> Bool {
        value.hasPrefix(Self.prefix + keys[0].id + ":")
    }
}
