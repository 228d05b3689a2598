/// A transfer's body as it arrives: its content codings undone, the decoded bytes counted and
/// kept up to the cap, however the bytes were chunked.
///
/// The cap applies to the decoded bytes, so a compression bomb stops at the cap rather than at
/// its wire size.
struct CurlBody {
    /// What `feed` made of a chunk.
    enum Outcome: Equatable {
        case more
        /// Past `maxBytes`: the body holds exactly its first `maxBytes`.
        case tooLarge
        /// The coding's stream is corrupt.
        case invalid(String)
    }

    /// The decoded bytes kept so far (none when the body is only counted).
    private(set) var bytes: [UInt8] = []
    /// Decoded bytes received so far, kept or not.
    private(set) var count = 0
    private let maxBytes: Int
    private let keeps: Bool
    /// The body's content codings, undone in this order (the last one applied first).
    private var decoders: [ContentDecoder] = []

    init(maxBytes: Int, keeps: Bool) {
        self.maxBytes = maxBytes
        self.keeps = keeps
    }

    /// Sets up the decoders for a `Content-Encoding` header, and room for a declared length
    /// (when nothing is to be decoded and the body is kept, so a 200 kB page is not copied a
    /// dozen times as it grows; a lying length costs nothing beyond the cap, and untouched pages
    /// of a reservation are not resident). Returns why the body cannot be read, if it cannot.
    mutating func start(contentEncoding: String, declaredLength: Int?) -> (failure: CurlResult.Failure, message: String)? {
        switch ContentDecoder.codings(forHeader: contentEncoding) {
        case .failure(let error):
            return (.badContentEncoding, error.message)
        case .success(let codings):
            for coding in codings.reversed() {
                guard let made = ContentDecoder(coding) else { return (.other, "out of memory") }
                decoders.append(made)
            }
        }
        if keeps, decoders.isEmpty, let declaredLength, declaredLength > 0 { bytes.reserveCapacity(min(declaredLength, maxBytes)) }
        return nil
    }

    /// Decodes and keeps one chunk as it came off the wire.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) -> Outcome {
        let chain = decoders[...]
        switch ContentDecoder.feed(chunk, through: chain, sink: { keep($0) }) {
        case (.more, _), (.complete, _): return .more
        case (.invalid, let failed): return .invalid("the body is not valid \(failed?.coding.rawValue ?? "")")
        case (.stopped, _): return .tooLarge
        }
    }

    /// Whether the codings' streams ended where the body did; else why not. The decoders' state
    /// (a zlib window, brotli's tables) is released either way.
    mutating func finish() -> String? {
        defer { decoders = [] }
        guard decoders.first?.hasInput == true, let open = decoders.first(where: { !$0.isComplete }) else { return nil }
        return "the \(open.coding.rawValue) stream of the body ends early: the body is truncated"
    }

    /// Hands over the bytes kept, releasing them here.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Takes decoded bytes, within the cap.
    private mutating func keep(_ decoded: UnsafeRawBufferPointer) -> Bool {
        guard count + decoded.count <= maxBytes else {
            // The body keeps exactly its first maxBytes, however the bytes were chunked, so what
            // a capped body holds (a robots.txt read up to its cap) is the same every run.
            if keeps { bytes.append(contentsOf: decoded.prefix(maxBytes - count)) }
            count = maxBytes
            return false
        }
        count += decoded.count
        if keeps { bytes.append(contentsOf: decoded) }
        return true
    }
}
