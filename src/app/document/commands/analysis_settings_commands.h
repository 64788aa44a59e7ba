#pragma once
// The analysis options of the Document edited through ChangeValue beyond the front settings
// (value_commands.h): the next particles, areas, FFT and grains runs' settings.

#include "document/commands/change_value.h"

#include "insitu/project/project.h"

#include <QString>

namespace insitu::app {

/// The current movie's particles settings (segmentation options, frames averaged).
struct ParticleSettingsField
{
    using Value = ParticleAnalysisSettings;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The current movie's area options (model, core/shell boundary, ...).
struct AreaSettingsField
{
    using Value = AreaOptions;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The current movie's FFT settings (region options and spot masks).
struct FftSettingsField
{
    using Value = FftAnalysisSettings;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

/// The current movie's grains options.
struct GrainSettingsField
{
    using Value = GrainAnalysisSettings;
    static Value get(const Document& document);
    static void set(Document& document, const Value& value);
    static QString text();
};

using ChangeParticleSettings = ChangeValue<ParticleSettingsField>;
using ChangeAreaSettings = ChangeValue<AreaSettingsField>;
using ChangeFftSettings = ChangeValue<FftSettingsField>;
using ChangeGrainSettings = ChangeValue<GrainSettingsField>;

} // namespace insitu::app
