import WHATWGURL

/// Resolves a page's links as a browser does, for `--absolute` (the URL-valued attributes of the
/// elements extracted) and for a crawl (the links it follows): against the document's base URL,
/// which is its first `<base href>` (itself resolved against the page's final URL) or else that
/// final URL. A value that does not parse (a relative link under a `data:` base, `http://` alone)
/// is kept as written, as an `<a>`'s `href` property gives it.
struct LinkResolver: Sendable {
    private let base: WebURL

    /// Nil when the page's URL does not parse, so there is nothing to resolve against.
    /// - Parameter baseHref: the `href` of the page's first `<base>` that has one
    ///   (`baseSelector`), if any.
    init?(documentURL: String, baseHref: String?) {
        guard let document = WebURL(documentURL) else { return nil }
        base = baseHref.flatMap { WebURL($0, base: document) } ?? document
    }

    /// The `<base>` elements that can set a page's base URL; the first HTML one in tree order does.
    static let baseSelector = try! Selector("base[href]")

    /// The `href` of the first HTML element `baseSelector` found.
    static func baseHref(among elements: [Int], of tree: DocumentTree) -> String? {
        elements.lazy.filter { tree[$0].namespace == .html }.first.flatMap { tree.value(named: "href", in: tree[$0].attributes) }
    }

    /// Which attributes hold URLs, by element: the HTML standard's URL-valued content attributes.
    private static let urlAttributes: [String: Set<String>] = [
        "href": ["a", "area", "link", "base"],
        "src": ["script", "img", "iframe", "embed", "source", "track", "input", "audio", "video", "frame"],
        "action": ["form"], "formaction": ["button", "input"], "poster": ["video"],
        "cite": ["blockquote", "q", "del", "ins"], "data": ["object"], "codebase": ["object", "applet"],
        "background": ["body", "table", "td", "th"], "longdesc": ["img", "frame", "iframe"], "manifest": ["html"],
        "srcset": ["img", "source"], "imagesrcset": ["link"], "ping": ["a", "area"], "itemid": [],
    ]

    /// `attributes` of an HTML element called `element`, with URL values made absolute.
    func resolve(_ attributes: [Attribute], of element: String) -> [Attribute] {
        attributes.map { resolve($0, of: element) }
    }

    /// `attribute` with its URL, or URLs, made absolute when `element` gives it URLs.
    func resolve(_ attribute: Attribute, of element: String) -> Attribute {
        guard let elements = Self.urlAttributes[attribute.name], elements.isEmpty || elements.contains(element) else {
            return attribute
        }
        switch attribute.name {
        case "srcset", "imagesrcset": return Attribute(name: attribute.name, value: resolveSourceSet(attribute.value))
        case "ping": return Attribute(name: attribute.name, value: attribute.value.split(whereSeparator: \.isHTMLSpaceCharacter).map { resolve(String($0)) }.joined(separator: " "))
        default: return Attribute(name: attribute.name, value: resolve(attribute.value))
        }
    }

    private func resolve(_ value: String) -> String {
        url(value)?.href ?? value
    }

    /// `value` parsed against the document's base URL; nil when it does not parse.
    func url(_ value: String) -> WebURL? {
        WebURL(value, base: base)
    }

    /// Each image candidate's URL resolved, its descriptors (`2x`, `300w`) kept, as the srcset
    /// parsing algorithm splits them: a URL runs to whitespace, descriptors to a comma outside
    /// parentheses.
    private func resolveSourceSet(_ value: String) -> String {
        var candidates: [String] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0.isHTMLSpaceCharacter || $0 == "," }
            guard !rest.isEmpty else { break }
            var url = rest.prefix { !$0.isHTMLSpaceCharacter }
            rest = rest.dropFirst(url.count)
            var descriptors = Substring()
            if url.hasSuffix(",") {
                url = url.dropLast(url.reversed().prefix { $0 == "," }.count)
            } else {
                var depth = 0
                let end = rest.firstIndex { character in
                    if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
                    return character == "," && depth == 0
                } ?? rest.endIndex
                descriptors = rest[..<end]
                rest = rest[end...]
            }
            let trimmed = descriptors.drop(while: \.isHTMLSpaceCharacter).reversed().drop(while: \.isHTMLSpaceCharacter).reversed()
            candidates.append(resolve(String(url)) + (trimmed.isEmpty ? "" : " " + String(trimmed)))
        }
        return candidates.joined(separator: ", ")
    }
}

private extension Character {
    /// HTML's ASCII whitespace (`UInt8.isHTMLSpace`), CR LF included.
    var isHTMLSpaceCharacter: Bool { utf8.allSatisfy(\.isHTMLSpace) }
}
