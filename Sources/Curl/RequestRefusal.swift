/// Why the caller's request check stopped a request (see `CurlEasy.requestCheck`): a reason of
/// the caller's own, which the binding carries back untouched, and a message for people.
public struct RequestRefusal: Sendable, Equatable {
    public var reason: String
    public var message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }
}
