/// What the inbound SMTP listener asks of the help desk: whether an address is
/// one of its mailboxes, and to take a finished message.
///
/// Both are asked while the client waits for the answer, so a client is never
/// told "accepted" for a message the help desk has not taken. Neither can
/// throw: a failure is an answer too (`temporaryFailure`), which the client
/// turns into a retry, so a mail is delayed rather than lost.
public protocol SMTPListenerDelegate: Sendable {
    /// Whether mail for `address` (an envelope recipient, as the client wrote
    /// it between `<` and `>`) is taken. Asked once for each `RCPT TO`.
    func checkRecipient(_ address: String) async -> SMTPRecipientDecision

    /// Takes a message whose data has arrived whole. The answer is what the
    /// client is told: `accepted` only once the message is safely stored,
    /// since the client forgets it then.
    ///
    /// When the listener is stopped while this runs, it is not cancelled: a
    /// message half stored is worse than a shutdown that waits for it.
    func receive(_ message: SMTPReceivedMessage) async -> SMTPDeliveryDecision
}

/// The answer to one `RCPT TO`.
public enum SMTPRecipientDecision: Sendable, Equatable {
    /// `250`: mail for this address is taken.
    case accept
    /// `550 5.1.1`: no mailbox has this address. Permanent: the sender gets a
    /// bounce that says so, and the message still goes to the other recipients.
    case unknown
    /// `450`: cannot tell now (the store is unavailable, say); the client tries
    /// this recipient again later. The text is shown to the client.
    case temporaryFailure(String)
}

/// The answer to a finished message.
public enum SMTPDeliveryDecision: Sendable, Equatable {
    /// `250 2.0.0 Ok: queued as <id>`: stored; the id (a message or ticket id)
    /// lets the sending server's log be matched to ours.
    case accepted(id: String)
    /// `451 4.3.0`: not stored, try again later; the text is shown to the client.
    case temporaryFailure(String)
    /// `554 5.7.1`: refused for good; the sender gets a bounce with the text.
    case rejected(String)
}
