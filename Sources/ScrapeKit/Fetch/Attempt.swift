import WHATWGURL

/// One URL on its way through a runner: which try this is, and where it goes.
struct Attempt: Sendable {
    var input: InputURL
    var target: WebURL
    var number = 0
    /// The target's robots.txt allows it: matched once, when its rules are known, and kept, so a
    /// URL waiting for a free slot is not matched again on every pass of the async loop.
    var robotsAllowed = false
    /// A redirect target whose site's robots.txt must arrive before this attempt may start.
    var awaitingRobots: WebURL?
    /// Redirects already followed on the way to `target`, by attempts that handed it on.
    var redirectsFollowed = 0
    /// `target` is where a redirect led off the first host: `RequestOptions.headers` stay behind.
    var leftFirstHost = false

    /// Host key for per-host limits: the host as a browser would connect to it.
    var host: String { target.hostname }
}
