/// Why an XPath expression cannot be used: libxml2's message, and the offset (in UTF-8 bytes)
/// where compiling it stopped, nil when it compiled and failed when evaluated.
public struct XPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: Int?

    public var description: String { position.map { "at position \($0): \(message)" } ?? message }
}
