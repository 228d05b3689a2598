import ArgumentParser
import ScrapeKit

/// The library's option types, read from the command line by their names.
extension RunnerKind: ExpressibleByArgument {}
extension HTMLParserKind: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
