/// Why a benchmark could not run or produced an untrustworthy number.
enum BenchError: Error, CustomStringConvertible {
    /// Wrong command line; the message names the option and the fix.
    case usage(String)
    /// A check the numbers depend on failed (wrong row count, an HTTP error, ...).
    case check(String)

    var description: String {
        switch self {
        case .usage(let message), .check(let message): message
        }
    }
}
