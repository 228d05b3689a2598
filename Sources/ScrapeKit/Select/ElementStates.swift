import Foundation
import WHATWGURL

/// The HTML standard's element states, for the pseudo-classes that test them (`:checked`,
/// `:disabled`, `:lang()`, `:dir()`, ...), as they stand in a document just parsed: nobody has
/// typed, clicked or run a script, so an input's value is its `value` attribute and a checkbox is
/// checked when it says `checked`.
///
/// What needs the whole document (which radio of a group is checked, which option of a select is
/// selected, each form's default button, the document's language) is worked out once per page,
/// the first time a selector asks.
final class ElementStates {
    typealias State = SelectorSyntax.State
    typealias Direction = SelectorSyntax.Direction

    private let tree: DocumentTree
    private var radioGroups: [RadioGroupKey: RadioGroup]?
    private var firstElementByID: [String: Int]?
    /// Forms and fieldsets with an invalid control: a form's own controls, a fieldset's inside it.
    private var groupsWithInvalidControls: Set<Int>?
    private var firstLegends: [Int: Int] = [:]
    private var checkedRadios: Set<Int>?
    private var selectedOptions: Set<Int>?
    private var defaultButtons: Set<Int>?
    private var documentLanguage: String??
    private var directions: [Int: Direction] = [:]

    init(_ tree: DocumentTree) {
        self.tree = tree
    }

    func matches(_ state: State, _ node: Int) -> Bool {
        switch state {
        case .checked:
            if isHTML(node, "option") { return selected.contains(node) }
            guard isHTML(node, "input") else { return false }
            switch inputType(node) {
            case "checkbox": return tree.hasAttribute("checked", on: node)
            case "radio": return radiosChecked.contains(node)
            default: return false
            }
        case .defaultButton:
            if isHTML(node, "option") { return tree.hasAttribute("selected", on: node) }
            if isHTML(node, "input"), ["checkbox", "radio"].contains(inputType(node)) { return tree.hasAttribute("checked", on: node) }
            return buttonsByDefault.contains(node)
        case .indeterminate:
            if isHTML(node, "progress") { return !tree.hasAttribute("value", on: node) }
            guard isHTML(node, "input"), inputType(node) == "radio" else { return false }
            return !radioGroup(of: node).anyChecked
        case .disabled:
            return isDisabled(node)
        case .enabled:
            return isHTML(node, Self.disablable) && !isDisabled(node)
        case .required:
            return isRequired(node)
        case .optional:
            // As in Chromium: every input, select, textarea and button that `:required` leaves.
            return isHTML(node, ["input", "select", "textarea", "button"]) && !isRequired(node)
        case .readWrite:
            return isReadWrite(node)
        case .readOnly:
            return !isReadWrite(node)
        case .placeholderShown:
            guard tree.hasAttribute("placeholder", on: node) else { return false }
            if isHTML(node, "textarea") { return tree.textContent(of: node).isEmpty }
            return isHTML(node, "input") && Self.textLikeInputs.contains(inputType(node)) && sanitizedValue(node).isEmpty
        case .inRange:
            return rangeState(node) == .some(true)
        case .outOfRange:
            return rangeState(node) == .some(false)
        case .defined:
            // No custom element is defined in a document no script ran in, nor is a customised
            // built-in (`<p is=my-p>`).
            return tree[node].namespace != .html || !(Self.isCustomElementName(tree[node].name) || tree.hasAttribute("is", on: node))
        case .valid:
            return validity(node) == .some(true)
        case .invalid:
            return validity(node) == .some(false)
        case .link:
            if tree[node].namespace == .svg {
                return tree[node].name == "a" && (tree.hasAttribute("href", on: node) || tree.hasAttribute("xlink:href", on: node))
            }
            return isHTML(node, ["a", "area"]) && tree.hasAttribute("href", on: node)
        case .open:
            return isHTML(node, ["details", "dialog"]) && tree.hasAttribute("open", on: node)
        case .never:
            return false
        }
    }

    // MARK: Checked and selected

    /// The radios a group ends with checked: of those written `checked`, the last one of each
    /// group, since checking a radio unchecks the rest of its group as the parser inserts it.
    private var radiosChecked: Set<Int> {
        if let checkedRadios { return checkedRadios }
        var lastChecked: [RadioGroupKey: Int] = [:]
        var unnamed: Set<Int> = []
        tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { node in
            if isHTML(node, "input"), inputType(node) == "radio", tree.hasAttribute("checked", on: node) {
                if let key = radioGroupKey(node) { lastChecked[key] = node } else { unnamed.insert(node) }
            }
            return true
        }
        let radios = unnamed.union(lastChecked.values)
        checkedRadios = radios
        return radios
    }

