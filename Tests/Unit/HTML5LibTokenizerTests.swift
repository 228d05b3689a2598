import Foundation
import Testing
@testable import ScrapeKit

/// The html5lib-tests tokenizer suite (`Tests/Fixtures/html5lib-tests/tokenizer`) against the
/// tokenizer alone: its tokens, recorded by a sink in place of tree construction, compared with
/// each case's in every initial state it names (the CDATA section state aside: scrape enters it
/// only in SVG and MathML, which tree construction decides). Parse errors are not compared.
@Suite struct HTML5LibTokenizerTests {
    /// Case-and-state runs that must pass; raise it as the tokenizer gets closer to the standard.
    static let floor = 6_972

    enum Token: Equatable, CustomStringConvertible {
        case doctype(name: String?, publicID: String?, systemID: String?, correct: Bool)
        case startTag(String, [String: String], selfClosing: Bool)
        case endTag(String)
        case comment(String)
        case character(String)

        var description: String {
            switch self {
            case .doctype(let name, let publicID, let systemID, let correct): "DOCTYPE(\(name ?? "nil"), \(publicID ?? "nil"), \(systemID ?? "nil"), \(correct))"
            case .startTag(let name, let attributes, let selfClosing): "<\(name) \(attributes.sorted { $0.key < $1.key })\(selfClosing ? "/" : "")>"
            case .endTag(let name): "</\(name)>"
            case .comment(let text): "<!--\(text)-->"
            case .character(let text): "\(text.debugDescription)"
            }
        }
    }

    /// Records the tokens in place of tree construction; the tokenizer stays in the data state
    /// after every start tag, as the suite expects.
    struct Recorder: TokenSink {
        var tree: DocumentTree
        var tokens: [Token] = []
        var tokenizerState: TokenizerState { .data }
        var inForeignContent: Bool { false }
        var isOverBudget: Bool { false }

        mutating func doctype(_ doctype: DoctypeReader) {
            tokens.append(.doctype(name: doctype.name, publicID: doctype.publicID, systemID: doctype.systemID,
                                   correct: !doctype.forcesQuirks))
        }

        mutating func startTag(_ tag: TagToken) {
            var attributes: [String: String] = [:]
            for attribute in tree.attributes(in: tag.attributes) {
                attributes[attribute.name] = String(decoding: tree.value(of: attribute), as: UTF8.self)
            }
            tokens.append(.startTag(tag.name, attributes, selfClosing: tag.selfClosing))
        }

        mutating func endTag(_ tag: TagToken) {
            tokens.append(.endTag(tag.name))
        }

        mutating func text(_ bytes: ArraySlice<UInt8>, inSource: Bool) {
            characters(String(decoding: bytes, as: UTF8.self))
        }

        mutating func nullCharacter() {
            characters("\u{0}")
        }

        mutating func comment(_ bytes: ArraySlice<UInt8>) {
            tokens.append(.comment(String(decoding: bytes, as: UTF8.self)))
        }

        private mutating func characters(_ text: String) {
            if case .character(let before) = tokens.last {
                tokens[tokens.count - 1] = .character(before + text)
            } else {
                tokens.append(.character(text))
            }
        }
    }

    struct Case: CustomStringConvertible {
        var file: String
        var name: String
        var input: String
        var state: TokenizerState
        var lastStartTag: String
        var expected: [Token]

        var description: String { "\(file): \(name) (\(state))" }
    }

    private static let states: [String: TokenizerState] = [
        "Data state": .data, "PLAINTEXT state": .plaintext, "RCDATA state": .rcdata, "RAWTEXT state": .rawText,
        "Script data state": .scriptData,
    ]

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for (file, url) in try Fixtures.files(in: "html5lib-tests/tokenizer", endingIn: ".test") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            for test in json["tests"] as? [[String: Any]] ?? [] {
                let escaped = test["doubleEscaped"] as? Bool ?? false
                // Lone surrogates, which a Swift string cannot hold, rule a case out.
                guard let input = unescaped(test["input"] as! String, escaped),
                      let expected = tokens(test["output"] as! [[Any]], escaped) else { continue }
                for stateName in test["initialStates"] as? [String] ?? ["Data state"] {
                    guard let state = states[stateName] else { continue }
                    cases.append(Case(file: file, name: test["description"] as? String ?? "", input: input, state: state,
                                      lastStartTag: test["lastStartTag"] as? String ?? "", expected: expected))
                }
            }
        }
        return cases
    }

    private static func unescaped(_ text: String, _ escaped: Bool) -> String? {
        guard escaped else { return text }
        var scalars = String.UnicodeScalarView()
        var rest = Substring(text)
        while let slash = rest.range(of: "\\u") {
            scalars.append(contentsOf: rest[..<slash.lowerBound].unicodeScalars)
            let hex = rest[slash.upperBound...].prefix(4)
            guard hex.count == 4, let value = UInt32(hex, radix: 16) else { return nil }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
            rest = rest[rest.index(slash.upperBound, offsetBy: 4)...]
        }
        scalars.append(contentsOf: rest.unicodeScalars)
        return String(scalars)
    }

    private static func tokens(_ output: [[Any]], _ escaped: Bool) -> [Token]? {
        var tokens: [Token] = []
        for token in output {
            func string(_ index: Int) -> String?? {
                guard index < token.count else { return .some(nil) }
                if token[index] is NSNull { return .some(nil) }
                guard let text = token[index] as? String else { return .some(nil) }
                return unescaped(text, escaped).map { .some($0) } ?? nil
            }
            switch token[0] as! String {
            case "DOCTYPE":
                guard let name = string(1), let publicID = string(2), let systemID = string(3) else { return nil }
                tokens.append(.doctype(name: name, publicID: publicID, systemID: systemID, correct: token[4] as! Bool))
            case "StartTag":
                guard let name = string(1), let name else { return nil }
                var attributes: [String: String] = [:]
                for (key, value) in token[2] as! [String: String] {
                    guard let key = unescaped(key, escaped), let value = unescaped(value, escaped) else { return nil }
                    attributes[key] = value
                }
                tokens.append(.startTag(name, attributes, selfClosing: token.count > 3 && token[3] as! Bool))
            case "EndTag":
                guard let name = string(1), let name else { return nil }
                tokens.append(.endTag(name))
            case "Comment":
                guard let text = string(1), let text else { return nil }
                tokens.append(.comment(text))
            default:
                guard let text = string(1), let text else { return nil }
                if case .character(let before) = tokens.last {
                    tokens[tokens.count - 1] = .character(before + text)
                } else {
                    tokens.append(.character(text))
                }
            }
        }
        return tokens
    }

    static func tokens(of test: Case) -> [Token] {
        let (document, nulls) = InputStream.preprocess(Array(test.input.utf8))
        let recorder = Recorder(tree: DocumentTree(source: document))
        return SourceTokenizer.tokenize(document, nulls: nulls, into: recorder, startingIn: test.state,
                                        lastStartTag: test.lastStartTag).tokens
    }

    @Test func theSuitePassesAboveItsFloor() throws {
        let cases = try Self.cases()
        let failures = cases.filter { Self.tokens(of: $0) != $0.expected }
        let passed = cases.count - failures.count
        print("html5lib tokenizer: \(passed) of \(cases.count) pass")
        try Fixtures.reportFailures(failures.map {
            "== \($0)\n\($0.input.debugDescription)\n-- expected\n\($0.expected)\n-- got\n\(Self.tokens(of: $0))\n"
        }, suite: "tokenizer")
        #expect(passed >= Self.floor, "\(passed) of \(cases.count); first failures: \(failures.prefix(3))")
    }
}
