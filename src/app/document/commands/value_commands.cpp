#include "document/commands/value_commands.h"

#include "document/document.h"

#include <QCoreApplication>

namespace insitu::app {

namespace {
QString translate(const char* text)
{
    return QCoreApplication::translate("Commands", text);
}
} // namespace

CalibrationOverride CalibrationField::get(const Document& document)
{
    const ProjectMovie* pm = document.projectMovie();
    return pm ? pm->calibrationOverride : CalibrationOverride{};
}

void CalibrationField::set(Document& document, const Value& value)
{
    document.setCalibrationOverride(value);
}

QString CalibrationField::text()
{
    return translate("Change calibration");
}

DriftOptions DriftOptionsField::get(const Document& document)
{
    return document.driftOptions();
}

void DriftOptionsField::set(Document& document, const Value& value)
{
    document.setDriftOptions(value);
}

QString DriftOptionsField::text()
{
    return translate("Change drift settings");
}

FrontOptions FrontTrackingField::get(const Document& document)
{
    return document.frontSettings().tracking;
}

void FrontTrackingField::set(Document& document, const Value& value)
{
    FrontAnalysisSettings settings = document.frontSettings();
    settings.tracking = value;
    document.setFrontSettings(settings);
}

QString FrontTrackingField::text()
{
    return translate("Change front settings");
}

BandWidthSetting BandWidthField::get(const Document& document)
{
    const FrontAnalysisSettings settings = document.frontSettings();
    return {settings.bandWidthPx, settings.bandWidthTyped};
}

void BandWidthField::set(Document& document, const Value& value)
{
    FrontAnalysisSettings settings = document.frontSettings();
    settings.bandWidthPx = value.widthPx;
    settings.bandWidthTyped = value.typed;
    document.setFrontSettings(settings);
}

QString BandWidthField::text()
{
    return translate("Change band width");
}

FrontFitSettings FrontFitField::get(const Document& document)
{
    return document.frontSettings().fit;
}

void FrontFitField::set(Document& document, const Value& value)
{
    FrontAnalysisSettings settings = document.frontSettings();
    settings.fit = value;
    document.setFrontSettings(settings);
}

QString FrontFitField::text()
{
    return translate("Change kinetics model");
}

} // namespace insitu::app
