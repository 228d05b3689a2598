/// One extraction of a run: a selector, and the name its results go under when a run has several.
public struct Selection: Sendable {
    /// The key of this selection's results in a record with several (`--select NAME=CSS`);
    /// nil for the single query of a run (`--tag`, or `--select CSS`).
    public var name: String?
    public var selector: Selector

    public init(name: String? = nil, _ selector: Selector) {
        self.name = name
        self.selector = selector
    }
}
