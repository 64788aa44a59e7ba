#pragma once
// Owned HDF5 identifiers and scoped error silencing, shared by the EMD readers and the project
// file. Private to insitu_core.

#include "hdf5_lock.h"

#include <hdf5.h>

namespace insitu::hdf5 {

/// An owned HDF5 id closed with the matching H5?close on destruction; closing takes the
/// process-wide lock, so a handle may be destroyed on any thread.
class Handle
{
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& other) noexcept : m_id(other.m_id), m_closer(other.m_closer) { other.m_id = -1; }
    Handle& operator=(Handle&& other) noexcept;
    ~Handle() { reset(); }

    [[nodiscard]] hid_t id() const { return m_id; }
    [[nodiscard]] bool valid() const { return m_id >= 0; }
    /// Closes now; returns false when HDF5 reported an error while closing.
    bool reset();

private:
    hid_t m_id = -1;
    Closer m_closer = nullptr;
};

/// Turns off HDF5's automatic error printing for its lifetime (errors become return codes or
/// exceptions). Construct it while holding Lock.
class ErrorSilencer
{
public:
    ErrorSilencer();
    ~ErrorSilencer();
    ErrorSilencer(const ErrorSilencer&) = delete;
    ErrorSilencer& operator=(const ErrorSilencer&) = delete;

private:
    H5E_auto2_t m_func = nullptr;
    void* m_data = nullptr;
};

} // namespace insitu::hdf5
