/// How a transfer ended, in terms a caller can act on without knowing libcurl's error codes.
public struct CurlResult: Sendable, Equatable {
    public enum Failure: Sendable, Equatable {
        case dns, connect, timeout, tls, tooManyRedirects, unsupportedProtocol, malformedURL
        case badContentEncoding
        /// The body grew past `maxBodyBytes`.
        case bodyTooLarge
        /// Headers and trailers together grew past `CurlEasy.maxHeaderBytes`, or one header
        /// line past libcurl's own limit.
        case headersTooLarge
        /// The connection went to an address `deniesPrivateAddresses` refuses.
        case privateAddress
        /// The reply is not HTTP: HTTP/0.9 (no status line) or a status line that is garbage.
        case notHTTP
        /// The caller's request check refused a request (see `CurlEasy.requestCheck`).
        case requestRefused
        /// The caller's response check refused the body (see `CurlEasy.responseCheck`).
        case refusedByCaller
        /// `CurlEasy.shouldAbort` asked to stop.
        case abortedByCaller
        case other
    }

    /// nil when the transfer completed.
    public var failure: Failure?
    /// libcurl's own words, with its detail buffer when it filled one.
    public var message: String
    /// The caller's refusal, when the failure is `.requestRefused`.
    public var refusal: RequestRefusal?

    public static let success = CurlResult(failure: nil, message: "")
}
