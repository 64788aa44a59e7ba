#include "document/commands/command_ids.h"

#include <atomic>

namespace insitu::app {

int newCommandId()
{
    static std::atomic<int> next{1};
    return next.fetch_add(1);
}

int changeRoiCommandId()
{
    static const int id = newCommandId();
    return id;
}

int addRoiCommandId()
{
    static const int id = newCommandId();
    return id;
}

} // namespace insitu::app
