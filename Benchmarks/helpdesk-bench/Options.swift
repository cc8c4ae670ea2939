extension InboxBenchmark {
    /// The `inbox` command line.
    struct Options: Sendable {
        var tickets = 1_000_000
        var dataDirectory: String?
        var iterations = 2000
        var warmup = 200
        var deepPages = 2000
        var seed: UInt64 = 42
        var maxSecondsPerOperation = 60.0
        var fresh = false

        var resolvedDataDirectory: String { dataDirectory ?? "/tmp/helpdesk-bench-\(tickets)" }

        init(parsing arguments: [String]) throws {
            var rest = arguments[...]
            while let argument = rest.popFirst() {
                var name = argument
                var inlineValue: String?
                if let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    inlineValue = String(argument[argument.index(after: equals)...])
                }
                func value() throws -> String {
                    if let inlineValue { return inlineValue }
                    guard let next = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
                    return next
                }
                func count(minimum: Int) throws -> Int {
                    let text = try value()
                    guard let number = Int(text.filter { $0 != "_" && $0 != "," }), number >= minimum else {
                        throw BenchError.usage(
                            "\(name) must be a whole number of at least \(minimum) (got \"\(text)\")")
                    }
                    return number
                }
                switch name {
                case "--tickets": tickets = try count(minimum: 1)
                case "--data-dir": dataDirectory = try value()
                case "--iterations": iterations = try count(minimum: 1)
                case "--warmup": warmup = try count(minimum: 0)
                case "--deep-pages": deepPages = try count(minimum: 1)
                case "--seed": seed = UInt64(try count(minimum: 0))
                case "--max-seconds":
                    let text = try value()
                    guard let seconds = Double(text), seconds > 0 else {
                        throw BenchError.usage("--max-seconds must be a positive number (got \"\(text)\")")
                    }
                    maxSecondsPerOperation = seconds
                case "--fresh": fresh = true
                default: throw BenchError.usage("unknown option \(argument)")
                }
            }
        }
    }
}
