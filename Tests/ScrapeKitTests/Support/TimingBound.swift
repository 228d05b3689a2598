import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// For tests that assert an upper bound on wall time (a hung server costs at most the
    /// timeout): `make sanitize` sets SCRAPE_SANITIZED, and under a sanitizer's slowdown such
    /// bounds say nothing about the code.
    static var timingBound: Self {
        .disabled(if: ProcessInfo.processInfo.environment["SCRAPE_SANITIZED"] != nil,
                  "wall-time bounds do not hold under a sanitizer's slowdown")
    }
}
