/// What the parse stage finds in one body: the encoding it was read in, and the elements.
public struct ParsedPage: Sendable, Equatable {
    /// The WHATWG name of the encoding the body was decoded from, e.g. `utf-8`, `windows-1252`.
    public var charset: String
    /// Every element of the watched tag, in document order.
    public var elements: [Element]
}
