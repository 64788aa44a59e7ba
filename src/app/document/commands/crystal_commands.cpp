// The crystal results and spot masks of the Document as ReplaceValue fields.

#include "document/commands/crystal_commands.h"

#include "document/document.h"

namespace insitu::app {

ProjectFft FftResultField::get(const Document& document)
{
    return document.fft();
}

void FftResultField::set(Document& document, Value value)
{
    document.setFft(std::move(value));
}

std::optional<ProjectGrains> GrainsResultField::get(const Document& document)
{
    return document.grains();
}

void GrainsResultField::set(Document& document, Value value)
{
    document.setGrains(std::move(value));
}

std::vector<FftSpot> FftSpotsField::get(const Document& document)
{
    return document.fftSettings().spots;
}

void FftSpotsField::set(Document& document, Value value)
{
    FftAnalysisSettings settings = document.fftSettings();
    settings.spots = std::move(value);
    document.setFftSettings(settings);
}

} // namespace insitu::app
