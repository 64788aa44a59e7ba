// Fuzz target: the batch recipe reader (JSON text → BatchRecipe → JSON again).

#include "fuzz_support.h"
#include "fuzz_target.h"

#include "insitu/batch/recipe.h"
#include "insitu/error.h"
#include "insitu/json_text.h"

INSITU_FUZZ_TARGET(recipe)
{
    try {
        const auto recipe = insitu::loadRecipe(insitu::fuzz::writeScratchFile(data, size, ".json"));
        (void)insitu::dumpJson(insitu::recipeToJson(recipe));
    } catch (const insitu::Error&) {
    }
}
