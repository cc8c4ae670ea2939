import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Connection and TLS failures in words for the person fixing the settings:
/// the cause without NIO's type names, with a hint for the usual mistakes
/// (an untrusted certificate, TLS spoken to a port that expects STARTTLS).
enum SMTPFailureWords {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            guard let last = error.connectionErrors.last else { return "the host does not resolve" }
            return describe(last.error)
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case let error as NIOSSLError:
            if case .handshakeFailed(let inner) = error { return "TLS handshake failed: " + tlsReason(inner) }
            return "TLS: \(error)"
        case let error as NIOSSLExtraError:
            return "TLS: \(error)"
        case is CancellationError:
            return "cancelled"
        default:
            return String(describing: error)
        }
    }

    /// BoringSSL's reason code (`CERTIFICATE_VERIFY_FAILED`), with a hint.
    static func tlsReason(_ error: BoringSSLError) -> String {
        let text = String(describing: error)
        guard let match = text.firstMatch(of: /:([A-Z0-9_]{4,})(?: at |\])/) else { return text }
        let code = String(match.1)
        switch code {
        case "CERTIFICATE_VERIFY_FAILED":
            return "the server's certificate is not trusted or does not name the host (\(code))"
        case "WRONG_VERSION_NUMBER":
            return "the server does not speak TLS on this port; is it a STARTTLS port (587)? (\(code))"
        default:
            return code
        }
    }
}
