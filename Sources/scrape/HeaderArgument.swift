import ArgumentParser
import Foundation

/// A `--header` argument: one `Name: value` line, or `@FILE` with one a line. The lines are
/// checked with the other request options (`RequestOptions.validate()`); a name never starts with
/// `@`, so lines read from a file and passed on to the runs of `scrape bench` read the same there.
enum HeaderArgument {
    static func lines(_ argument: String) throws -> [String] {
        guard argument.hasPrefix("@") else { return [argument] }
        let path = try ReadableFile.check(String(argument.dropFirst()), option: "--header")
        // Read with blocking reads to the end: Foundation's `String(contentsOfFile:)` opens with
        // O_NONBLOCK, and a pipe whose writer has not written yet reads as an error.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data(),
              let text = String(data: data, encoding: .utf8)
        else { throw ValidationError("--header \(argument): not a UTF-8 text file") }
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// A pipe can be read once: a header file that is the URL list's pipe (`--urls -` with
    /// `-H @/dev/stdin`) would take the URLs for headers and leave an empty list, silently.
    static func checkNotSharingInput(_ arguments: [String], withList list: String?) throws {
        guard let list, let listed = list == "-" ? FileIdentity(descriptor: 0) : FileIdentity(path: list),
              !listed.isRegular
        else { return }
        for argument in arguments where argument.hasPrefix("@") && FileIdentity(path: String(argument.dropFirst())) == listed {
            throw ValidationError("--header \(argument) and --urls \(list) are the same stream, which can be read only once")
        }
    }
}
