/// Selectors that every page is asked together, grouped for one walk of its tree per group:
/// those that look inside template contents (`--tag`) and those that do not, each group with its
/// `SelectorIndex`. Made once for a run: the index costs more to build than a small page costs
/// to walk.
struct SelectorBatch: Sendable {
    struct Group: Sendable {
        let selectors: [Selector]
        let intoTemplates: Bool
        let index: SelectorIndex
    }

    let groups: [Group]

    init(_ selectors: [Selector]) {
        groups = [false, true].compactMap { intoTemplates in
            let members = selectors.filter { $0.searchesTemplateContents == intoTemplates }
            guard !members.isEmpty else { return nil }
            return Group(selectors: members, intoTemplates: intoTemplates, index: SelectorIndex(members.map(\.alternatives)))
        }
    }
}
