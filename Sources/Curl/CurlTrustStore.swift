import CCurl

/// The certificate authorities a run trusts, parsed once, when the first TLS connection needs
/// them, and used by every TLS connection of every handle on every thread.
///
/// Left to itself, libcurl keeps a parsed bundle per handle at best, and Debian's build, which
/// also sets a CA directory, turns even that off: every new TLS connection then decoded the whole
/// bundle again (about 140 certificates, 40-70 ms of CPU).
public final class CurlTrustStore: @unchecked Sendable {
    private let store: OpaquePointer

    /// - Parameters:
    ///   - caFile: a PEM bundle; nil for the one libcurl was built with.
    ///   - caPath: a directory of hashed certificates, read as needed.
    public init(caFile: String?, caPath: String?) {
        _ = CurlGlobal.initialized
        store = scrape_trust_store_new(caFile ?? Self.defaultCAFile, caPath)!
    }

    deinit {
        scrape_trust_store_free(store)
    }

    func use(on handle: UnsafeMutableRawPointer) {
        _ = scrape_easy_use_trust_store(handle, store)
    }

    /// The bundle libcurl would read by itself (Debian: /etc/ssl/certs/ca-certificates.crt).
    private static let defaultCAFile: String? = CurlEasy().string(CURLINFO_CAINFO)
}
