/// A CSS selector list, parsed once and matched against every page as a browser's
/// `querySelectorAll` matches it; or an element name, matched as `--tag` does.
///
/// ```swift
/// let links = try Selector("a[href]:not([rel~=nofollow])")
/// let sources = try Selector("script::attr(src)")
/// ```
/// A selector list whose selectors end in parsel's `::text` or `::attr(NAME)` gives strings, the
/// text nodes directly under each match or the value of its attribute, instead of elements.
/// A selector that cannot be read throws a `SelectorError` naming the position and what was
/// expected there.
public struct Selector: Sendable, CustomStringConvertible {
    /// The text the selector was made from.
    public let description: String
    let alternatives: [SelectorSyntax.Complex]
    /// True for `--tag`: BeautifulSoup's `find_all` looks inside `<template>` contents, which
    /// the DOM (and so CSS) keeps out of the document.
    let searchesTemplateContents: Bool

    /// Parses a selector list such as `head > title, meta[name=description i]`.
    public init(_ css: String) throws(SelectorError) {
        description = css
        alternatives = try SelectorParser.parse(css)
        searchesTemplateContents = false
    }

    /// True when the selector gives values (`::text`, `::attr()`) rather than elements.
    public var givesValues: Bool { alternatives.first?.extraction != .elements }

    /// Every element with this name (case-insensitive), template contents included.
    public init(tag: String) {
        description = tag.lowercased()
        let compound = SelectorSyntax.Compound(type: tag.lowercased(), conditions: [])
        alternatives = [SelectorSyntax.Complex(compounds: [compound], combinators: [], leading: nil)]
        searchesTemplateContents = true
    }
}
