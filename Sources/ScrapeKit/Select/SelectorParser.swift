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
        // `*|E` is E in any namespace, which is what E alone means without a default namespace;
        // `|E` is E in none, and every element of an HTML document has one.
        var inNoNamespace = false
        if atNamespaceBar {
            position += 1
            inNoNamespace = true
        } else if peek == "*", scalar(at: position + 1) == "|", scalar(at: position + 2) != "=" {
            position += 2
        }
        if take("*") {
            compound.type = nil
        } else if startsIdentifier {
            compound.type = try identifier().lowercased()
        } else if position > start {
            throw failure("an element name or * after |")
        }
        if atNamespaceBar {
            throw failure("*| or | before the name (querySelectorAll declares no namespace prefixes)")
        }
        if inNoNamespace { compound.conditions.append(.state(.never)) }
        while let next = peek {
            switch next {
            case "/" where skipComment():
                continue
            case "&":
                position += 1
                compound.conditions.append(.root)
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
        var anyNamespace = false
        if peek == "*", scalar(at: position + 1) == "|" {
            position += 2
            anyNamespace = true
        } else if atNamespaceBar {
            position += 1
        }
        let name = try identifier(expected: "an attribute name").lowercased()
        if atNamespaceBar {
            throw failure("*| or | before the attribute name (querySelectorAll declares no namespace prefixes)")
        }
        skipWhitespace()
        if take("]") {
            return SelectorSyntax.Attribute(name: name, anyNamespace: anyNamespace, operation: .exists, value: "", valueCase: .sensitive)
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
            valueCase = try keyword(["i": .insensitive, "s": .sensitive], expected: "the flag i or s, or ]")
            skipWhitespace()
        }
        guard take("]") else { throw failure("]") }
        return SelectorSyntax.Attribute(name: name, anyNamespace: anyNamespace, operation: operation, value: value, valueCase: valueCase)
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
            case "is", "where":
                return [.isAny(try forgivingSelectorList())]
            case "matches", "any", "-webkit-any":
                return [.isAny(try selectorList(relative: false, closed: true))]
            case "lang":
                return [.lang(try languageRanges())]
            case "dir":
                skipWhitespace()
                let direction = try keyword(["ltr": SelectorSyntax.Direction.ltr, "rtl": .rtl], expected: "ltr or rtl")
                skipWhitespace()
                guard take(")") else { throw failure(")") }
                return [.dir(direction)]
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
                throw failure("a supported functional pseudo-class (:not, :is, :where, :has, :nth-child and its family, :lang, :dir)")
            }
        }
        func first(fromEnd: Bool, ofType: Bool) -> SelectorSyntax.Condition {
            .nth(SelectorSyntax.Nth(step: 0, offset: 1, fromEnd: fromEnd, ofType: ofType, of: nil))
        }
        if let state = Self.states[name] { return [.state(state)] }
        switch name {
        case "root", "scope": return [.root]
        case "empty": return [.empty]
        case "first-child": return [first(fromEnd: false, ofType: false)]
        case "last-child": return [first(fromEnd: true, ofType: false)]
        case "only-child": return [first(fromEnd: false, ofType: false), first(fromEnd: true, ofType: false)]
        case "first-of-type": return [first(fromEnd: false, ofType: true)]
        case "last-of-type": return [first(fromEnd: true, ofType: true)]
        case "only-of-type": return [first(fromEnd: false, ofType: true), first(fromEnd: true, ofType: true)]
        default:
            position = nameStart
            throw failure("a pseudo-class a browser knows (:root, :empty, :checked, :disabled, :first-child, ...)")
        }
    }

    /// The pseudo-classes `ElementStates` answers. Those of states that only a user or a running
    /// page gives an element (`:hover`, `:visited`, ...) hold in no document as parsed: they are
    /// accepted and match nothing.
    private static let states: [String: SelectorSyntax.State] = {
        var states: [String: SelectorSyntax.State] = [
            "checked": .checked, "default": .defaultButton, "indeterminate": .indeterminate, "disabled": .disabled,
            "enabled": .enabled, "required": .required, "optional": .optional, "read-only": .readOnly,
            "read-write": .readWrite, "placeholder-shown": .placeholderShown, "in-range": .inRange,
            "out-of-range": .outOfRange, "defined": .defined, "valid": .valid, "invalid": .invalid, "open": .open,
            "link": .link, "any-link": .link,
        ]
        let interaction = [
            "hover", "active", "focus", "focus-within", "focus-visible", "visited", "target", "target-within",
            "user-invalid", "user-valid", "autofill", "-webkit-autofill", "playing", "paused", "seeking", "buffering",
            "stalled", "muted", "volume-locked", "modal", "fullscreen", "picture-in-picture", "popover-open",
            "current", "past", "future",
        ]
        for name in interaction { states[name] = .never }
        return states
    }()

    /// One of `words` (an identifier, compared without case); failing, the position stays at its start.
    private mutating func keyword<Meaning>(_ words: [String: Meaning], expected: String) throws(SelectorError) -> Meaning {
        let start = position
        guard let meaning = words[try identifier(expected: expected).lowercased()] else {
            position = start
            throw failure(expected)
        }
        return meaning
    }

    /// `:lang()`'s comma-separated ranges, identifiers or strings (`en`, `"de-CH"`, `\\*-CH`).
    private mutating func languageRanges() throws(SelectorError) -> [String] {
        var ranges: [String] = []
        repeat {
            skipWhitespace()
            if peek == "\"" || peek == "'" {
                ranges.append(try string().lowercased())
            } else {
                ranges.append(try identifier(expected: "a language range, like en or \"de-CH\"").lowercased())
            }
            skipWhitespace()
        } while take(",")
        guard take(")") else { throw failure(", or )") }
        return ranges
    }

    /// `:is()` and `:where()` take a forgiving list: a selector in it that cannot be read is
    /// dropped rather than failing the whole selector, and the list may be empty.
    private mutating func forgivingSelectorList() throws(SelectorError) -> [SelectorSyntax.Complex] {
        var list: [SelectorSyntax.Complex] = []
        while true {
            skipWhitespace()
            let start = position
            do throws(SelectorError) {
                let complex = try complex(relative: false)
                skipWhitespace()
                guard peek == "," || peek == ")" else { throw failure(", or )") }
                list.append(complex)
            } catch {
                position = start
                try skipToEndOfItem()
            }
            if take(",") { continue }
            guard take(")") else { throw failure(")") }
            return list
        }
    }

    /// Moves to the `,` or `)` that ends a list item, past nested brackets and strings.
    private mutating func skipToEndOfItem() throws(SelectorError) {
        var closers: [Unicode.Scalar] = []
        while let next = peek {
            switch next {
            case "(": closers.append(")")
            case "[": closers.append("]")
            case "\"", "'":
                _ = try string()
                continue
            case "\\":
                position = min(position + 1, scalars.count - 1)
            case ",", ")", "]":
                if closers.isEmpty { return }
                guard closers.removeLast() == next else { throw failure("balanced brackets") }
            default:
                break
            }
            position += 1
        }
        throw failure(")")
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

    /// A `|` that separates a namespace from a name here, not the start of the `|=` operator.
    private var atNamespaceBar: Bool { peek == "|" && scalar(at: position + 1) != "=" }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private mutating func take(_ expected: Unicode.Scalar) -> Bool {
        guard peek == expected else { return false }
        position += 1
        return true
    }

    /// Skips CSS whitespace and comments; true if there was whitespace (a comment alone is no
    /// descendant combinator: `a/**/b` is two type selectors side by side).
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        var spaced = false
        while let next = peek {
            if next.isHTMLSpace {
                spaced = true
                position += 1
            } else if !skipComment() {
                break
            }
        }
        return spaced
    }

    /// Skips a `/* ... */` comment here (one the end cuts off runs to the end, as CSS reads it).
    private mutating func skipComment() -> Bool {
        guard peek == "/", scalar(at: position + 1) == "*" else { return false }
        position += 2
        while position < scalars.count, !(scalars[position] == "*" && scalar(at: position + 1) == "/") { position += 1 }
        position = min(position + 2, scalars.count)
        return true
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
            return Self.isNameStart(first) || (first == "\\" && second != "\n")
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
            if next == "\\", scalar(at: position + 1) != "\n" {
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
            guard let next = peek else { return "\u{FFFD}" }
            position += 1
            return next
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
