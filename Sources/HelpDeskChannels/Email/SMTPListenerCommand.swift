import Foundation

/// One command line from an SMTP client, cut into its verb and argument, and
/// the reading of `MAIL FROM:<path> params` and `RCPT TO:<path> params`.
struct SMTPListenerCommand: Equatable {
    /// Upper-cased: verbs are case-insensitive (RFC 5321 §2.4).
    var verb: String
    /// The rest of the line after the verb and its space, as written.
    var argument: String

    init(line: String) {
        let trimmed = line.drop(while: { $0 == " " })
        if let space = trimmed.firstIndex(of: " ") {
            verb = trimmed[..<space].uppercased()
            argument = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
        } else {
            verb = trimmed.uppercased()
            argument = ""
        }
    }

    /// An envelope address with the parameters after it.
    struct Path: Equatable {
        /// Between `<` and `>`, any source route (`@a,@b:`) removed; empty for `<>`.
        var address: String
        /// `KEY=VALUE` or `KEY`, keys upper-cased, values as written.
        var parameters: [(key: String, value: String?)]

        static func == (left: Path, right: Path) -> Bool {
            left.address == right.address
                && left.parameters.map(\.key) == right.parameters.map(\.key)
                && left.parameters.map(\.value) == right.parameters.map(\.value)
        }
    }

    enum PathProblem: Error, Equatable {
        /// The argument does not start with `FROM:` or `TO:`.
        case missingPrefix
        /// No `<…>`, or what is inside cannot be an address.
        case badAddress
    }

    /// Reads `FROM:<a@b> SIZE=10` (prefix `FROM:`) or `TO:<a@b>`.
    ///
    /// Strict about the brackets, which every SMTP client sends (they make the
    /// address unambiguous), lenient about a space after the colon, which some
    /// old clients add.
    func path(after prefix: String) throws(PathProblem) -> Path {
        guard argument.uppercased().hasPrefix(prefix) else { throw .missingPrefix }
        let rest = argument.dropFirst(prefix.count).drop(while: { $0 == " " })
        guard rest.first == "<", let close = rest.firstIndex(of: ">") else { throw .badAddress }
        var address = String(rest[rest.index(after: rest.startIndex)..<close])
        // A source route is obsolete and is to be ignored (RFC 5321 §4.1.1.3, §C).
        if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
            address = String(address[address.index(after: colon)...])
        }
        guard Self.isPlausibleAddress(address) else { throw .badAddress }
        let after = rest[rest.index(after: close)...]
        guard after.isEmpty || after.first == " " else { throw .badAddress }
        let parameters = after.split(separator: " ").map { word -> (key: String, value: String?) in
            guard let equals = word.firstIndex(of: "=") else { return (word.uppercased(), nil) }
            return (word[..<equals].uppercased(), String(word[word.index(after: equals)...]))
        }
        return Path(address: address, parameters: parameters)
    }

    /// Short enough for a path (RFC 5321 §4.5.3.1.3) and free of what cannot
    /// be in one unquoted: spaces, controls, brackets. The address goes to the
    /// delegate and into replies and logs, so nothing may break a line there.
    static func isPlausibleAddress(_ address: String) -> Bool {
        address.utf8.count <= 256
            && address.unicodeScalars.allSatisfy { scalar in
                scalar.value > 0x20 && scalar.value != 0x7F && scalar != "<" && scalar != ">"
                    && !(0x80...0x9F).contains(scalar.value)
            }
    }
}
