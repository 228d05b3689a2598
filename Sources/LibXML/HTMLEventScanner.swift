import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Runs libxml2's HTML parser over a UTF-8 document and reports a few watched elements.
///
/// Filtering happens in C: elements that are not watched never cross into Swift, which keeps the
/// cost per page close to libxml2's own.
public struct HTMLEventScanner: Sendable {
    /// Lower-case element names; text is reported for the first one only.
    public let names: [String]
    private let cNames: CStringArray

    private static let initialized: Void = scrape_xml_initialize()

    public init(watching names: [String]) {
        _ = Self.initialized
        self.names = names.map { $0.lowercased() }
        cNames = CStringArray(self.names)
    }

    /// Parses `document`, which must be UTF-8 (in-document charset declarations are ignored).
    /// Returns false only when libxml2 could not start a parse.
    @discardableResult
    public func scan(_ document: [UInt8], delegate: some HTMLEventDelegate) -> Bool {
        let box = DelegateBox(delegate)
        let context = Unmanaged.passUnretained(box).toOpaque()
        var handler = scrape_html_handler(
            context: context,
            start: { context, name, offset in
                DelegateBox.from(context).delegate.startElement(Int(name), offset: offset)
            },
            end: { context, name, offset in
                DelegateBox.from(context).delegate.endElement(Int(name), offset: offset)
            },
            text: { context, bytes, length in
                guard let bytes else { return }
                let chunk = Array(UnsafeBufferPointer(start: bytes, count: length))
                DelegateBox.from(context).delegate.characters(chunk)
            }
        )
        let status = withExtendedLifetime((box, cNames)) {
            document.withUnsafeBufferPointer { bytes in
                scrape_html_scan(bytes.baseAddress, bytes.count, cNames.pointers, Int32(names.count), &handler)
            }
        }
        return status == 0
    }
}

/// Carries the delegate through libxml2's `void *` context.
private final class DelegateBox {
    let delegate: any HTMLEventDelegate
    init(_ delegate: any HTMLEventDelegate) { self.delegate = delegate }
    static func from(_ context: UnsafeMutableRawPointer?) -> DelegateBox {
        Unmanaged<DelegateBox>.fromOpaque(context!).takeUnretainedValue()
    }
}
