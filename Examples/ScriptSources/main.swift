// A complete program built on ScrapeKit: for each page named on the command line, how many
// scripts it has and where the external ones come from.
//
//     swift run scrape-example http://127.0.0.1:8089/index.html http://127.0.0.1:8089/missing.html

import ScrapeKit

var options = ScrapeOptions()
options.selections = [Selection(Selector(tag: "script"))]
options.runner = .async
options.ordered = true
options.fetch.perHost = 4

let urls = Array(CommandLine.arguments.dropFirst())
for await record in Scraper(options: options).records(for: urls) {
    if let error = record.error {
        print("\(record.url): failed, \(error.kind.rawValue) (\(error.message))")
        continue
    }
    let sources = record.elements.compactMap { $0[attribute: "src"] }
    print("\(record.url): \(record.elements.count) scripts, \(sources.count) external, \(record.charset ?? "?")")
    for source in sources {
        print("  \(source)")
    }
}
