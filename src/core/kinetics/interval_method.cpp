// Names of the interval methods, as used by the CLI, JSON (`ci_method`) and the project file.

#include "insitu/kinetics/fit.h"

#include "insitu/error.h"

namespace insitu {

std::string intervalMethodName(IntervalMethod method)
{
    switch (method) {
    case IntervalMethod::MovingBlockBootstrap:
        return "moving-block-bootstrap";
    case IntervalMethod::T:
        return "t";
    }
    return "t";
}

IntervalMethod intervalMethodFromName(const std::string& name)
{
    for (const auto method : {IntervalMethod::MovingBlockBootstrap, IntervalMethod::T})
        if (intervalMethodName(method) == name)
            return method;
    throw Error("interval method \"" + name + "\": expected moving-block-bootstrap or t");
}

} // namespace insitu