    private struct RadioGroupKey: Hashable {
        var form: Int
        var name: String
    }

    /// Radios are grouped by form owner and name; one with no name is a group of its own.
    private func radioGroupKey(_ node: Int) -> RadioGroupKey? {
        guard let name = value("name", node), !name.isEmpty else { return nil }
        return RadioGroupKey(form: formOwner(node), name: name)
    }

    /// What a radio's group as a whole says: whether any of it is checked, or required.
    private struct RadioGroup {
        var anyChecked = false
        var anyRequired = false
    }

    private func radioGroup(of node: Int) -> RadioGroup {
        let alone = RadioGroup(anyChecked: radiosChecked.contains(node), anyRequired: tree.hasAttribute("required", on: node))
        guard let key = radioGroupKey(node) else { return alone }
        if radioGroups == nil {
            var groups: [RadioGroupKey: RadioGroup] = [:]
            let checked = radiosChecked
            tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { radio in
                if isHTML(radio, "input"), inputType(radio) == "radio", let key = radioGroupKey(radio) {
                    var group = groups[key] ?? RadioGroup()
                    group.anyChecked = group.anyChecked || checked.contains(radio)
                    group.anyRequired = group.anyRequired || tree.hasAttribute("required", on: radio)
                    groups[key] = group
                }
                return true
            }
            radioGroups = groups
        }
        return radioGroups?[key] ?? alone
    }

    /// The options selected as the page loads: those written `selected` (in a select without
    /// `multiple`, the last of them; shown as a drop-down, else its first option not disabled).
    private var selected: Set<Int> {
        if let selectedOptions { return selectedOptions }
        var options: Set<Int> = []
        tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { node in
            if isHTML(node, "option"), !isInSelect(node), tree.hasAttribute("selected", on: node) { options.insert(node) }
            guard isHTML(node, "select") else { return true }
            let list = optionList(of: node)
            let marked = list.filter { tree.hasAttribute("selected", on: $0) }
            if tree.hasAttribute("multiple", on: node) {
                options.formUnion(marked)
            } else if let last = marked.last {
                options.insert(last)
            } else if isDropDown(node), let first = list.first(where: { !isDisabled($0) }) {
                options.insert(first)
            }
            return true
        }
        selectedOptions = options
        return options
    }

    /// A select shown as a drop-down: one choice, a display size of 1.
    private func isDropDown(_ select: Int) -> Bool {
        !tree.hasAttribute("multiple", on: select)
            && (value("size", select).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1) <= 1
    }

    /// A select's options: its option children, and those of its optgroup children.
    private func optionList(of select: Int) -> [Int] {
        var options: [Int] = []
        for child in tree.elementChildren(of: select) {
            if isHTML(child, "option") {
                options.append(child)
            } else if isHTML(child, "optgroup") {
                options += tree.elementChildren(of: child).filter { isHTML($0, "option") }
            }
        }
        return options
    }

    private func isInSelect(_ option: Int) -> Bool {
        let parent = tree[option].parent
        guard parent > DocumentTree.document else { return false }
        return isHTML(parent, "select") || (isHTML(parent, "optgroup") && tree[parent].parent > DocumentTree.document
            && isHTML(tree[parent].parent, "select"))
    }

    /// Each form's default button: its first submit button in tree order.
    private var buttonsByDefault: Set<Int> {
        if let defaultButtons { return defaultButtons }
        var first: [Int: Int] = [:]
        tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { node in
            if isSubmitButton(node) {
                let form = formOwner(node)
                if form >= 0, first[form] == nil { first[form] = node }
            }
            return true
        }
        let buttons = Set(first.values)
        defaultButtons = buttons
        return buttons
    }

    private func isSubmitButton(_ node: Int) -> Bool {
        if isHTML(node, "button") {
            let type = value("type", node)?.lowercased() ?? "submit"
            return type != "button" && type != "reset"
        }
        return isHTML(node, "input") && ["submit", "image"].contains(inputType(node))
    }

