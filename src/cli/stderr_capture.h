#pragma once
// StderrCapture: holds back what a command writes to stderr while it runs, so that a refusal is
// exactly one line. Our notes (std::cerr) are printed when the command ends normally and dropped
// when it fails; the libraries' own lines (libtiff, libpng, HDF5, OpenCV write to file
// descriptor 2) are shown only with --verbose. Progress bars and batch status lines bypass it
// (writeLiveStderr).

#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>

namespace insitu::cli {

/// The file descriptor of the terminal's stderr while StderrCapture holds fd 2 back (else 2).
void setLiveStderr(int fd);
/// Writes text to the live stderr at once: progress bars and batch status lines.
void writeLiveStderr(std::string_view text);

class StderrCapture
{
public:
    /// verbose: capture nothing (everything reaches stderr as it is written).
    explicit StderrCapture(bool verbose);
    ~StderrCapture();
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    /// The command ended normally (any exit code): prints the held notes.
    void commandEnded();
    /// The command failed with line: prints only it (the notes and library lines are dropped).
    void commandFailed(const std::string& line);

private:
    void restore();

    bool m_active = false;
    int m_savedStderr = -1; // the real stderr while fd 2 points at m_libraryLines
    std::FILE* m_libraryLines = nullptr;
    std::stringbuf m_notes;
    std::streambuf* m_savedCerr = nullptr;
};

} // namespace insitu::cli
