/// Reads CSS selector text (Selectors Level 4, the part that applies to a static document) into
/// `SelectorSyntax`, failing at the first character it cannot use.
///
/// Hand-written over Unicode scalars so that an error can say exactly where it is; the input and
/// the nesting are bounded, so no selector can make parsing or matching recurse without limit.
struct SelectorParser {
    /// Longer selectors are refused: real ones are a few hundred characters.
    static let maximumLength = 65_536
    /// Deeper `:not(:is(...))` nesting is refused, which bounds the matcher's recursion.
    static let maximumNesting = 32

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var nesting = 0
    /// True inside `:has()`, where CSS forbids another `:has()`.
    private var inHas = false
    /// A `::text` or `::attr()` just read, which must end its top-level selector.
    private var extraction: SelectorSyntax.Extraction?

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) throws(SelectorError) -> [SelectorSyntax.Complex] {
        var parser = SelectorParser(text)
        guard parser.scalars.count <= maximumLength else {
            throw SelectorError(position: maximumLength, expected: "the end (selectors are limited to \(maximumLength) characters)")
        }
        return try parser.selectorList(relative: false, closed: false)
    }

    // MARK: Structure

    private mutating func selectorList(relative: Bool, closed: Bool) throws(SelectorError) -> [SelectorSyntax.Complex] {
        var list: [SelectorSyntax.Complex] = []
        repeat {
            skipWhitespace()
            let complex = try complex(relative: relative)
            if let first = list.first, (first.extraction == .elements) != (complex.extraction == .elements) {
                throw failure("the same kind of result from every selector of the list: values (::text, ::attr()) or elements")
            }
            list.append(complex)
            skipWhitespace()
        } while take(",")
        if closed {
            guard take(")") else { throw failure(list.isEmpty ? "a selector" : "a combinator, a comma or )") }
        } else if position < scalars.count {
            throw failure("a combinator, a comma or the end")
        }
        return list
    }

    private mutating func complex(relative: Bool) throws(SelectorError) -> SelectorSyntax.Complex {
        var leading: SelectorSyntax.Combinator?
        if relative {
            leading = combinator() ?? .descendant
            skipWhitespace()
        }
        var result = SelectorSyntax.Complex(compounds: [try compound()], combinators: [], leading: leading)
        while true {
            let spaced = skipWhitespace()
            if let extraction {
                guard peek == nil || peek == "," else { throw failure("a comma or the end (::text and ::attr() end a selector)") }
                result.extraction = extraction
                self.extraction = nil
                // parsel reads `E ::text` (a bare `::text` after a space) as every text node inside
                // E, not only those directly under E's descendants: Scrapy users rely on it.
                if extraction == .text, let last = result.compounds.last, last.type == nil, last.conditions.isEmpty,
                   result.combinators.last == .descendant {
                    result.compounds.removeLast()
                    result.combinators.removeLast()
                    result.extraction = .descendantText
                }
                return result
            }
            if let explicit = combinator() {
                skipWhitespace()
                result.combinators.append(explicit)
            } else if spaced, let next = peek, next != ",", next != ")" {
                result.combinators.append(.descendant)
            } else {
                return result
            }
            result.compounds.append(try compound())
        }
    }

    private mutating func combinator() -> SelectorSyntax.Combinator? {
        switch peek {
        case ">": position += 1; return .child
        case "+": position += 1; return .nextSibling
        case "~": position += 1; return .subsequentSibling
        default: return nil
        }
    }

    private mutating func compound() throws(SelectorError) -> SelectorSyntax.Compound {
        var compound = SelectorSyntax.Compound(type: nil, conditions: [])
        let start = position
        if take("*") {
            compound.type = nil
        } else if startsIdentifier {
            compound.type = try identifier().lowercased()
        }
        if peek == "|" { throw failure("a selector without a namespace (namespaces are not supported)") }
        while let next = peek {
            switch next {
            case "#":
                position += 1
                compound.conditions.append(.id(try identifier(expected: "an id after #")))
            case ".":
                position += 1
                compound.conditions.append(.className(try identifier(expected: "a class name after .")))
            case "[":
                position += 1
                compound.conditions.append(.attribute(try attribute()))
            case ":" where scalar(at: position + 1) == ":":
                position += 2
                extraction = try pseudoElement()
                return compound
            case ":":
                position += 1
                compound.conditions += try pseudoClass()
            default:
                guard position > start else { throw failure("a selector") }
                return compound
            }
        }
        guard position > start else { throw failure("a selector") }
        return compound
    }

    // MARK: Attributes

    private mutating func attribute() throws(SelectorError) -> SelectorSyntax.Attribute {
        skipWhitespace()
        let name = try identifier(expected: "an attribute name").lowercased()
        skipWhitespace()
        if take("]") {
            return SelectorSyntax.Attribute(name: name, operation: .exists, value: "", valueCase: .sensitive)
        }
        let operation: SelectorSyntax.AttributeOperator
        switch (peek, scalar(at: position + 1)) {
        case ("=", _): operation = .equals; position += 1
        case ("~", "="): operation = .includes; position += 2
        case ("|", "="): operation = .dashMatch; position += 2
        case ("^", "="): operation = .prefix; position += 2
        case ("$", "="): operation = .suffix; position += 2
        case ("*", "="): operation = .substring; position += 2
        default: throw failure("an attribute operator (=, ~=, |=, ^=, $=, *=) or ]")
        }
        skipWhitespace()
        let value: String
        if peek == "\"" || peek == "'" {
            value = try string()
        } else {
            value = try identifier(expected: "an attribute value (a quoted string or an identifier)")
        }
        skipWhitespace()
        var valueCase: SelectorSyntax.ValueCase = Self.caseInsensitiveAttributes.contains(name) ? .insensitiveInHTML : .sensitive
        if startsIdentifier {
            let flagStart = position
            switch try identifier().lowercased() {
            case "i": valueCase = .insensitive
            case "s": valueCase = .sensitive
            default:
                position = flagStart
                throw failure("the flag i or s, or ]")
            }
            skipWhitespace()
        }
        guard take("]") else { throw failure("]") }
        return SelectorSyntax.Attribute(name: name, operation: operation, value: value, valueCase: valueCase)
    }

    /// Attributes whose values HTML compares without case (the HTML standard's list, which
    /// soupsieve and browsers use); everywhere else case matters unless the selector says ` i`.
    private static let caseInsensitiveAttributes: Set<String> = [
        "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked", "clear",
        "codetype", "color", "compact", "declare", "defer", "dir", "direction", "disabled", "enctype",
        "face", "frame", "hreflang", "http-equiv", "lang", "language", "link", "media", "method",
        "multiple", "nohref", "noresize", "noshade", "nowrap", "readonly", "rel", "rev", "rules", "scope",
        "scrolling", "selected", "shape", "target", "text", "type", "valign", "valuetype", "vlink",
    ]

    // MARK: Pseudo-classes

    /// parsel's value pseudo-elements, after the `::`; only a top-level selector may end in one.
    private mutating func pseudoElement() throws(SelectorError) -> SelectorSyntax.Extraction {
        let nameStart = position
        guard nesting == 0, !inHas else {
            throw failure("a pseudo-class (::text and ::attr() end a top-level selector only)")
        }
        switch try identifier(expected: "text or attr(NAME) after ::").lowercased() {
        case "text":
            return .text
        case "attr" where take("("):
            skipWhitespace()
            let name = try identifier(expected: "an attribute name").lowercased()
            skipWhitespace()
            guard take(")") else { throw failure(")") }
            return .attribute(name)
        default:
            position = nameStart
            throw failure("text or attr(NAME) after :: (other pseudo-elements match no element)")
        }
    }

    private mutating func pseudoClass() throws(SelectorError) -> [SelectorSyntax.Condition] {
        let nameStart = position
        let name = try identifier(expected: "a pseudo-class name").lowercased()
        if take("(") {
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maximumNesting else {
                throw failure("at most \(Self.maximumNesting) levels of nested selectors")
            }
            switch name {
            case "not": return [.not(try selectorList(relative: false, closed: true))]
            case "is", "matches", "where", "any", "-webkit-any":
                return [.isAny(try selectorList(relative: false, closed: true))]
            case "has":
                guard !inHas else {
                    position = nameStart - 1
                    throw failure("a selector without :has() (it cannot be nested in :has())")
                }
                inHas = true
                defer { inHas = false }
                return [.has(try selectorList(relative: true, closed: true))]
            case "nth-child", "nth-last-child":
                var nth = try anPlusB(fromEnd: name == "nth-last-child", ofType: false)
                if skipWhitespace(), startsIdentifier {
                    let keywordStart = position
                    guard try identifier().lowercased() == "of" else {
                        position = keywordStart
                        throw failure("of or )")
                    }
                    guard skipWhitespace() else { throw failure("a space after of") }
                    nth.of = try selectorList(relative: false, closed: true)
                    return [.nth(nth)]
                }
                guard take(")") else { throw failure("of or )") }
                return [.nth(nth)]
            case "nth-of-type", "nth-last-of-type":
                let nth = try anPlusB(fromEnd: name == "nth-last-of-type", ofType: true)
                skipWhitespace()
                guard take(")") else { throw failure(")") }
                return [.nth(nth)]
            default:
                position = nameStart
                throw failure("a supported functional pseudo-class (:not, :is, :where, :has, :nth-child and its family)")
            }
        }
        func first(fromEnd: Bool, ofType: Bool) -> SelectorSyntax.Condition {
            .nth(SelectorSyntax.Nth(step: 0, offset: 1, fromEnd: fromEnd, ofType: ofType, of: nil))
        }
        switch name {
        case "root", "scope": return [.root]
        case "empty": return [.empty]
        case "first-child": return [first(fromEnd: false, ofType: false)]
        case "last-child": return [first(fromEnd: true, ofType: false)]
        case "only-child": return [first(fromEnd: false, ofType: false), first(fromEnd: true, ofType: false)]
        case "first-of-type": return [first(fromEnd: false, ofType: true)]
        case "last-of-type": return [first(fromEnd: true, ofType: true)]
        case "only-of-type": return [first(fromEnd: false, ofType: true), first(fromEnd: true, ofType: true)]
        case "link", "any-link":
            let linking = ["a", "area"].map { name in
                SelectorSyntax.Complex(compounds: [SelectorSyntax.Compound(type: name, conditions: [])], combinators: [], leading: nil)
            }
            let href = SelectorSyntax.Attribute(name: "href", operation: .exists, value: "", valueCase: .sensitive)
            return [.isAny(linking), .attribute(href)]
        default:
            position = nameStart
            throw failure("a supported pseudo-class (:root, :empty, :first-child, :last-child, :only-child, the -of-type family, :link)")
        }
    }

    /// `An+B`, `odd` or `even`, as CSS Syntax reads it.
    private mutating func anPlusB(fromEnd: Bool, ofType: Bool) throws(SelectorError) -> SelectorSyntax.Nth {
        skipWhitespace()
        var nth = SelectorSyntax.Nth(step: 0, offset: 0, fromEnd: fromEnd, ofType: ofType, of: nil)
        let start = position
        if startsIdentifier, peek != "-", peek != "n", peek != "N" {
            switch try identifier().lowercased() {
            case "odd": (nth.step, nth.offset) = (2, 1); return nth
            case "even": (nth.step, nth.offset) = (2, 0); return nth
            default: position = start; throw failure("an An+B expression, like 2n+1, odd or even")
            }
        }
        let sign = self.sign()
        let digits = integer()
        if take("n") || take("N") {
            nth.step = sign * (digits ?? 1)
            let afterN = position
            skipWhitespace()
            if peek == "+" || peek == "-" {
                let offsetSign = self.sign()
                skipWhitespace()
                guard let offset = integer() else { throw failure("a number after the sign") }
                nth.offset = offsetSign * offset
            } else {
                position = afterN
            }
        } else {
            guard let digits else {
                position = start
                throw failure("an An+B expression, like 2n+1, odd or even")
            }
            nth.offset = sign * digits
        }
        return nth
    }

    /// An optional `+` or `-`, as a factor.
    private mutating func sign() -> Int {
        if take("-") { return -1 }
        _ = take("+")
        return 1
    }

    /// Decimal digits, clamped so that no selector can overflow the position arithmetic.
    private mutating func integer() -> Int? {
        var value: Int?
        while let next = peek, next >= "0", next <= "9" {
            value = min((value ?? 0) * 10 + Int(next.value - 0x30), 1_000_000_000)
            position += 1
        }
        return value
    }

    // MARK: Tokens

    private var peek: Unicode.Scalar? { scalar(at: position) }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private mutating func take(_ expected: Unicode.Scalar) -> Bool {
        guard peek == expected else { return false }
        position += 1
        return true
    }

    /// Skips CSS whitespace; true if there was some.
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while let next = peek, next == " " || next == "\t" || next == "\n" || next == "\r" || next == "\u{0C}" {
            position += 1
        }
        return position > start
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar.value >= 0x80
    }

    private static func isName(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || scalar == "-" || (scalar >= "0" && scalar <= "9")
    }

    /// Whether an identifier starts here (CSS Syntax's "would start an identifier").
    private var startsIdentifier: Bool {
        func starts(_ first: Unicode.Scalar?, _ second: Unicode.Scalar?) -> Bool {
            guard let first else { return false }
            return Self.isNameStart(first) || (first == "\\" && second != nil && second != "\n")
        }
        if peek == "-" {
            let second = scalar(at: position + 1)
            return second == "-" || starts(second, scalar(at: position + 2))
        }
        return starts(peek, scalar(at: position + 1))
    }

    private mutating func identifier(expected: String = "an identifier") throws(SelectorError) -> String {
        guard startsIdentifier else { throw failure(expected) }
        var result = String.UnicodeScalarView()
        while let next = peek {
            if next == "\\", let escaped = scalar(at: position + 1), escaped != "\n" {
                position += 1
                result.append(escape())
            } else if Self.isName(next) {
                result.append(next)
                position += 1
            } else {
                break
            }
        }
        return String(result)
    }

    /// The character of the escape after a backslash: up to six hex digits and one optional
    /// blank, or the next character itself.
    private mutating func escape() -> Unicode.Scalar {
        var value: UInt32 = 0
        var digits = 0
        while digits < 6, let next = peek, let digit = next.properties.isASCIIHexDigit ? UInt32(String(next), radix: 16) : nil {
            value = value * 16 + digit
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            defer { position += 1 }
            return peek ?? "\u{FFFD}"
        }
        if let next = peek, next == " " || next == "\t" || next == "\n" { position += 1 }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private mutating func string() throws(SelectorError) -> String {
        let quote = scalars[position]
        position += 1
        var result = String.UnicodeScalarView()
        while let next = peek {
            position += 1
            switch next {
            case quote:
                return String(result)
            case "\n":
                position -= 1
                throw failure("the closing \(quote) (strings cannot span lines)")
            case "\\":
                if take("\n") { continue }
                if peek != nil { result.append(escape()) }
            default:
                result.append(next)
            }
        }
        throw failure("the closing \(quote)")
    }

    private func failure(_ expected: String) -> SelectorError {
        SelectorError(position: position, expected: expected)
    }
}