    /// The form `node` belongs to: the one its `form` attribute names by id, else the nearest
    /// form around it; -1 for none.
    private func formOwner(_ node: Int) -> Int {
        if let id = value("form", node) {
            if firstElementByID == nil {
                var elements: [String: Int] = [:]
                tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { element in
                    if let id = value("id", element), elements[id] == nil { elements[id] = element }
                    return true
                }
                firstElementByID = elements
            }
            guard let named = firstElementByID?[id], isHTML(named, "form") else { return -1 }
            return named
        }
        var ancestor = tree[node].parent
        while ancestor > DocumentTree.document {
            if isHTML(ancestor, "form") { return ancestor }
            ancestor = tree[ancestor].parent
        }
        return -1
    }

    // MARK: Disabled, required, read-only

    private static let disablable: Set<String> = ["button", "input", "select", "textarea", "optgroup", "option", "fieldset"]

    /// Disabled by its own attribute, by a disabled optgroup around an option, or by a disabled
    /// fieldset around it (outside that fieldset's first legend).
    private func isDisabled(_ node: Int) -> Bool {
        guard isHTML(node, Self.disablable) else { return false }
        if tree.hasAttribute("disabled", on: node) { return true }
        if isHTML(node, "option") {
            let parent = tree[node].parent
            return parent > DocumentTree.document && isHTML(parent, "optgroup") && tree.hasAttribute("disabled", on: parent)
        }
        if isHTML(node, "optgroup") { return false }
        var child = node
        var ancestor = tree[node].parent
        while ancestor > DocumentTree.document {
            if isHTML(ancestor, "fieldset"), tree.hasAttribute("disabled", on: ancestor), child != firstLegend(of: ancestor) { return true }
            child = ancestor
            ancestor = tree[ancestor].parent
        }
        return false
    }

    private func firstLegend(of fieldset: Int) -> Int {
        if let known = firstLegends[fieldset] { return known }
        let legend = tree.elementChildren(of: fieldset).first { isHTML($0, "legend") } ?? -1
        firstLegends[fieldset] = legend
        return legend
    }

    /// Input types `required` does not apply to.
    private static let unrequirableInputs: Set<String> = ["hidden", "range", "color", "submit", "image", "reset", "button"]

    private func isRequired(_ node: Int) -> Bool {
        isRequirable(node) && tree.hasAttribute("required", on: node)
    }

    private func isRequirable(_ node: Int) -> Bool {
        if isHTML(node, "input") { return !Self.unrequirableInputs.contains(inputType(node)) }
        return isHTML(node, "select") || isHTML(node, "textarea")
    }

    /// Input types `readonly` applies to, which a user can edit as text.
    private static let editableInputs: Set<String> = [
        "text", "search", "url", "tel", "email", "password", "date", "month", "week", "time", "datetime-local", "number",
    ]

    /// A text field or textarea neither read-only nor disabled, or an element inside a
    /// `contenteditable` host that no `contenteditable=false` closes off.
    private func isReadWrite(_ node: Int) -> Bool {
        if isHTML(node, "input") {
            return Self.editableInputs.contains(inputType(node)) && !tree.hasAttribute("readonly", on: node) && !isDisabled(node)
        }
        if isHTML(node, "textarea") { return !tree.hasAttribute("readonly", on: node) && !isDisabled(node) }
        var element = node
        while element > DocumentTree.document {
            if tree[element].namespace == .html, let editable = value("contenteditable", element)?.lowercased() {
                switch editable {
                case "", "true", "plaintext-only": return true
                case "false": return false
                default: break
                }
            }
            element = tree[element].parent
        }
        return false
    }

    // MARK: Placeholders and ranges

    /// Input types `placeholder` applies to.
    private static let textLikeInputs: Set<String> = ["text", "search", "url", "tel", "email", "password", "number"]

    /// For an input with range limitations that is a candidate for constraint validation: true
    /// when its value is in range, false when below `min` or above `max`; nil for any other element.
    private func rangeState(_ node: Int) -> Bool? {
        guard isHTML(node, "input"), !isDisabled(node) else { return nil }
        let type = inputType(node)
        guard let order = RangeOrder(type: type), type == "range" || !tree.hasAttribute("readonly", on: node) else { return nil }
        let minimum = value("min", node).flatMap(order.key) ?? (type == "range" ? order.key("0") : nil)
        let maximum = value("max", node).flatMap(order.key) ?? (type == "range" ? order.key("100") : nil)
        guard minimum != nil || maximum != nil else { return nil }
        // A range input's value is clamped into range; any other value that does not parse has none.
        guard type != "range", let current = value("value", node).flatMap(order.key) else { return true }
        // A time range may wrap past midnight (min 22:00, max 02:00).
        if type == "time", let minimum, let maximum, minimum > maximum { return current >= minimum || current <= maximum }
        if let minimum, current < minimum { return false }
        if let maximum, current > maximum { return false }
        return true
    }

