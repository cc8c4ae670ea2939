/// HTML character references: numeric ones, and the named ones mail bodies
/// use (Latin-1, typographic punctuation, a few symbols). A name outside the
/// table is left as written, which reads better than a guess.
enum MIMEHTMLEntities {
    /// The character `name` (the text between `&` and `;`) stands for.
    /// Without the `;` only numeric references and the few names old HTML
    /// allowed bare (`&amp`, `&nbsp`) count, so `AT&Tonight` stays text.
    static func scalar(for name: String, terminated: Bool) -> Unicode.Scalar? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if let first = digits.first, first == "x" || first == "X" {
                value = digits.count > 1 && digits.count <= 7 ? UInt32(digits.dropFirst(), radix: 16) : nil
            } else {
                value = !digits.isEmpty && digits.count <= 8 ? UInt32(digits) : nil
            }
            guard let value else { return nil }
            // References to 0x80–0x9F mean Windows-1252 characters, as browsers read them.
            if value >= 0x80, value <= 0x9F {
                let mapped = MIMECharset.windows1252High[Int(value) - 0x80]
                return Unicode.Scalar(mapped == 0 ? value : mapped)
            }
            if value == 0 { return "\u{FFFD}" }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
        guard terminated || bareNames.contains(name) else { return nil }
        return named[name]
    }

    private static let bareNames: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    private static let named: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "hellip": "\u{2026}", "mdash": "\u{2014}",
            "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}",
            "rdquo": "\u{201D}", "bdquo": "\u{201E}", "bull": "\u{2022}", "euro": "\u{20AC}", "trade": "\u{2122}",
            "dagger": "\u{2020}", "Dagger": "\u{2021}", "permil": "\u{2030}", "lsaquo": "\u{2039}",
            "rsaquo": "\u{203A}", "OElig": "\u{152}", "oelig": "\u{153}", "Scaron": "\u{160}", "scaron": "\u{161}",
            "Yuml": "\u{178}", "fnof": "\u{192}", "circ": "\u{2C6}", "tilde": "\u{2DC}", "ensp": "\u{2002}",
            "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}",
            "rlm": "\u{200F}", "larr": "\u{2190}", "uarr": "\u{2191}", "rarr": "\u{2192}", "darr": "\u{2193}",
            "harr": "\u{2194}", "hearts": "\u{2665}", "check": "\u{2713}", "minus": "\u{2212}", "prime": "\u{2032}",
            "Prime": "\u{2033}",
        ]
        // The names of U+00A0 to U+00FF, in order.
        let latin1 = [
            "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
            "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
            "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
            "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
            "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
            "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
            "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
            "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
            "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
        ]
        for (offset, name) in latin1.enumerated() {
            table[name] = Unicode.Scalar(UInt8(0xA0 + offset))
        }
        return table
    }()
}
