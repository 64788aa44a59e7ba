#pragma once
// Process set-up for HDF5: the library's own clean-up at exit is switched off, because after a
// failed close (a full disk during a save) it walks the half-closed file and crashes (SIGSEGV at
// exit, after the right message). Every file is closed by its owner; the OS frees the rest.

namespace insitu {

/// Call first thing in main() of each executable, before any HDF5 use.
void disableHdf5CleanupAtExit();

} // namespace insitu
