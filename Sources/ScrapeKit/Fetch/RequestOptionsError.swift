/// Why request options cannot be used: which option (by its curl name) and what is wrong.
public struct RequestOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option's command-line name, e.g. `--proxy`.
    public var option: String
    public var message: String

    public init(_ option: String, _ message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { "\(option) \(message)" }
}
