/// One URL taken from the input, with its position among the non-skipped lines.
public struct InputURL: Sendable, Equatable {
    public var index: Int
    public var url: String

    public init(index: Int, url: String) {
        self.index = index
        self.url = url
    }
}
