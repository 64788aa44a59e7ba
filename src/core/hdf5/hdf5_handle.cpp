// The process-wide HDF5 lock, owned ids and scoped error silencing.

#include "hdf5_handle.h"

#include "insitu/hdf5_exit.h"

namespace insitu::hdf5 {

std::recursive_mutex& mutex()
{
    static std::recursive_mutex instance;
    return instance;
}

Handle& Handle::operator=(Handle&& other) noexcept
{
    if (this != &other) {
        reset();
        m_id = other.m_id;
        m_closer = other.m_closer;
        other.m_id = -1;
    }
    return *this;
}

bool Handle::reset()
{
    bool ok = true;
    if (m_id >= 0 && m_closer) {
        const Lock lock;
        ok = m_closer(m_id) >= 0;
    }
    m_id = -1;
    return ok;
}

ErrorSilencer::ErrorSilencer()
{
    const Lock lock;
    H5Eget_auto2(H5E_DEFAULT, &m_func, &m_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer()
{
    const Lock lock;
    H5Eset_auto2(H5E_DEFAULT, m_func, m_data);
}

} // namespace insitu::hdf5

namespace insitu {

void disableHdf5CleanupAtExit()
{
    H5dont_atexit(); // fails harmlessly when HDF5 is already initialised
}

} // namespace insitu
