#pragma once
// The document values edited through ChangeValue: calibration override, drift options and the
// front analysis settings (tracking options, band width of new paths, kinetics model/window).

#include "document/commands/change_value.h"

#include "insitu/project/project.h"

#include <QString>

namespace insitu::app {

/// The current movie's calibration override (pixel size, frame interval, time zero).
struct CalibrationField
{
    using Value = CalibrationOverride;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The current movie's drift options (reference, region, ...).
struct DriftOptionsField
{
    using Value = DriftOptions;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The front tracking options of the next run.
struct FrontTrackingField
{
    using Value = FrontOptions;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The band width of new line and polyline ROIs and whether the user typed it (untyped: new
/// paths take the band from the wire under them).
struct BandWidthSetting
{
    double widthPx = FrontAnalysisSettings{}.bandWidthPx;
    bool typed = false;

    bool operator==(const BandWidthSetting&) const = default;
};

/// The band width (px) of new line and polyline ROIs, and its "typed by the user" flag.
struct BandWidthField
{
    using Value = BandWidthSetting;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The kinetics model and fit window of the fronts.
struct FrontFitField
{
    using Value = FrontFitSettings;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

using ChangeCalibration = ChangeValue<CalibrationField>;
using ChangeDriftOptions = ChangeValue<DriftOptionsField>;
using ChangeFrontTracking = ChangeValue<FrontTrackingField>;
using ChangeBandWidth = ChangeValue<BandWidthField>;
using ChangeFrontFit = ChangeValue<FrontFitField>;

} // namespace insitu::app
