#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A heap copy of `string` as a C string; the caller frees it.
func strdupC(_ string: String) -> UnsafeMutablePointer<CChar> {
    string.withCString { strdup($0)! }
}
