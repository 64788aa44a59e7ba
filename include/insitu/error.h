#pragma once
// insitu::Error and insitu::Canceled: the two exceptions that cross the core's boundary.

#include <stdexcept>
#include <string>

namespace insitu {

/// A failure the user can act on: the message names the file or setting and what is wrong.
/// The CLI prints it on one stderr line and exits 2; the GUI shows it in a dialog.
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// Thrown by Progress::advance() when the user asked to cancel; callers unwind silently.
class Canceled : public std::exception
{
public:
    const char* what() const noexcept override { return "canceled"; }
};

} // namespace insitu
