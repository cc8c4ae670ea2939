import NIOSSL

/// A self-signed certificate for `localhost` and `127.0.0.1`, valid for a
/// hundred years, and its private key: test-only, so the fake SMTP server can
/// speak TLS without generating a certificate in every run. Made with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
/// -days 36500 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1`.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmjCCAUGgAwIBAgIUF8LRL4pZZ7PDy09SznoRfaW3irwwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNzIzMzk1OVoYDzIxMjYxMTAz
        MjMzOTU5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAASI1RGwW+M2G1F0r2RCImBg8CS0vjURKIKQsZJnDt9P8Bx6BBIdkavk
        Rt1P08VkjgCNEdlaZuNkCKUmpfKOg6cBo28wbTAdBgNVHQ4EFgQUysc18gWEPK2A
        84ZCUQDPwOGvgEkwHwYDVR0jBBgwFoAUysc18gWEPK2A84ZCUQDPwOGvgEkwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDRwAwRAIgTjOer5XFQZvTK9iDT3CK/m0DXo0kk+qcW1RVFF/5Bc0CIHFP
        r6JeZGysE8ttrM9Zq0lgCeL2iEwa92JZBSJITwbX
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5GrxlMJlmJolHOPg
        kALjGwnykRbzSzRuB6FNFRFOkVChRANCAASI1RGwW+M2G1F0r2RCImBg8CS0vjUR
        KIKQsZJnDt9P8Bx6BBIdkavkRt1P08VkjgCNEdlaZuNkCKUmpfKOg6cB
        -----END PRIVATE KEY-----
        """

    /// A server-side TLS context presenting the certificate.
    static func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
