/// What the parse stage finds in one body: the encoding it was read in, and the elements.
public struct ParsedPage: Sendable, Equatable {
    /// The WHATWG name of the encoding the body was decoded from, e.g. `utf-8`, `windows-1252`.
    public var charset: String
    /// The matching elements of each selection, in the parser's order, each in document order.
    public var results: [[Element]]

    /// The elements of the first (usually the only) selection.
    public var elements: [Element] { results.first ?? [] }
}
