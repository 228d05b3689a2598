import LibXML
import ScrapeSystem

/// An XPath 1.0 expression, checked once and evaluated over every page by libxml2's engine:
/// over a mirror of the page's HTML5 tree, or over libxml2's own document with `--parser libxml2`.
///
/// ```swift
/// let sources = try XPathQuery("//script/@src")
/// ```
/// Elements in the result are extracted as `--select` extracts them; attributes, text nodes and
/// string, number or boolean results become values.
public struct XPathQuery: Sendable, CustomStringConvertible {
    /// Longer expressions are refused: real ones are a few hundred characters.
    public static let maximumLength = 65_536

    /// The expression as given.
    public let description: String

    /// Checks `expression`: it must compile, and evaluate over an empty document (which finds
    /// unknown functions and namespace prefixes in most places).
    public init(_ expression: String) throws(XPathError) {
        guard expression.utf8.count <= Self.maximumLength else {
            throw XPathError(message: "expressions are limited to \(Self.maximumLength) bytes", position: Self.maximumLength)
        }
        guard !expression.utf8.contains(0) else {
            throw XPathError(message: "a NUL character", position: expression.utf8.firstIndex(of: 0).map { expression.utf8.distance(from: expression.utf8.startIndex, to: $0) } ?? 0)
        }
        if let error = XPath.check(expression) {
            throw XPathError(message: error.message, position: error.position)
        }
        description = expression
    }
}
