/// One program measured by `scrape bench`: one of our runners, or a peer command.
struct Contender: Sendable {
    var name: String
    /// The command line; `{urls}` in it is replaced by the URL file.
    var command: [String]

    /// A peer given as `NAME=COMMAND`, run through `sh -c` so it can be any shell command.
    init?(peer specification: String) {
        guard let equals = specification.firstIndex(of: "="), equals != specification.startIndex else { return nil }
        name = String(specification[..<equals])
        command = ["/bin/sh", "-c", "exec " + specification[specification.index(after: equals)...]]
    }

    init(name: String, command: [String]) {
        self.name = name
        self.command = command
    }

    func arguments(urls: String) -> [String] {
        command.map { $0.replacingOccurrences(of: "{urls}", with: urls) }
    }
}
