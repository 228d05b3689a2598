import WHATWGURL

/// The part of a file name that says which site a record belongs to, for the sinks that group
/// records by site.
enum SiteName {
    /// The URL's host as a browser spells it (international names in their ASCII form), with
    /// anything but letters, digits, `.` and `-` made `_` (an IPv6 address's colons), at most 96
    /// bytes; `invalid` for a URL without a host.
    static func of(_ url: String) -> String {
        var name = ""
        for scalar in (WebURL(url)?.hostname ?? "").unicodeScalars {
            let kept: Unicode.Scalar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "."
                || scalar == "-" ? scalar : "_"
            guard name.utf8.count + UTF8.width(kept) <= 96 else { break }
            name.unicodeScalars.append(kept)
        }
        return name.isEmpty ? "invalid" : name
    }
}
