import NIOSSL

/// The start of every session: the greeting, EHLO, the TLS upgrade when the
/// settings ask for STARTTLS, and AUTH when they name a user.
extension SMTPDialogue {
    /// Runs the opening on a fresh connection; returns the greeting and what
    /// the server offers (after TLS, when upgraded).
    func open(_ settings: SMTPServerSettings, clientName: String, tls: NIOSSLContext?, serverHostname: String?)
        async throws(SMTPError) -> (greeting: SMTPReply, extensions: SMTPExtensions)
    {
        let greeting = try await reply(step: .greeting, expect: [220], timeout: timeouts.greeting)
        var extensions = try await hello(clientName)
        if settings.tls == .starttls, let tls {
            guard extensions.supportsStartTLS else {
                throw SMTPError(
                    step: .startTLS,
                    reason: .notOffered(
                        "the SMTP server does not offer STARTTLS; the help desk does not send in clear text "
                            + "when tls is \"starttls\" (use \"tls\" for a port-465 server)"))
            }
            try await command("STARTTLS", step: .startTLS, expect: [220])
            try await upgrade(tls, serverHostname: serverHostname)
            // What the server offered before TLS is discarded (RFC 3207 §4.2): ask again.
            do throws(SMTPError) {
                extensions = try await hello(clientName)
            } catch {
                // The handshake's failure shows as the first read after it.
                guard case .connectionFailed = error.reason else { throw error }
                throw SMTPError(step: .startTLS, reason: error.reason)
            }
        }
        if let username = settings.username, !username.isEmpty {
            try await authenticate(
                username: username, password: settings.password ?? "", extensions: extensions, tls: settings.tls)
        }
        return (greeting, extensions)
    }

    /// EHLO, or HELO for a server that rejects EHLO with a 5xx (it offers no
    /// extensions then).
    func hello(_ clientName: String) async throws(SMTPError) -> SMTPExtensions {
        do throws(SMTPError) {
            return SMTPExtensions(ehlo: try await command("EHLO \(clientName)", step: .hello, expect: [250]))
        } catch {
            guard let code = error.code, code >= 500 else { throw error }
            try await command("HELO \(clientName)", step: .hello, expect: [250])
            return SMTPExtensions()
        }
    }

    /// Logs in with the first mechanism of PLAIN and LOGIN that the server
    /// offers. PLAIN is one round trip; LOGIN (for servers that offer only it)
    /// sends the name and the password in answer to the server's two prompts,
    /// whatever their wording.
    func authenticate(username: String, password: String, extensions: SMTPExtensions, tls: SMTPTLSMode)
        async throws(SMTPError)
    {
        let mechanisms = extensions.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(username)\0\(password)")
            let reply = try await command(
                "AUTH PLAIN \(token)", step: .authentication, expect: [235, 334], logged: "AUTH PLAIN ****")
            // A server that takes no initial response asks for it with an empty 334.
            if reply.code == 334 { try await command(token, step: .authentication, expect: [235], logged: "****") }
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", step: .authentication, expect: [334])
            try await command(Self.base64(username), step: .authentication, expect: [334], logged: "****")
            try await command(Self.base64(password), step: .authentication, expect: [235], logged: "****")
        } else if mechanisms.isEmpty {
            let hint = tls == .none ? "; many servers offer it only over TLS (set tls to \"starttls\" or \"tls\")" : ""
            throw SMTPError(
                step: .authentication, reason: .notOffered("the SMTP server does not offer AUTH" + hint))
        } else {
            throw SMTPError(
                step: .authentication,
                reason: .notOffered(
                    "the SMTP server offers AUTH \(mechanisms.sorted().joined(separator: " ")); "
                        + "the help desk speaks PLAIN and LOGIN"))
        }
    }

    private func upgrade(_ tls: NIOSSLContext, serverHostname: String?) async throws(SMTPError) {
        let upgraded: Bool
        do {
            upgraded = try await connection.startTLS(tls, serverHostname: serverHostname)
        } catch {
            throw SMTPError(step: .startTLS, reason: .connectionFailed(Self.describe(error)))
        }
        guard upgraded else {
            throw SMTPError(
                step: .startTLS,
                reason: .protocolViolation("the server sent more after agreeing to STARTTLS, before the encryption"))
        }
    }
}
