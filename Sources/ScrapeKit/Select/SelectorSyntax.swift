/// The parsed form of a selector list, matched right to left by `SelectorMatcher`.
enum SelectorSyntax {
    enum Combinator: Sendable {
        case descendant, child, nextSibling, subsequentSibling
    }

    /// `a > b + c`: compounds left to right, `combinators[i]` between `compounds[i]` and `i + 1`.
    /// In `:has()`, `leading` relates the first compound to the element being tested.
    struct Complex: Sendable {
        var compounds: [Compound]
        var combinators: [Combinator]
        var leading: Combinator?
        /// What the selector gives for each element it matches: parsel's `::text` and
        /// `::attr(NAME)` end a top-level selector only.
        var extraction: Extraction = .elements
    }

    /// The element itself, the text nodes directly under it (`::text`), every text node inside
    /// it (parsel's `E ::text`), or the value of one of its attributes (`::attr(NAME)`, the name in
    /// lower case: attribute names match without case).
    enum Extraction: Sendable, Equatable {
        case elements, text, descendantText
        case attribute(String)
    }

    struct Compound: Sendable {
        /// Lower-case element name; nil for `*` or none.
        var type: String?
        var conditions: [Condition]
    }

    enum AttributeOperator: Sendable {
        case exists, equals, includes, dashMatch, prefix, suffix, substring
    }

    /// How an attribute value compares: the ` i` and ` s` flags, or HTML's own rule, under which
    /// attributes such as `type` and `rel` compare without case on HTML elements only.
    enum ValueCase: Sendable {
        case sensitive, insensitive, insensitiveInHTML
    }

    struct Attribute: Sendable {
        /// As written: HTML attribute names match it without case, SVG and MathML ones exactly,
        /// as in a browser.
        var name: String
        /// `[*|name]` also matches `xlink:name`, `xml:name` and `xmlns:name` on SVG and MathML
        /// elements; `[name]` and `[|name]` match attributes in no namespace only.
        var anyNamespace = false
        var operation: AttributeOperator
        var value: String
        var valueCase: ValueCase
    }

    /// `:nth-child(An+B of S)` and its family: which positions among the siblings count.
    struct Nth: Sendable {
        var step: Int
        var offset: Int
        var fromEnd: Bool
        var ofType: Bool
        var of: [Complex]?

        func matches(_ position: Int) -> Bool {
            guard step != 0 else { return position == offset }
            let distance = position - offset
            return distance % step == 0 && distance / step >= 0
        }
    }

    /// What an element's state or the HTML standard says of it, for a document as parsed: no
    /// user has typed, clicked, hovered or scrolled.
    enum State: Sendable {
        case checked, defaultButton, indeterminate, disabled, enabled, required, optional
        case readOnly, readWrite, placeholderShown, inRange, outOfRange, defined, valid, invalid
        /// `:any-link`: `<a>` and `<area>` with `href`, and SVG's `<a>` with `href` or `xlink:href`.
        case link
        /// `:open`: `<details>` and `<dialog>` with `open`.
        case open
        /// A state no static document has (`:hover`, `:focus`, `:visited`, ...): matches nothing.
        case never
    }

    enum Direction: Sendable {
        case ltr, rtl
    }

    indirect enum Condition: Sendable {
        case id(String)
        case className(String)
        case attribute(Attribute)
        case not([Complex])
        case isAny([Complex])
        case has([Complex])
        case root, empty
        case nth(Nth)
        case state(State)
        /// `:lang()`: language ranges, lower case.
        case lang([String])
        case dir(Direction)
    }
}
