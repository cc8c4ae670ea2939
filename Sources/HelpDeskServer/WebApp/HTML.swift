import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// A fragment of HTML that is safe to send.
    ///
    /// Markup comes only from string literals written here; every `String`
    /// interpolated into one goes through ``HTML/escape(_:)``, so text a customer or
    /// member typed can never become markup, in element content or in a quoted
    /// attribute value. Nested fragments (`HTML`, `[HTML]`) are inserted as they are.
    struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
        private(set) var rendered: String

        init(stringLiteral value: String) { rendered = value }
        init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

        var description: String { rendered }

        static let empty: HTML = ""

        /// Escapes text for element content and double- or single-quoted attribute values.
        static func escape(_ text: String) -> String {
            var output = ""
            output.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": output += "&amp;"
                case "<": output += "&lt;"
                case ">": output += "&gt;"
                case "\"": output += "&quot;"
                case "'": output += "&#39;"
                default: output.unicodeScalars.append(scalar)
                }
            }
            return output
        }

        /// Text with its web addresses as links: everything escaped, each
        /// `http(s)://…` run (less trailing punctuation) an `<a>` that opens in a
        /// new tab with `rel="noopener noreferrer nofollow"`. `app.js` and the
        /// widget link messages the same way.
        static func linked(_ text: String) -> HTML {
            func nextStart(_ text: Substring) -> Substring.Index? {
                ["http://", "https://"].compactMap { text.range(of: $0, options: .caseInsensitive)?.lowerBound }.min()
            }
            var out = HTML.empty
            var rest = Substring(text)
            while let start = nextStart(rest) {
                out.rendered += escape(String(rest[..<start]))
                var end = rest[start...].firstIndex { $0.isWhitespace || "<>\"'".contains($0) } ?? rest.endIndex
                while end > start, ".,;:!?)]".contains(rest[rest.index(before: end)]) { end = rest.index(before: end) }
                let url = String(rest[start..<end])
                if url.count > 8 {
                    out.rendered +=
                        "<a href=\"\(escape(url))\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">\(escape(url))</a>"
                } else {
                    out.rendered += escape(url)
                }
                rest = rest[end...]
            }
            out.rendered += escape(String(rest))
            return out
        }

        /// Fragments one after another.
        static func join(_ fragments: [HTML], separator: HTML = "") -> HTML {
            var out = HTML.empty
            for (index, fragment) in fragments.enumerated() {
                if index > 0 { out.rendered += separator.rendered }
                out.rendered += fragment.rendered
            }
            return out
        }

        /// The fragment when `condition` holds, else nothing.
        static func when(_ condition: Bool, _ fragment: @autoclosure () -> HTML) -> HTML {
            condition ? fragment() : .empty
        }

        /// ` name` for a boolean attribute that is on, else nothing.
        static func flag(_ name: String, _ on: Bool) -> HTML {
            on ? HTML(stringLiteral: " " + name) : .empty
        }

        struct Interpolation: StringInterpolationProtocol {
            var output = ""

            init(literalCapacity: Int, interpolationCount: Int) {
                output.reserveCapacity(literalCapacity + interpolationCount * 16)
            }

            mutating func appendLiteral(_ literal: String) { output += literal }
            /// Text: escaped.
            mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
            /// Text of a wire enum (its raw value): escaped.
            mutating func appendInterpolation<Value: WireEnum>(_ value: Value) { output += HTML.escape(value.rawValue) }
            mutating func appendInterpolation(_ number: Int) { output += String(number) }
            mutating func appendInterpolation(_ number: Int64) { output += String(number) }
            /// Markup built elsewhere from literals and escaped text.
            mutating func appendInterpolation(_ fragment: HTML) { output += fragment.rendered }
            mutating func appendInterpolation(_ fragments: [HTML]) {
                for fragment in fragments { output += fragment.rendered }
            }
        }
    }
}
