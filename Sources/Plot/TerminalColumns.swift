import Foundation

/// The width in columns of the terminal behind `descriptor` (standard output by default),
/// asked of the terminal itself (`TIOCGWINSZ`); nil for a pipe or a file, or a width it does
/// not know. The one place the package asks: the notebook wraps its text with it, and the
/// terminal drawings are sized by it.
public func terminalColumns(of descriptor: Int32 = STDOUT_FILENO) -> Int? {
    guard isatty(descriptor) == 1 else { return nil }
    var size = winsize()
    #if os(Linux)
    let request = UInt(TIOCGWINSZ)
    #else
    let request: UInt = 0x4008_7468  // TIOCGWINSZ on Darwin (not importable: a function-like macro)
    #endif
    let status = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, request, $0) }
    guard status == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
