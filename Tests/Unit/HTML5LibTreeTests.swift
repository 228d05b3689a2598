import Foundation
import Testing
@testable import ScrapeKit

/// The html5lib-tests tree-construction suite (`Tests/Fixtures/html5lib-tests`, copied from
/// `../shared/html5lib-tests`): every whole-document case with scripting off, parsed as a page is
/// and its whole tree compared, nesting, namespaces, attributes and text nodes.
///
/// scrape's tree keeps what extraction can see: elements and text. The expected trees' comments
/// and doctypes are left out of the comparison; the text nodes a comment separated stay two, as
/// in a DOM (and as `::text` and XPath give them).
@Suite struct HTML5LibTreeTests {
    /// Cases that must pass; raise it as tree construction gets closer to the standard.
    static let floor = 1_592

    struct Case: CustomStringConvertible {
        var file: String
        var number: Int
        var data: String
        var expected: [String]

        var description: String { "\(file) #\(number)" }
    }

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for (file, url) in try Fixtures.files(in: "html5lib-tests/tree-construction", endingIn: ".dat") {
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, test) in Self.split(text).enumerated() {
                guard test["document-fragment"] == nil, test["script-on"] == nil, let data = test["data"],
                      let document = test["document"] else { continue }
                cases.append(Case(file: file, number: number, data: data, expected: Self.kept(document)))
            }
        }
        return cases
    }

    /// A `.dat` file's tests, each a map from section name (`data`, `document`, ...) to its text.
    private static func split(_ text: String) -> [[String: String]] {
        var tests: [[String: String]] = []
        var current: [String: String] = [:]
        var section: String?
        var lines: [Substring] = []
        func close() {
            if let section {
                // A section's text ends at the blank line before the next test's `#data`.
                current[section] = lines.joined(separator: "\n")
            }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#"), ["#data", "#errors", "#new-errors", "#document", "#document-fragment", "#script-on",
                                     "#script-off"].contains(line) {
                close()
                if line == "#data", !current.isEmpty {
                    tests.append(current)
                    current = [:]
                }
                section = String(line.dropFirst())
                current[section!] = ""
            } else {
                lines.append(line)
            }
        }
        close()
        if !current.isEmpty { tests.append(current) }
        return tests.map { test in
            var test = test
            // Every section but the last is followed by the blank line that separates tests.
            if let document = test["document"], document.hasSuffix("\n") { test["document"] = String(document.dropLast()) }
            return test
        }
    }

    /// The expected tree's lines without comments and doctypes; the text nodes a comment split
    /// stay two, as in scrape's tree.
    private static func kept(_ document: String) -> [String] {
        var lines: [String] = []
        var node = ""
        var nodes: [String] = []
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| ") {
                if !node.isEmpty { nodes.append(node) }
                node = String(line)
            } else {
                node += "\n" + line
            }
        }
        if !node.isEmpty { nodes.append(node) }
        for node in nodes {
            let body = node.drop { $0 == "|" || $0 == " " }
            if body.hasPrefix("<!-- ") || body.hasPrefix("<!DOCTYPE") { continue }
            lines.append(node)
        }
        return lines
    }

    /// The standard's "adjust foreign attributes" table.
    private static let namespacedAttributes: Set<String> = [
        "xlink:actuate", "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type",
        "xml:lang", "xml:space", "xmlns:xlink",
    ]

    /// scrape's tree of `data`, in the suite's format.
    static func tree(of data: String) -> [String] {
        let (document, nulls) = InputStream.preprocess(Array(data.utf8))
        let tree = SourceTokenizer<TreeBuilder>.tree(of: document, nulls: nulls)
        var lines: [String] = []
        func write(_ node: Int, depth: Int) {
            let indent = "| " + String(repeating: "  ", count: depth)
            let element = tree[node]
            if element.isText {
                var text: [UInt8] = []
                tree.forEachTextRun(of: node) { run in
                    text += run
                    return true
                }
                lines.append(indent + "\"" + String(decoding: text, as: UTF8.self) + "\"")
                return
            }
            let prefix = switch element.namespace {
            case .html: ""
            case .svg: "svg "
            case .mathml: "math "
            }
            lines.append(indent + "<" + prefix + element.name + ">")
            let attributes = tree.attributeValues(of: node).map { attribute in
                // The suite writes the attributes foreign content puts in a namespace as
                // `prefix name`; scrape keeps their qualified names, as the DOM's `attr.name` is.
                var name = attribute.name
                if element.namespace != .html, Self.namespacedAttributes.contains(name), let colon = name.firstIndex(of: ":") {
                    name.replaceSubrange(colon...colon, with: " ")
                }
                return (name, attribute.value)
            }
            for (name, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
                lines.append(indent + "  " + name + "=\"" + value + "\"")
            }
            var childDepth = depth + 1
            if element.holdsTemplateContents {
                lines.append(indent + "  content")
                childDepth += 1
            }
            var child = element.firstChild
            while child >= 0 {
                write(child, depth: childDepth)
                child = tree[child].nextSibling
            }
        }
        var child = tree[DocumentTree.document].firstChild
        while child >= 0 {
            write(child, depth: 0)
            child = tree[child].nextSibling
        }
        return lines
    }

    @Test func theSuitePassesAboveItsFloor() throws {
        let cases = try Self.cases()
        #expect(cases.count == 1_592, "whole documents with scripting off")
        let failures = cases.filter { Self.tree(of: $0.data) != $0.expected }
        let passed = cases.count - failures.count
        print("html5lib tree-construction: \(passed) of \(cases.count) pass")
        try Fixtures.reportFailures(failures.map {
            "== \($0)\n\($0.data)\n-- expected\n\($0.expected.joined(separator: "\n"))\n-- got\n\(Self.tree(of: $0.data).joined(separator: "\n"))\n"
        }, suite: "tree-construction")
        #expect(passed >= Self.floor, "\(passed) of \(cases.count); first failures: \(failures.prefix(5))")
    }
}
