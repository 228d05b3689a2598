import Foundation

/// What one robots.txt allows one user agent, read as RFC 9309 says: the group naming the agent
/// (else the `*` group) applies; among its rules the longest matching pattern decides, `Allow`
/// winning a tie; `*` matches any run of characters and a final `$` anchors the end.
package struct RobotsRules: Sendable {
    private struct Rule: Sendable {
        var allows: Bool
        /// Octets of the pattern as written: the longest match is the most specific.
        var specificity: Int
        /// The pattern as a whole-path wildcard: a final `$` dropped, else a `*` appended.
        var wildcard: [UInt8]

        init(allows: Bool, pattern: [UInt8]) {
            self.allows = allows
            specificity = pattern.count
            wildcard = pattern.last == UInt8(ascii: "$") ? pattern.dropLast() : pattern + [UInt8(ascii: "*")]
        }
    }

    private let rules: [Rule]

    static let allowAll = RobotsRules(rules: [])
    static let disallowAll = RobotsRules(rules: [Rule(allows: false, pattern: Array("/".utf8))])

    private init(rules: [Rule]) {
        self.rules = rules
    }

    /// - Parameter agent: the product token of our User-Agent, e.g. `scrape`.
    package init(parsing text: [UInt8], for agent: String) {
        let agent = agent.lowercased()
        var named: [Rule] = [], anyone: [Rule] = []
        var namesUs = false, namesAnyone = false, groupHasUs = false, groupHasAnyone = false
        var inAgentLines = false
        for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let line = rawLine.prefix { $0 != UInt8(ascii: "#") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let key = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch key {
            case "user-agent":
                if !inAgentLines { groupHasUs = false; groupHasAnyone = false }
                inAgentLines = true
                let name = value.lowercased()
                if name == agent { groupHasUs = true; namesUs = true }
                if name == "*" { groupHasAnyone = true; namesAnyone = true }
            case "allow", "disallow":
                inAgentLines = false
                // An empty Disallow allows everything: it is no rule at all.
                guard !value.isEmpty else { continue }
                let rule = Rule(allows: key == "allow", pattern: Array(value.utf8))
                if groupHasUs { named.append(rule) }
                if groupHasAnyone { anyone.append(rule) }
            default:
                continue
            }
        }
        rules = namesUs ? named : (namesAnyone ? anyone : [])
    }

    /// Whether the agent may fetch `path` (path and query, e.g. `/a?b=1`).
    package func allows(_ path: String) -> Bool {
        let path = Array(path.utf8)
        var best: Rule?
        for rule in rules where Self.matches(rule.wildcard, path) {
            guard let current = best else { best = rule; continue }
            if rule.specificity > current.specificity || (rule.specificity == current.specificity && rule.allows) {
                best = rule
            }
        }
        return best?.allows ?? true
    }

    /// Whether `pattern`, where `*` stands for any run of octets, matches all of `path`;
    /// on a mismatch it backtracks to the last `*`.
    private static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        var p = 0, s = 0
        var star: Int?, starPath = 0
        while s < path.count {
            if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p; starPath = s; p += 1
            } else if p < pattern.count && pattern[p] == path[s] {
                p += 1; s += 1
            } else if let star {
                p = star + 1; starPath += 1; s = starPath
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
