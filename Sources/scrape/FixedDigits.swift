import Foundation

/// `value` with exactly `digits` digits after the point, as every figure the command line prints.
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
