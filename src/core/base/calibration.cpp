#include "insitu/calibration.h"

#include <cstddef>

namespace insitu {

std::optional<double> Calibration::timeOfFrameS(int frame) const
{
    auto absolute = [this](int k) -> std::optional<double> {
        if (k >= 0 && static_cast<std::size_t>(k) < timestampsS.size())
            return timestampsS[static_cast<std::size_t>(k)];
        if (frameIntervalS)
            return k * *frameIntervalS;
        return std::nullopt;
    };
    const auto t = absolute(frame);
    const auto t0 = absolute(timeZeroFrame);
    if (!t || !t0)
        return std::nullopt;
    return *t - *t0;
}

} // namespace insitu
