#pragma once
// The dialogs a ProjectSession asks through in the window (a moved movie: use this file? which
// folder holds it now?).

class QWidget;

namespace insitu::app {

class ProjectSession;

/// Installs message-box and folder-dialog prompts on session, parented to window; the folder
/// dialog starts in the last folder used.
void installDialogPrompts(ProjectSession& session, QWidget* window);

} // namespace insitu::app
