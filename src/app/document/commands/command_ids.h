#pragma once
// The one allocator of QUndoCommand ids and merge keys, so no two kinds of edit ever merge.

namespace insitu::app {

/// A fresh id, never returned before in this process (1, 2, 3, ...). Every command id
/// (QUndoCommand::id()) and every merge key (e.g. one per ROI drag) comes from here.
[[nodiscard]] int newCommandId();

/// The id of ChangeRoi commands.
[[nodiscard]] int changeRoiCommandId();

/// The id of AddRoi and ApplyWireBand commands (a band measured for a new ROI joins its step).
[[nodiscard]] int addRoiCommandId();

} // namespace insitu::app
