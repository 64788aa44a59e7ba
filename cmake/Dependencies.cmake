# Finds the Debian 12 packages the project builds on; nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs videoio)
find_package(Eigen3 REQUIRED NO_MODULE)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(TIFF REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)  # SHA-256 of movie fingerprints
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)
pkg_check_modules(MUPARSER REQUIRED IMPORTED_TARGET muparser)
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)  # RoiSet.zip (ImageJ ROI Manager)
find_package(GIF REQUIRED)                                    # animated GIF export
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavcodec libavformat libavutil libswscale)  # MP4 export
find_library(FFTW3F_THREADS_LIB fftw3f_threads REQUIRED)
if(INSITU_BUILD_GUI)
    find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets Svg PrintSupport Concurrent Test)
    find_library(QCUSTOMPLOT_LIB NAMES QCustomPlotQt6 REQUIRED)
    find_path(QCUSTOMPLOT_INCLUDE_DIR qcustomplot.h REQUIRED)
endif()
if(INSITU_BUILD_TESTS)
    find_package(Catch2 2 REQUIRED)
endif()
