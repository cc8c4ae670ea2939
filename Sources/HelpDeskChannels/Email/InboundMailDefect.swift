/// Damage found while reading a message and read around: the message is still
/// parsed, and the defect says what may be missing or approximate.
public enum InboundMailDefect: Sendable, Equatable {
    /// A header line that is not a field (shown, at most 200 bytes); it was skipped.
    case headerLineWithoutColon(String)
    /// A multipart without a `boundary` parameter; its body was read as plain text.
    case missingBoundary
    /// A multipart whose boundary never occurs; its body was read as plain text.
    case boundaryNotFound(String)
    /// A multipart whose closing boundary is missing (a truncated message);
    /// its last part runs to the end.
    case missingClosingBoundary(String)
    /// A base64 part with characters outside the alphabet or a dangling
    /// character; they were skipped.
    case invalidBase64
}
