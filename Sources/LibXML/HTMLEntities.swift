import CLibXML2

/// libxml2's table of HTML 4 named character references.
public enum HTMLEntities {
    /// The code point `name` (without `&` and `;`) stands for, or nil.
    public static func codePoint(named name: String) -> UInt32? {
        let value = scrape_html_entity(name)
        return value < 0 ? nil : UInt32(value)
    }
}
