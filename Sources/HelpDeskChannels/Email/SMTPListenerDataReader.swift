/// Reads a message after `DATA` (RFC 5321 §4.5.2): removes the dot a client
/// doubles at the start of a line, finds the lone `.` line that ends the
/// message, and keeps at most `limit` bytes.
///
/// Only CRLF ends a line. A lone LF (or CR) is a byte of its line: a dot after
/// it is neither unstuffed nor the end of the message. Reading `<LF>.<LF>` or
/// `<LF>.<CR><LF>` as the end, as some servers do, is what lets a sender
/// smuggle a second message past the server in front of this one (which read
/// it as data), so the listener sees only the end every server agrees on.
///
/// Past the limit the bytes are counted as dropped but reading goes on to the
/// end, so the client gets its `552` at the right place and the session stays
/// usable, without the overflow ever being held in memory.
struct SMTPListenerDataReader {
    private enum Position {
        /// At the start of a line (after CRLF, or at the start of the data).
        case lineStart
        /// After a `.` at the start of a line: the end, or a stuffed dot.
        case dot
        /// After `.` and CR at the start of a line: the end if LF follows.
        case dotCR
        case inLine
        /// After a CR inside a line: a line end if LF follows.
        case cr
    }

    let limit: Int
    private(set) var message: [UInt8] = []
    /// Whether bytes past `limit` were dropped.
    private(set) var overflowed = false
    private var position = Position.lineStart

    init(limit: Int) {
        self.limit = limit
    }

    /// Reads from `bytes[index...]` up to and including the end of the message.
    /// Returns the index after the end, or nil when the end has not come yet
    /// (all of `bytes` was read).
    mutating func read(_ bytes: [UInt8], from index: Int) -> Int? {
        var index = index
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch position {
            case .lineStart:
                if byte == Self.dot {
                    position = .dot
                } else {
                    take(byte)
                }
            case .dot:
                if byte == Self.cr {
                    position = .dotCR
                } else {
                    // The dot was stuffing; the byte is the line's first.
                    take(byte)
                }
            case .dotCR:
                if byte == Self.lf { return index }
                // `.` CR x: the dot was stuffing and the CR is content.
                take(Self.cr)
                take(byte)
            case .inLine, .cr:
                take(byte)
            }
        }
        return nil
    }

    /// Appends a byte of the message and moves along the line it is on.
    private mutating func take(_ byte: UInt8) {
        if message.count < limit {
            message.append(byte)
        } else {
            overflowed = true
        }
        switch byte {
        case Self.cr: position = .cr
        case Self.lf: position = position == .cr ? .lineStart : .inLine
        default: position = .inLine
        }
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let dot = UInt8(ascii: ".")
}
