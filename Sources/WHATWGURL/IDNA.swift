import CIDNA

/// Domain names to ASCII as browsers map them (UTS #46 through ICU; see `CIDNA`).
enum IDNA {
    /// The ASCII form of `domain` (`Bücher.example` is `xn--bcher-kva.example`), or nil when it
    /// is not a valid domain name.
    static func toASCII(_ domain: String) -> String? {
        let utf8 = Array(domain.utf8)
        guard !utf8.isEmpty else { return nil }
        let capacity = max(256, utf8.count * 4 + 64)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = utf8.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                input.baseAddress!.withMemoryRebound(to: CChar.self, capacity: input.count) { source in
                    out.baseAddress!.withMemoryRebound(to: CChar.self, capacity: out.count) { target in
                        scrape_idna_to_ascii(source, input.count, target, out.count)
                    }
                }
            }
        }
        guard written >= 0 else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}
