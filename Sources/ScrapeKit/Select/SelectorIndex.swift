/// The alternatives of several selector lists, filed under the element name their last compound
/// requires, so that a walk matching them all together tests each element against only those
/// that could match it.
///
/// Most selectors name their element (`a[href]`, `head > title`), and most elements of a page
/// are none of the few named: such an element costs one table lookup, however many selectors a
/// run has, where testing every alternative on it would copy and compare each one.
struct SelectorIndex: Sendable {
    /// An alternative of the selector list at position `list`.
    struct Entry: Sendable {
        let list: Int
        let complex: SelectorSyntax.Complex
    }

    private let byName: NameTable<[Entry]>
    /// Alternatives whose last compound names no element (`*`, `.note`, `[href]`), or a name
    /// outside ASCII.
    private let anyName: [Entry]
    private let all: [Entry]

    init(_ lists: [[SelectorSyntax.Complex]]) {
        var byName: [String: [Entry]] = [:]
        var anyName: [Entry] = []
        var all: [Entry] = []
        for (list, alternatives) in lists.enumerated() {
            for complex in alternatives {
                let entry = Entry(list: list, complex: complex)
                all.append(entry)
                if let type = complex.compounds.last?.type, Self.isASCII(type) {
                    byName[type, default: []].append(entry)
                } else {
                    anyName.append(entry)
                }
            }
        }
        self.byName = NameTable(byName)
        self.anyName = anyName
        self.all = all
    }

    /// Calls `body` with each alternative that an element called `name` (lower case) could
    /// match: those requiring that name, then those requiring none. Names compare as Swift
    /// strings, where two spellings of one text are equal, and the table hashes bytes: so a
    /// name outside ASCII meets every alternative, and a name required outside ASCII meets
    /// every element.
    func forEachCandidate(named name: String, _ body: (Entry) -> Void) {
        guard Self.isASCII(name) else { return all.forEach(body) }
        if let entries = byName[name] { entries.forEach(body) }
        anyName.forEach(body)
    }

    private static func isASCII(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 < 0x80 }
    }
}
