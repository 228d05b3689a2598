/// The HTML standard's named character references: all 2,231 names of its table, HTML5's own
/// (`&Gopf;`, `&NotEqualTilde;`) as well as HTML 4's, each standing for one or two code points.
/// The table itself is generated (`scripts/generate-entities`).
enum NamedCharacterReferences {
    /// Name, with its `;` where it has one, to the characters it stands for.
    private static let table: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2_231)
        for (index, name) in names.split(separator: " ").enumerated() {
            let points = codePoints[(2 * index)..<(2 * index + 2)].filter { $0 != 0 }
            table[String(name)] = String(String.UnicodeScalarView(points.compactMap(Unicode.Scalar.init)))
        }
        return table
    }()

    /// The longest name that stands without its `;` (legacy names such as `&copy`, `&middot`).
    private static let longestLegacyName = table.keys.filter { !$0.hasSuffix(";") }.map(\.utf8.count).max() ?? 0

    /// What the tokenizer's named character reference state consumes of `bytes` (the source right
    /// after `&`): the longest name of the table they start with. `characters` is what it stands
    /// for, `length` the bytes it takes, and `closed` whether it ended with `;`.
    static func match(_ bytes: ArraySlice<UInt8>) -> (characters: String, length: Int, closed: Bool)? {
        let run = bytes.prefix { $0.isASCIILetter || $0.isASCIIDigit }.prefix(32)
        guard !run.isEmpty else { return nil }
        if run.endIndex < bytes.endIndex, bytes[run.endIndex] == UInt8(ascii: ";"),
           let characters = table[String(decoding: run, as: UTF8.self) + ";"] {
            return (characters, run.count + 1, true)
        }
        // Only a name with its `;` can be longer than the legacy names, so the rest are prefixes.
        for length in stride(from: min(run.count, longestLegacyName), through: 1, by: -1) {
            if let characters = table[String(decoding: run.prefix(length), as: UTF8.self)] {
                return (characters, length, false)
            }
        }
        return nil
    }
}
