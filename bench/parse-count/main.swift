import Foundation
import ScrapeKit

// parse-count [--select CSS]... FILE...: the parse stage alone, over each file in turn on this one
// thread, with `--tag script` or the selections given, for `make bench`'s callgrind scenario: the
// instructions counted there are the parse's own (no network, no threads, no output) and do not
// move with the machine's load. Callgrind cannot run the whole pipeline here: Debian 12's valgrind
// (3.19) crashes on the Swift runtime's dispatch threads. Prints how many elements the first
// selection found, so that the work cannot be skipped. Built against the commit the scenario
// compares with too, so it uses only the API that commit had.
var arguments = CommandLine.arguments.dropFirst()
var selections: [Selection] = []
while arguments.first == "--select", arguments.count >= 2 {
    selections.append(Selection(name: "s\(selections.count)", try Selector(arguments.dropFirst().first!)))
    arguments = arguments.dropFirst(2)
}
let parser = selections.isEmpty ? PageParser(tag: "script") : PageParser(selections: selections)
var elements = 0
for path in arguments {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("parse-count: cannot read \(path)\n".utf8))
        exit(1)
    }
    elements += parser.parse([UInt8](data), contentType: "text/html").elements.count
}
print(elements)
