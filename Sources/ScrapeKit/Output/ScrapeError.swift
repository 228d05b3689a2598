/// A failure recorded for one URL: a kind to branch on and a message for people.
public struct ScrapeError: Error, Sendable, Hashable, Codable {
    /// What went wrong, as the `error.kind` of the record.
    public var kind: ErrorKind
    /// Details for people, e.g. libcurl's message; not meant to be parsed.
    public var message: String

    /// A failure of `kind`, explained by `message`.
    public init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
