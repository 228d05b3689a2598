import CCurl

/// libcurl's result codes in the terms of `CurlResult`.
extension CurlResult.Failure {
    /// The failure libcurl's `code` stands for; `message` tells some apart (libcurl reports several
    /// kinds of malformed reply, and its own header cap, under codes that mean more).
    init(code: CURLcode, message: String) {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL where message.contains("HTTP/0.9") || message.contains("HTTP version")
                                           || message.contains("response code"),
             CURLE_WEIRD_SERVER_REPLY:
            self = .notHTTP
        case CURLE_RECV_ERROR where message.contains("Too large response headers"):
            // libcurl's own cap on the headers (300 KB), reached before ours.
            self = .headersTooLarge
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .dns
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
             CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            self = .connect
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED:
            self = .tls
        case CURLE_TOO_MANY_REDIRECTS:
            self = .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL:
            self = .unsupportedProtocol
        case CURLE_URL_MALFORMAT:
            self = .malformedURL
        case CURLE_BAD_CONTENT_ENCODING:
            self = .badContentEncoding
        case CURLE_FILESIZE_EXCEEDED:
            self = .bodyTooLarge
        default:
            self = .other
        }
    }
}

extension CurlResult {
    /// libcurl's TLS messages name the library ("SSL certificate problem: ..."); ours say which
    /// step failed first, so a record reads "certificate verify failed: certificate has expired".
    static func tlsMessage(for code: CURLcode, _ message: String) -> String {
        var detail = Substring(message)
        for prefix in ["SSL certificate problem: ", "SSL: "] where detail.hasPrefix(prefix) {
            detail = detail.dropFirst(prefix.count)
        }
        let step = switch code {
        case CURLE_PEER_FAILED_VERIFICATION where detail.contains("host name") || detail.contains("does not match"):
            "hostname mismatch"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            "certificate verify failed"
        case CURLE_SSL_CACERT_BADFILE:
            "the CA certificates could not be read"
        case CURLE_SSL_CERTPROBLEM:
            "the client certificate could not be used"
        default:
            "TLS handshake failed"
        }
        return "\(step): \(detail)"
    }
}
