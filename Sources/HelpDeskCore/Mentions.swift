/// @mentions in an internal note: `@` and a member's display name, as the
/// composer's member picker inserts it. The rule:
/// - the `@` starts the text or follows a character that is not a letter or
///   digit (so `ana@example.com` mentions nobody);
/// - the longest display name that follows, ignoring case, wins ("@Ann Lee"
///   mentions Ann Lee, not Ann), and the next character must not be a letter
///   or digit ("@Anna" does not mention Ann);
/// - members sharing that display name are all mentioned.
public enum Mentions {
    /// The ids of the members mentioned in `body`, in first-mention order, each once.
    public static func members(in body: String, among members: [MemberRef]) -> [String] {
        let byLength = members.filter { !$0.displayName.isEmpty }.sorted {
            $0.displayName.count > $1.displayName.count
        }
        var found: [String] = []
        var index = body.startIndex
        while let at = body[index...].firstIndex(of: "@") {
            let after = body.index(after: at)
            defer { index = after }
            if at > body.startIndex {
                let before = body[body.index(before: at)]
                if before.isLetter || before.isNumber { continue }
            }
            let rest = body[after...]
            guard
                let name = byLength.first(where: { member in
                    guard
                        let end = rest.index(
                            rest.startIndex, offsetBy: member.displayName.count, limitedBy: rest.endIndex),
                        rest[rest.startIndex..<end].lowercased() == member.displayName.lowercased()
                    else { return false }
                    return end == rest.endIndex || !(rest[end].isLetter || rest[end].isNumber)
                })?.displayName.lowercased()
            else { continue }
            for member in members where member.displayName.lowercased() == name && !found.contains(member.id) {
                found.append(member.id)
            }
        }
        return found
    }
}
