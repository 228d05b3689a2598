import ScrapeKit

/// One option as it sets the library's options, with the arguments that give a child `scrape`
/// (a bench run) the same setting.
struct Setting {
    let arguments: [String]
    let apply: (inout ScrapeOptions) -> Void

    init(_ arguments: [String], apply: @escaping (inout ScrapeOptions) -> Void) {
        self.arguments = arguments
        self.apply = apply
    }
}
