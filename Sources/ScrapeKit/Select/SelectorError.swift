/// Why a CSS selector could not be read: where, and what was expected there.
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Character offset in the selector, from 0.
    public var position: Int
    /// What the parser needed at `position`, e.g. "an attribute name".
    public var expected: String

    public var description: String { "at position \(position): expected \(expected)" }
}
