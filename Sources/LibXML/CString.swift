#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C copies of some strings, made once and freed with their owner, so a call made per page
/// need not copy them again.
final class CStringArray: @unchecked Sendable {
    /// `count` pointers to NUL-terminated copies; immutable after init.
    let pointers: UnsafeMutablePointer<UnsafePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: max(1, strings.count))
        for (index, string) in strings.enumerated() {
            pointers[index] = UnsafePointer(string.withCString { strdup($0)! })
        }
    }

    deinit {
        for index in 0..<count { free(UnsafeMutableRawPointer(mutating: pointers[index])) }
        pointers.deallocate()
    }
}
