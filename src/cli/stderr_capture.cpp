// StderrCapture: notes held until the command ends, library chatter kept off the terminal.

#include "stderr_capture.h"

#include <iostream>
#include <unistd.h>

namespace insitu::cli {

StderrCapture::StderrCapture(bool verbose)
{
    if (verbose)
        return;
    m_libraryLines = std::tmpfile();
    m_savedStderr = ::dup(STDERR_FILENO);
    if (!m_libraryLines || m_savedStderr < 0) {
        if (m_libraryLines)
            std::fclose(m_libraryLines);
        if (m_savedStderr >= 0)
            ::close(m_savedStderr);
        m_libraryLines = nullptr;
        return; // nothing captured: stderr keeps working as before
    }
    std::fflush(stderr);
    setLiveStderr(m_savedStderr);
    ::dup2(::fileno(m_libraryLines), STDERR_FILENO);
    m_savedCerr = std::cerr.rdbuf(&m_notes);
    m_active = true;
}

StderrCapture::~StderrCapture()
{
    restore();
}

void StderrCapture::restore()
{
    if (!m_active)
        return;
    m_active = false;
    std::cerr.rdbuf(m_savedCerr);
    std::fflush(stderr);
    ::dup2(m_savedStderr, STDERR_FILENO);
    ::close(m_savedStderr);
    setLiveStderr(STDERR_FILENO);
    std::fclose(m_libraryLines);
}

void StderrCapture::commandEnded()
{
    const bool held = m_active;
    restore();
    if (held)
        std::cerr << m_notes.str() << std::flush;
}

void StderrCapture::commandFailed(const std::string& line)
{
    restore();
    std::cerr << line << '\n' << std::flush;
}

} // namespace insitu::cli
