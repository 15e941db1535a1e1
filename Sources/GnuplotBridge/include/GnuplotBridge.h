// GnuplotBridge: a gnuplot process behind a small C interface.
//
// The implementation is C++ over `gnuplot-iostream.h` (Debian's libgnuplot-iostream-dev), but
// this header is plain C on purpose: Swift imports it as an ordinary C module, so no client of
// the `Plot` library ever needs C++ interoperability switched on (it is viral).
//
// A session is one gnuplot process. Write commands and data blocks to it, then close it: closing
// waits for gnuplot to finish and hands back its exit status and everything it printed, which is
// how gnuplot's own error messages ("line 3: undefined variable: foo") reach the caller.
#ifndef GNUPLOT_BRIDGE_H
#define GNUPLOT_BRIDGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma clang assume_nonnull begin

/// One running gnuplot process. Opaque: only the functions below touch it.
typedef struct GnuplotBridgeSession GnuplotBridgeSession;

/// Starts `executable` (a path, or a program name looked up in PATH by `/bin/sh`) reading
/// commands from a pipe. Gnuplot's standard output and standard error are captured into a
/// temporary file, read back by `gnuplot_bridge_close`.
///
/// Returns NULL when the process cannot be started, and writes the reason into `error`
/// (at most `error_size` bytes, always NUL-terminated when `error_size > 0`).
GnuplotBridgeSession *_Nullable gnuplot_bridge_open(const char *executable,
                                                    char *_Nullable error,
                                                    size_t error_size);

/// Sends text to gnuplot as it is (one or more commands separated by newlines; a final newline
/// is added when missing). Returns 0, or -1 when gnuplot no longer reads its input (it exited).
int gnuplot_bridge_send_commands(GnuplotBridgeSession *session, const char *commands);

/// Sends a table of numbers as the named data block `$name`: `rows` lines of `columns` values,
/// read row by row from `values` (row-major, `rows * columns` doubles). NaN becomes gnuplot's
/// "undefined" value. Plot it with `plot $name using 1:2 with lines`, or as a matrix with
/// `plot $name matrix with image`. Returns 0, or -1 when gnuplot no longer reads its input.
int gnuplot_bridge_send_data_block(GnuplotBridgeSession *session,
                                   const char *name,
                                   const double *_Nullable values,
                                   size_t rows,
                                   size_t columns);

/// Closes gnuplot's input, waits for it to exit and frees the session.
///
/// Returns gnuplot's exit status: 0 when every command succeeded, 1 when gnuplot reported an
/// error, 128 + N when it was killed by signal N, -1 when the status could not be obtained.
/// `*output` receives everything gnuplot printed (errors, warnings, `print` output) as a
/// NUL-terminated string to release with `gnuplot_bridge_free`, or NULL when it printed nothing.
int gnuplot_bridge_close(GnuplotBridgeSession *session, char *_Nullable *_Nonnull output);

/// Releases a string returned by this library.
void gnuplot_bridge_free(char *_Nullable text);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif // GNUPLOT_BRIDGE_H
