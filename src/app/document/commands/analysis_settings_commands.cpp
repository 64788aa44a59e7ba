#include "document/commands/analysis_settings_commands.h"

#include "document/document.h"

#include <QCoreApplication>

namespace insitu::app {

ParticleAnalysisSettings ParticleSettingsField::get(const Document& document)
{
    return document.particleSettings();
}

void ParticleSettingsField::set(Document& document, const Value& value)
{
    document.setParticleSettings(value);
}

QString ParticleSettingsField::text()
{
    return QCoreApplication::translate("Commands", "Change particle settings");
}

AreaOptions AreaSettingsField::get(const Document& document)
{
    return document.areaSettings();
}

void AreaSettingsField::set(Document& document, const Value& value)
{
    document.setAreaSettings(value);
}

QString AreaSettingsField::text()
{
    return QCoreApplication::translate("Commands", "Change area settings");
}

FftAnalysisSettings FftSettingsField::get(const Document& document)
{
    return document.fftSettings();
}

void FftSettingsField::set(Document& document, const Value& value)
{
    document.setFftSettings(value);
}

QString FftSettingsField::text()
{
    return QCoreApplication::translate("Commands", "Change FFT settings");
}

GrainAnalysisSettings GrainSettingsField::get(const Document& document)
{
    return document.grainSettings();
}

void GrainSettingsField::set(Document& document, const Value& value)
{
    document.setGrainSettings(value);
}

QString GrainSettingsField::text()
{
    return QCoreApplication::translate("Commands", "Change grains settings");
}

} // namespace insitu::app
