#if canImport(Glibc)
import Glibc
#endif
import CCurl

/// What transfers on different easy handles, and different threads, have in common: cookies the
/// sites set, resolved names, TLS sessions to resume. A multi handle already shares names,
/// sessions and connections among its own transfers; threads each blocking on their own handle
/// share them only through this.
public final class CurlShare: @unchecked Sendable {
    public struct Contents: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let cookies = Contents(rawValue: 1)
        public static let dns = Contents(rawValue: 2)
        public static let tlsSessions = Contents(rawValue: 4)
    }

    private let share: OpaquePointer

    /// Every kind of data gets a lock of its own, so the handles may be used from any threads.
    public init(_ contents: Contents) {
        _ = CurlGlobal.initialized
        share = scrape_share_new(contents.contains(.cookies) ? 1 : 0, contents.contains(.dns) ? 1 : 0,
                                 contents.contains(.tlsSessions) ? 1 : 0)!
    }

    deinit {
        scrape_share_free(share)
    }

    var handle: UnsafeMutableRawPointer { scrape_share_handle(share) }

    /// Loads a Netscape cookie file (or `Set-Cookie:` lines) into the shared cookie jar, once,
    /// so that transfers start from it and cookies the sites set later replace its entries.
    /// False when the file cannot be read.
    public func loadCookies(fromFile path: String) -> Bool {
        guard let file = fopen(path, "r") else { return false }
        fclose(file)
        let easy = CurlEasy(share: self)
        return easy.loadCookies(fromFile: path)
    }
}
