/// A failure recorded for one URL: a kind to branch on and a message for people.
public struct ScrapeError: Error, Sendable, Equatable, Codable {
    public var kind: ErrorKind
    public var message: String

    public init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
