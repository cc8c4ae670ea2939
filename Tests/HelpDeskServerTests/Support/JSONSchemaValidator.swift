import Foundation

/// The part of JSON Schema 2020-12 the OpenAPI document uses: `type` (one or
/// several, `null` included), `properties`, `required`, `additionalProperties`,
/// `minProperties`, `items`, `minItems`, `maxItems`, `enum`, `const`, `$ref`
/// into the document, `oneOf`, `anyOf`, `allOf`, `minimum`, `maximum`,
/// `minLength`, `maxLength`, `pattern`, and the formats `date-time`, `email`
/// and `uri`. Keywords outside this subset are refused, so a schema the
/// validator cannot judge fails loudly instead of passing unchecked.
struct JSONSchemaValidator {
    /// The whole document, for `$ref`.
    let document: JSONValue

    /// Keywords that only annotate and never constrain.
    static let annotations: Set<String> = [
        "description", "title", "examples", "example", "default", "readOnly", "writeOnly", "deprecated",
        "discriminator",
        "$comment", "format",
    ]
    static let understood: Set<String> = [
        "type", "properties", "required", "additionalProperties", "minProperties", "items", "minItems", "maxItems",
        "enum", "const", "$ref", "oneOf", "anyOf", "allOf", "minimum", "maximum", "minLength", "maxLength", "pattern",
    ]

    /// Every violation of `schema` by `value`, each naming where (a JSON pointer into the value).
    func violations(of value: JSONValue, against schema: JSONValue, at pointer: String = "") -> [String] {
        guard let keywords = schema.object else {
            if schema == .bool(true) { return [] }
            if schema == .bool(false) { return ["\(location(pointer)) is not allowed"] }
            return ["the schema at \(location(pointer)) is not an object"]
        }
        var problems: [String] = []
        for key in keywords.keys where !Self.understood.contains(key) && !Self.annotations.contains(key) {
            problems.append("the schema at \(location(pointer)) uses \(key), which this validator does not understand")
        }
        if let reference = keywords["$ref"]?.string {
            guard let target = resolve(reference) else { return problems + ["\(reference) does not resolve"] }
            problems += violations(of: value, against: target, at: pointer)
        }
        if let type = keywords["type"] {
            let allowed = Set(type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? [])
            if allowed.isDisjoint(with: value.schemaTypes) {
                // A wrong type makes the other keywords meaningless.
                return problems + [
                    "\(location(pointer)) must be \(allowed.sorted().joined(separator: " or ")), got \(value)"
                ]
            }
        }
        if let options = keywords["enum"]?.array, !options.contains(value) {
            problems.append(
                "\(location(pointer)) must be one of \(options.map(\.description).joined(separator: ", ")), got \(value)"
            )
        }
        if let constant = keywords["const"], constant != value {
            problems.append("\(location(pointer)) must be \(constant), got \(value)")
        }
        for part in keywords["allOf"]?.array ?? [] {
            problems += violations(of: value, against: part, at: pointer)
        }
        if let options = keywords["anyOf"]?.array,
            !options.contains(where: { violations(of: value, against: $0, at: pointer).isEmpty })
        {
            problems.append("\(location(pointer)) matches none of anyOf: \(explain(value, options, pointer))")
        }
        if let options = keywords["oneOf"]?.array {
            let matching = options.filter { violations(of: value, against: $0, at: pointer).isEmpty }.count
            if matching == 0 {
                problems.append("\(location(pointer)) matches none of oneOf: \(explain(value, options, pointer))")
            } else if matching > 1 {
                problems.append("\(location(pointer)) matches \(matching) schemas of oneOf, exactly one must match")
            }
        }
        switch value {
        case .object(let members):
            problems += objectViolations(members, keywords, pointer)
        case .array(let items):
            if let min = keywords["minItems"]?.number, Double(items.count) < min {
                problems.append("\(location(pointer)) must have at least \(Int(min)) items, has \(items.count)")
            }
            if let max = keywords["maxItems"]?.number, Double(items.count) > max {
                problems.append("\(location(pointer)) must have at most \(Int(max)) items, has \(items.count)")
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    problems += violations(of: item, against: itemSchema, at: "\(pointer)/\(index)")
                }
            }
        case .string(let text):
            problems += stringViolations(text, keywords, pointer)
        case .number(let number):
            if let min = keywords["minimum"]?.number, number < min {
                problems.append("\(location(pointer)) must be at least \(JSONValue.number(min)), got \(value)")
            }
            if let max = keywords["maximum"]?.number, number > max {
                problems.append("\(location(pointer)) must be at most \(JSONValue.number(max)), got \(value)")
            }
        case .null, .bool:
            break
        }
        return problems
    }

    private func objectViolations(_ members: [String: JSONValue], _ keywords: [String: JSONValue], _ pointer: String)
        -> [String]
    {
        var problems: [String] = []
        let properties = keywords["properties"]?.object ?? [:]
        for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
            problems.append("\(location(pointer)) is missing the required property \(name)")
        }
        if let min = keywords["minProperties"]?.number, Double(members.count) < min {
            problems.append("\(location(pointer)) must have at least \(Int(min)) properties")
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let propertySchema = properties[name] {
                problems += violations(of: member, against: propertySchema, at: "\(pointer)/\(name)")
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(location(pointer)) has the undocumented property \(name)")
                } else {
                    problems += violations(of: member, against: additional, at: "\(pointer)/\(name)")
                }
            }
        }
        return problems
    }

    private func stringViolations(_ text: String, _ keywords: [String: JSONValue], _ pointer: String) -> [String] {
        var problems: [String] = []
        // JSON Schema counts characters as code points.
        let length = text.unicodeScalars.count
        if let min = keywords["minLength"]?.number, Double(length) < min {
            problems.append("\(location(pointer)) must be at least \(Int(min)) characters, has \(length)")
        }
        if let max = keywords["maxLength"]?.number, Double(length) > max {
            problems.append("\(location(pointer)) must be at most \(Int(max)) characters, has \(length)")
        }
        if let pattern = keywords["pattern"]?.string {
            if let regex = try? NSRegularExpression(pattern: pattern) {
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) == nil {
                    problems.append("\(location(pointer)) must match \(pattern), got \(JSONValue.string(text))")
                }
            } else {
                problems.append("the pattern \(pattern) at \(location(pointer)) does not compile")
            }
        }
        if let format = keywords["format"]?.string, !Self.matches(text, format: format) {
            problems.append("\(location(pointer)) must be a \(format), got \(JSONValue.string(text))")
        }
        return problems
    }

    /// Formats are checked, not only annotated: the server promises them.
    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time":
            let pattern = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
            return text.range(of: pattern, options: .regularExpression) != nil
        case "email":
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
                && !text.contains(where: \.isWhitespace)
        case "uri":
            guard let url = URL(string: text), let scheme = url.scheme else { return false }
            return !scheme.isEmpty
        default:
            return true
        }
    }

    /// Follows a local reference such as `#/components/schemas/Ticket`.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?[key]
        }
        return node
    }

    private func explain(_ value: JSONValue, _ options: [JSONValue], _ pointer: String) -> String {
        options.map { option in
            let name = option["$ref"]?.string.map { String($0.split(separator: "/").last ?? "") } ?? "schema"
            let first = violations(of: value, against: option, at: pointer).first ?? "matches"
            return "\(name) (\(first))"
        }.joined(separator: "; ")
    }

    private func location(_ pointer: String) -> String { pointer.isEmpty ? "the body" : pointer }
}
