#pragma once
// An age in months as the reader sees it, "7 y 3 m" in the chosen language (core's yearsAndMonths
// is the English text of the command line and the JSON reports).
#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

inline QString ageText(double months)
{
    const long total = std::lround(std::max(0.0, months));
    return QCoreApplication::translate("AgeText", "%1 y %2 m", "age: years and months").arg(total / 12).arg(total % 12);
}

} // namespace boneage::ui
