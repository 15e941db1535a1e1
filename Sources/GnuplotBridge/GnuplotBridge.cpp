// GnuplotBridge.cpp: the C++ side of the bridge (see include/GnuplotBridge.h for the contract).
//
// `Gnuplot` from gnuplot-iostream is a std::ostream onto a pipe into gnuplot, and `send1d`
// formats C++ containers as gnuplot data. Two things the header does not do, and which we need:
//
// * report gnuplot's exit status and messages. Its own popen/pclose pair throws the status away
//   (and prints "pclose returned error" on stderr), so we run popen ourselves, hand `Gnuplot` a
//   duplicate of the pipe, and keep the original to pclose and learn how gnuplot ended. Gnuplot's
//   output goes to a temporary log file (boost::filesystem names it) that we read back on close.
// * survive a gnuplot that exits early: writing into a pipe nobody reads raises SIGPIPE, which
//   would kill the whole lesson. We block SIGPIPE on the writing thread while writing, and
//   swallow the one our write caused, so the write just fails and the caller gets -1.
//
// Every entry point catches all exceptions: a C++ exception must never cross into Swift.

#include "GnuplotBridge.h"

#include <gnuplot-iostream.h>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// Blocks SIGPIPE for the current thread during its lifetime. If a write inside the scope broke
/// the pipe, the pending SIGPIPE it raised is consumed before the old mask comes back, so it is
/// never delivered. (SIGPIPE from a failed write goes to the writing thread, so this is enough.)
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigemptyset(&sigpipe_);
        sigaddset(&sigpipe_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    }

    ~SigpipeGuard() {
        if (!was_pending_) {
            sigset_t pending;
            sigemptyset(&pending);
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                struct timespec no_wait = {0, 0};
                while (sigtimedwait(&sigpipe_, nullptr, &no_wait) == -1 && errno == EINTR) {
                }
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

    SigpipeGuard(const SigpipeGuard &) = delete;
    SigpipeGuard &operator=(const SigpipeGuard &) = delete;

private:
    sigset_t sigpipe_;
    sigset_t previous_;
    bool was_pending_ = false;
};

/// Quotes `text` for /bin/sh: 'it'\''s' style.
std::string shell_quoted(const std::string &text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    quoted += "'";
    return quoted;
}

void copy_message(const std::string &message, char *destination, size_t size) {
    if (destination == nullptr || size == 0) return;
    size_t length = message.size() < size - 1 ? message.size() : size - 1;
    std::memcpy(destination, message.data(), length);
    destination[length] = '\0';
}

char *duplicate_string(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy == nullptr) return nullptr;
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

bool is_data_block_name(const char *name) {
    if (name == nullptr || name[0] == '\0') return false;
    for (const char *c = name; *c != '\0'; ++c) {
        bool letter = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '_';
        bool digit = *c >= '0' && *c <= '9';
        if (!letter && !(digit && c != name)) return false;
    }
    return true;
}

} // namespace

struct GnuplotBridgeSession {
    /// The stream gnuplot-iostream writes through (onto a duplicate of the pipe's descriptor).
    Gnuplot *gnuplot = nullptr;
    /// The popen handle we keep, to pclose and read gnuplot's exit status.
    FILE *process = nullptr;
    /// Where gnuplot's standard output and standard error go.
    std::string log_path;
    /// False once a write failed (gnuplot stopped reading).
    bool writable = true;
};

