import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// libcurl's global state, set up once before any handle exists (curl_global_init is not thread-safe).
enum CurlGlobal {
    static let initialized: Void = {
        // libcurl turns an internationalised host (bücher.example) into punycode with libidn2,
        // reading the host in the locale's character set. Under the default "C" locale every
        // non-ASCII host fails as malformed, so a process still in "C" gets UTF-8 character
        // handling (LC_CTYPE only: messages, collation and number formats are left alone).
        // This is process-wide, and a library user may not expect it: a program that set its
        // own locale is left alone, and the change happens once, under this static's lock,
        // before the first handle. setlocale is not thread-safe, so a host program calling it
        // on another thread at that same moment would race; none of our own code does.
        if let current = setlocale(LC_CTYPE, nil), ["C", "POSIX"].contains(String(cString: current)) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        _ = curl_global_init(Int(CURL_GLOBAL_ALL))
    }()
}
