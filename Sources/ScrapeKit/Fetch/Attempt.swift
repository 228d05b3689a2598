import Curl

/// One URL on its way through a runner: which try this is, and where it goes.
struct Attempt: Sendable {
    var input: InputURL
    var target: CurlURL
    var number = 0

    /// Host key for per-host limits: scheme, host and port as curl will connect.
    var host: String { target.host }
}