    // MARK: Validity

    /// Whether a control, form or fieldset is valid as loaded; nil for elements validity does not
    /// apply to.
    private func validity(_ node: Int) -> Bool? {
        if isValidityCandidate(node) { return isValid(node) }
        return isHTML(node, ["form", "fieldset"]) ? !hasInvalidControl(node) : nil
    }

    /// Controls that constraint validation checks: not disabled, read-only, inside a datalist,
    /// or a kind that never submits a value.
    private func isValidityCandidate(_ node: Int) -> Bool {
        if isHTML(node, "input") {
            let type = inputType(node)
            if ["hidden", "reset", "button"].contains(type) { return false }
            if Self.editableInputs.contains(type), tree.hasAttribute("readonly", on: node) { return false }
        } else if isHTML(node, "button") {
            guard isSubmitButton(node) else { return false }
        } else if isHTML(node, "textarea") {
            if tree.hasAttribute("readonly", on: node) { return false }
        } else if !isHTML(node, "select") {
            return false
        }
        return !tree.hasAncestor(of: node, where: { isHTML($0, "datalist") }) && !isDisabled(node)
    }

    /// Whether a control's value as loaded satisfies its constraints: present when `required`,
    /// an email address or absolute URL for those types, in range, and on a step from `min`.
    /// A `pattern` is not checked (it is a JavaScript regular expression).
    private func isValid(_ node: Int) -> Bool {
        let required = isRequired(node)
        if isHTML(node, "textarea") { return !required || !tree.textContent(of: node).isEmpty }
        if isHTML(node, "select") {
            guard required, !tree.hasAttribute("multiple", on: node) else {
                return !required || optionList(of: node).contains { selected.contains($0) }
            }
            let list = optionList(of: node)
            guard let chosen = list.first(where: { selected.contains($0) }) else { return false }
            let isPlaceholder = chosen == list.first && tree[chosen].parent == node && isDropDown(node)
                && (value("value", chosen) ?? Self.collapsingWhitespace(tree.textContent(of: chosen))).isEmpty
            return !isPlaceholder
        }
        guard isHTML(node, "input") else { return true }
        let type = inputType(node)
        let text = sanitizedValue(node)
        switch type {
        case "checkbox": return !required || tree.hasAttribute("checked", on: node)
        case "radio":
            // One required radio makes its whole group missing a value while none is checked.
            let group = radioGroup(of: node)
            return !group.anyRequired || group.anyChecked
        case "file": return !required
        case "email" where !text.isEmpty:
            let addresses = tree.hasAttribute("multiple", on: node) ? text.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            } : [text]
            return addresses.allSatisfy(Self.isEmailAddress)
        case "url" where !text.isEmpty:
            return WebURL(text) != nil
        default:
            break
        }
        if required, Self.requiresText(type), text.isEmpty { return false }
        if rangeState(node) == false { return false }
        // A number off the steps from `min` (1 apart unless `step` says otherwise). Without a
        // `min` the steps count from the value itself, which is then always on one.
        if type == "number", value("step", node)?.lowercased() != "any", let current = Self.number(text),
           let minimum = value("min", node).flatMap(Self.number) {
            let step = value("step", node).flatMap(Self.number).flatMap { $0 > 0 ? $0 : nil } ?? 1
            let steps = (current - minimum) / step
            return abs(steps - steps.rounded()) < 1e-9
        }
        return true
    }

    /// An input's value as the HTML standard sanitises it for its type: text without line
    /// breaks; email and url trimmed too; a number, date or time only when it has the type's
    /// shape, else "".
    private func sanitizedValue(_ node: Int) -> String {
        let raw = value("value", node) ?? ""
        let type = inputType(node)
        let unbroken = raw.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        switch type {
        case "email", "url": return unbroken.trimmingCharacters(in: .whitespaces)
        case "number", "range", "date", "month", "week", "time", "datetime-local":
            return RangeOrder(type: type)?.key(raw) == nil ? "" : raw
        default: return unbroken
        }
    }

    /// The HTML standard's "valid floating-point number" (no blanks, no `+`, no hex, no `inf`).
    static func number(_ text: String) -> Double? {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let whole = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(whole.count)
        var fraction = Substring()
        if rest.first == "." {
            fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return nil }
            rest = rest.dropFirst(1 + fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        if let e = rest.first, e == "e" || e == "E" {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return nil }
            rest = rest.dropFirst(exponent.count)
        }
        guard rest.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Text with its ASCII white space stripped and runs of it made one space, as an option's
    /// value is taken from its text.
    private static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isHTMLSpace).joined(separator: " ")
    }

    private static func requiresText(_ type: String) -> Bool {
        type != "checkbox" && type != "radio" && type != "file" && type != "submit" && type != "image"
    }

    /// The HTML standard's "valid email address": a local part of its allowed characters, an
    /// `@`, and dot-separated labels of letters, digits and inner hyphens.
    private static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let local = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard parts[0].allSatisfy(local.contains) else { return false }
        return parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// A form or fieldset is invalid when a control in it is (a form: one it owns). Worked out
    /// for every form and fieldset in one pass: asked per fieldset, 300 nested fieldsets around
    /// 10,000 inputs took 16 s.
    private func hasInvalidControl(_ node: Int) -> Bool {
        if groupsWithInvalidControls == nil {
            var groups: Set<Int> = []
            tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { control in
                guard isValidityCandidate(control), !isValid(control) else { return true }
                groups.insert(formOwner(control))
                var ancestor = tree[control].parent
                while ancestor > DocumentTree.document {
                    if isHTML(ancestor, "fieldset") {
                        // Its fieldsets further out were marked with it.
                        guard groups.insert(ancestor).inserted else { break }
                    }
                    ancestor = tree[ancestor].parent
                }
                return true
            }
            groupsWithInvalidControls = groups
        }
        return groupsWithInvalidControls?.contains(node) ?? false
    }

    /// How values of a ranged input type compare: numbers by value; dates and times, written in
    /// fixed-width ISO fields, as text once they have the type's shape.
    private struct RangeOrder {
        let type: String

        init?(type: String) {
            guard ["number", "range", "date", "month", "week", "time", "datetime-local"].contains(type) else { return nil }
            self.type = type
        }

        func key(_ text: String) -> Key? {
            if type == "number" || type == "range" { return ElementStates.number(text).map { .number($0) } }
            guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ":-.TW".unicodeScalars.contains($0) }),
                  text.count >= Self.shortest[type, default: 1]
            else { return nil }
            // Seconds left out are zero: 09:00 and 09:00:00 are one time.
            let minutes = type == "time" ? 5 : type == "datetime-local" ? 16 : 0
            return .text(minutes > 0 && text.count == minutes ? text + ":00" : text)
        }

        private static let shortest = ["date": 10, "month": 7, "week": 8, "time": 5, "datetime-local": 16]

        enum Key: Comparable {
            case number(Double)
            case text(String)
        }
    }

    // MARK: Language and direction

    /// `:lang(ranges)`: the element's language (its own `lang`, else its nearest ancestor's, else
    /// the document's `Content-Language` pragma) matches one of the ranges by RFC 4647's
    /// extended filtering, as Selectors Level 4 asks.
    func matchesLanguage(_ ranges: [String], _ node: Int) -> Bool {
        guard let language = language(of: node) else { return false }
        return ranges.contains { Self.extendedFilter($0, matches: language) }
    }

    private func language(of node: Int) -> String? {
        var element = node
        while element > DocumentTree.document {
            if tree[element].namespace != .html, let language = value("xml:lang", element) { return language.lowercased() }
            if let language = value("lang", element) { return language.lowercased() }
            element = tree[element].parent
        }
        if let documentLanguage { return documentLanguage }
        // Each such <meta> sets it as the parser inserts it, so the last one with a usable
        // value stands: its first word, unless the content lists several (a comma).
        var pragma: String?
        tree.forEachElement(under: DocumentTree.document, intoTemplates: false) { meta in
            guard isHTML(meta, "meta"), value("http-equiv", meta)?.lowercased() == "content-language",
                  let content = value("content", meta), !content.contains(",")
            else { return true }
            let language = content.split(whereSeparator: \.isHTMLSpace).first.map { $0.lowercased() }
            if let language { pragma = language }
            return true
        }
        documentLanguage = .some(pragma)
        return pragma
    }

    /// RFC 4647 section 3.3.2: `en` matches `en` and `en-US`, `*-CH` matches `de-CH`, and a
    /// wildcard or a missing subtag skips tag subtags up to a singleton.
    static func extendedFilter(_ range: String, matches tag: String) -> Bool {
        let ranges = range.split(separator: "-", omittingEmptySubsequences: false)
        let tags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = ranges.first, let firstTag = tags.first, !tag.isEmpty, !range.isEmpty,
              first == "*" || first == firstTag
        else { return false }
        var wanted = 1
        var offered = 1
        while wanted < ranges.count {
            if ranges[wanted] == "*" {
                wanted += 1
            } else if offered >= tags.count {
                return false
            } else if tags[offered] == ranges[wanted] {
                wanted += 1
                offered += 1
            } else if tags[offered].count == 1 {
                return false
            } else {
                offered += 1
            }
        }
        return true
    }

    /// `:dir()`: the `dir` attribute, or for `dir=auto` (and a `<bdi>` without one) the first
    /// strong character of its text, else the parent's direction; the root is left to right.
    func direction(of node: Int) -> Direction {
        if let known = directions[node] { return known }
        let direction: Direction
        switch value("dir", node)?.lowercased() {
        case "ltr": direction = .ltr
        case "rtl": direction = .rtl
        case "auto": direction = autoDirection(node)
        default:
            if isHTML(node, "bdi") {
                direction = autoDirection(node)
            } else if isHTML(node, "input"), inputType(node) == "tel" {
                direction = .ltr
            } else {
                let parent = tree[node].parent
                direction = parent > DocumentTree.document ? self.direction(of: parent) : .ltr
            }
        }
        directions[node] = direction
        return direction
    }

    private func autoDirection(_ node: Int) -> Direction {
        if isHTML(node, "input") || isHTML(node, "textarea") {
            let text = isHTML(node, "textarea") ? tree.textContent(of: node) : value("value", node) ?? ""
            return Self.strongDirection(of: text) ?? .ltr
        }
        // The text in document order, passing over (whole) the elements whose text does not
        // count: bdi, script, style, textarea, and those with a direction of their own.
        var descendant = tree[node].firstChild
        while descendant >= 0 {
            if tree[descendant].isText {
                if let found = Self.strongDirection(of: tree.text(ofTextNode: descendant)) { return found }
            } else if !isHTML(descendant, ["bdi", "script", "style", "textarea"]), !hasValidDirection(descendant),
                      !tree[descendant].holdsTemplateContents, tree[descendant].firstChild >= 0 {
                descendant = tree[descendant].firstChild
                continue
            }
            while descendant != node, tree[descendant].nextSibling < 0 { descendant = tree[descendant].parent }
            guard descendant != node else { break }
            descendant = tree[descendant].nextSibling
        }
        return .ltr
    }

    private func hasValidDirection(_ node: Int) -> Bool {
        guard tree[node].namespace == .html, let direction = value("dir", node)?.lowercased() else { return false }
        return direction == "ltr" || direction == "rtl" || direction == "auto"
    }

    /// The direction of the first strongly directional character: letters of right-to-left
    /// scripts (Hebrew, Arabic, Syriac, Thaana, NKo and the rest of their blocks) and RLM or
    /// ALM are right to left; any other letter, and LRM, left to right.
    static func strongDirection(of text: String) -> Direction? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200E: return .ltr
            case 0x200F, 0x061C: return .rtl
            default: break
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                return isRightToLeft(scalar.value) ? .rtl : .ltr
            default:
                continue
            }
        }
        return nil
    }

    private static func isRightToLeft(_ value: UInt32) -> Bool {
        (0x0590...0x08FF).contains(value) || (0xFB1D...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
            || (0x10800...0x10FFF).contains(value) || (0x1E800...0x1EFFF).contains(value)
    }

    // MARK: Helpers

    /// A valid custom element name: a lower-case ASCII letter first, and a hyphen.
    private static func isCustomElementName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return name.utf8.contains(UInt8(ascii: "-"))
    }

    private func isHTML(_ node: Int, _ name: String) -> Bool {
        tree[node].namespace == .html && tree[node].name == name
    }

    private func isHTML(_ node: Int, _ names: Set<String>) -> Bool {
        tree[node].namespace == .html && names.contains(tree[node].name)
    }

    private func value(_ name: String, _ node: Int) -> String? {
        tree.value(named: name, in: tree[node].attributes)
    }

    /// An input's `type`, lower case; a missing or unknown one is `text`.
    private func inputType(_ node: Int) -> String {
        let type = value("type", node)?.lowercased() ?? "text"
        return Self.inputTypes.contains(type) ? type : "text"
    }

    private static let inputTypes: Set<String> = [
        "hidden", "text", "search", "tel", "url", "email", "password", "date", "month", "week", "time", "datetime-local",
        "number", "range", "color", "checkbox", "radio", "file", "submit", "image", "reset", "button",
    ]
}
