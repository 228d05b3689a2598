import Foundation
import WHATWGURL

/// The Public Suffix List (Debian's `publicsuffix` package): which part of a host name is a
/// registry's, so that `a.b.example.co.uk` and `example.co.uk` are one site under `--scope domain`.
struct PublicSuffixList: Sendable {
    static let systemPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    private var rules: Set<String> = []
    /// `*.ck` is stored as `ck`: any one label under it is a suffix.
    private var wildcards: Set<String> = []
    /// `!www.ck`: not a suffix, although a wildcard says so.
    private var exceptions: Set<String> = []

    /// Reads the list at `path`.
    init(path: String = Self.systemPath) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) {
            guard let rule = line.split(separator: " ").first, !rule.hasPrefix("//") else { continue }
            var name = String(rule)
            let isException = name.hasPrefix("!")
            if isException { name.removeFirst() }
            let isWildcard = name.hasPrefix("*.")
            if isWildcard { name.removeFirst(2) }
            // Rules are written in Unicode; hosts reach us in their ASCII (`xn--`) form.
            guard let ascii = WebURL("http://\(name)/")?.hostname else { continue }
            if isException {
                exceptions.insert(ascii)
            } else if isWildcard {
                wildcards.insert(ascii)
            } else {
                rules.insert(ascii)
            }
        }
    }

    /// The registrable domain of `host` (`example.co.uk` for `www.example.co.uk`): its public
    /// suffix and one label more. An unlisted top-level domain is a suffix by the list's default
    /// rule (`x.y.test` gives `y.test`). Nil when `host` is itself a suffix.
    func registrableDomain(of host: String) -> String? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count > 1 else { return nil }
        var suffixStart = labels.count - 1
        for start in 0..<labels.count {
            let candidate = labels[start...].joined(separator: ".")
            if exceptions.contains(candidate) {
                suffixStart = start + 1
                break
            }
            if rules.contains(candidate) || (start + 1 < labels.count && wildcards.contains(labels[(start + 1)...].joined(separator: "."))) {
                suffixStart = start
                break
            }
        }
        guard suffixStart > 0 else { return nil }
        return labels[(suffixStart - 1)...].joined(separator: ".")
    }
}