extern "C" GnuplotBridgeSession *gnuplot_bridge_open(const char *executable, char *error,
                                                     size_t error_size) {
    try {
        namespace fs = boost::filesystem;
        std::string log_path =
            (fs::temp_directory_path() / fs::unique_path("gnuplot-bridge-%%%%-%%%%-%%%%-%%%%.log"))
                .string();
        std::string command = "exec " + shell_quoted(executable) + " >" +
                              shell_quoted(log_path) + " 2>&1";

        // "e" (glibc): our end of the pipe is close-on-exec from the start, so no other child
        // process started meanwhile by another thread inherits it and keeps gnuplot waiting.
#if defined(__GLIBC__)
        FILE *process = popen(command.c_str(), "we");
#else
        FILE *process = popen(command.c_str(), "w");
        if (process != nullptr) fcntl(fileno(process), F_SETFD, FD_CLOEXEC);
#endif
        if (process == nullptr) {
            copy_message(std::string("cannot start ") + executable + ": " + std::strerror(errno),
                         error, error_size);
            return nullptr;
        }
        // A private, close-on-exec duplicate of the pipe for gnuplot-iostream (closed when the
        // `Gnuplot` object is deleted); the original stays ours, to pclose.
        int descriptor = fcntl(fileno(process), F_DUPFD_CLOEXEC, 0);
        FILE *stream = descriptor < 0 ? nullptr : fdopen(descriptor, "w");
        if (stream == nullptr) {
            std::string reason = std::strerror(errno);
            if (descriptor >= 0) close(descriptor);
            pclose(process);
            std::remove(log_path.c_str());
            copy_message("cannot open a pipe to " + std::string(executable) + ": " + reason,
                         error, error_size);
            return nullptr;
        }

        Gnuplot *gnuplot = nullptr;
        try {
            gnuplot = new Gnuplot(stream);
        } catch (...) {
            fclose(stream);
            pclose(process);
            std::remove(log_path.c_str());
            throw;
        }
        auto *session = new GnuplotBridgeSession();
        session->process = process;
        session->log_path = log_path;
        session->gnuplot = gnuplot;
        // gnuplot-iostream starts in scientific notation with 18 digits; 17 significant digits
        // in the shortest notation round-trip every double and keep the pipe traffic small.
        *session->gnuplot << std::defaultfloat << std::setprecision(17);
        return session;
    } catch (const std::exception &exception) {
        copy_message(std::string("cannot start ") + executable + ": " + exception.what(), error,
                     error_size);
    } catch (...) {
        copy_message(std::string("cannot start ") + executable, error, error_size);
    }
    return nullptr;
}

extern "C" int gnuplot_bridge_send_commands(GnuplotBridgeSession *session, const char *commands) {
    if (!session->writable) return -1;
    try {
        SigpipeGuard guard;
        Gnuplot &gnuplot = *session->gnuplot;
        size_t length = std::strlen(commands);
        gnuplot.write(commands, static_cast<std::streamsize>(length));
        if (length == 0 || commands[length - 1] != '\n') gnuplot << '\n';
        gnuplot.flush();
        session->writable = gnuplot.good();
    } catch (...) {
        session->writable = false;
    }
    return session->writable ? 0 : -1;
}

extern "C" int gnuplot_bridge_send_data_block(GnuplotBridgeSession *session, const char *name,
                                              const double *values, size_t rows, size_t columns) {
    if (!session->writable || !is_data_block_name(name)) return -1;
    if (rows > 0 && (values == nullptr || columns == 0)) return -1;
    try {
        std::vector<std::vector<double>> table(rows);
        for (size_t row = 0; row < rows; ++row) {
            table[row].assign(values + row * columns, values + (row + 1) * columns);
        }
        SigpipeGuard guard;
        Gnuplot &gnuplot = *session->gnuplot;
        // `$name << e` opens a data block that ends at a line holding just "e": exactly the
        // end-of-data marker gnuplot-iostream's send1d writes after the rows.
        gnuplot << '$' << name << " << e\n";
        gnuplot.send1d(table);
        session->writable = gnuplot.good();
    } catch (...) {
        session->writable = false;
    }
    return session->writable ? 0 : -1;
}

extern "C" int gnuplot_bridge_close(GnuplotBridgeSession *session, char **output) {
    *output = nullptr;
    int status = -1;
    try {
        {
            SigpipeGuard guard;
            delete session->gnuplot; // flushes, then closes our duplicate of the pipe
            session->gnuplot = nullptr;
        }
        int wait_status = pclose(session->process); // end of input: gnuplot finishes and exits
        if (wait_status != -1) {
            if (WIFEXITED(wait_status)) {
                status = WEXITSTATUS(wait_status);
            } else if (WIFSIGNALED(wait_status)) {
                status = 128 + WTERMSIG(wait_status);
            }
        }
        std::ifstream log(session->log_path, std::ios::binary);
        if (log) {
            std::ostringstream text;
            text << log.rdbuf();
            std::string printed = text.str();
            if (!printed.empty()) *output = duplicate_string(printed);
        }
        log.close();
        std::remove(session->log_path.c_str());
    } catch (...) {
        status = -1;
    }
    delete session;
    return status;
}

extern "C" void gnuplot_bridge_free(char *text) { std::free(text); }

