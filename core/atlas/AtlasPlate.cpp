#include "atlas/AtlasPlate.h"

#include "anatomy/GpStandards.h"

#include <cmath>

namespace boneage {

std::string AtlasPlate::ageLabel() const
{
    const long months = std::lround(ageMonths);
    return std::string(toString(sex)) + " " + yearsAndMonths(ageMonths) + " (" + std::to_string(months) + " months)";
}

} // namespace boneage
