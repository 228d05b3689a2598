/// One URL taken from the input, with its position among the non-skipped lines.
public struct InputURL: Sendable, Equatable {
    public var index: Int
    public var url: String
    /// Position among the URLs this run fetches, which `--ordered` follows. It differs from
    /// `index` when URLs are skipped (another shard's, or already done).
    var sequence: Int

    public init(index: Int, url: String) {
        self.index = index
        self.url = url
        sequence = index
    }
}
