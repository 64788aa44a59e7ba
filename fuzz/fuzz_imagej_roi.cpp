// Fuzz target: the ImageJ ROI reader (.roi bytes, and RoiSet.zip through the file reader),
// and the conversion of what it decodes into workbench ROIs.

#include "fuzz_support.h"
#include "fuzz_target.h"

#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include <span>
#include <string>
#include <vector>

INSITU_FUZZ_TARGET(imagej_roi)
{
    try {
        std::vector<insitu::ImageJRoi> rois;
        if (size >= 2 && data[0] == 'P' && data[1] == 'K')
            rois = insitu::readImageJRois(insitu::fuzz::writeScratchFile(data, size, ".zip"));
        else
            rois.push_back(insitu::decodeImageJRoi(std::span(data, size), "fuzz.roi"));
        std::vector<std::string> notes;
        for (const auto& roi : rois) {
            (void)roi.frame();
            (void)insitu::toWorkbenchRois(roi, notes);
        }
    } catch (const insitu::Error&) {
    }
}
