/// The message as the DATA step carries it (RFC 5321 §4.5.2): every line
/// ending made CRLF first, then a `.` doubled at the start of any line (the
/// server removes it), then the lone `.` line that ends the message.
///
/// Normalising first is what makes the stuffing work: with a bare LF the
/// server cannot see where a line starts, so a doubled dot would be kept.
enum SMTPDataEncoding {
    static func encode(_ message: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let dot = UInt8(ascii: ".")
        var payload: [UInt8] = []
        payload.reserveCapacity(message.count + message.count / 50 + 5)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if byte == cr || byte == lf {
                payload += [cr, lf]
                if byte == cr, index + 1 < message.count, message[index + 1] == lf { index += 1 }
                atLineStart = true
            } else {
                if atLineStart, byte == dot { payload.append(dot) }
                payload.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { payload += [cr, lf] }
        payload += [dot, cr, lf]
        return payload
    }
}
