#include "inference/OutputCalibration.h"

#include "common/JsonFields.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace boneage {

double meanAbsoluteError(const std::vector<double>& predicted, const std::vector<double>& reference,
                         const OutputCalibration& calibration)
{
    double sum = 0;
    for (size_t i = 0; i < predicted.size(); ++i) sum += std::abs(calibration.apply(predicted[i]) - reference[i]);
    return predicted.empty() ? 0.0 : sum / static_cast<double>(predicted.size());
}

OutputCalibration fitOutputCalibration(const std::vector<double>& predicted, const std::vector<double>& reference)
{
    if (predicted.size() != reference.size()) throw std::invalid_argument("calibration: as many estimates as references are needed");
    if (predicted.size() < 2) throw std::invalid_argument("calibration: at least two films are needed");
    OutputCalibration best;
    double bestMae = meanAbsoluteError(predicted, reference, best);
    std::vector<double> residual(predicted.size());
    for (int step = 0; step <= 160; ++step) {
        OutputCalibration c;
        c.slope = 0.8 + 0.0025 * step;
        for (size_t i = 0; i < predicted.size(); ++i)
            residual[i] = reference[i] - (c.centreMonths + c.slope * (predicted[i] - c.centreMonths));
        auto middle = residual.begin() + static_cast<long>(residual.size() / 2);
        std::nth_element(residual.begin(), middle, residual.end());
        c.intercept = *middle;
        const double mae = meanAbsoluteError(predicted, reference, c);
        if (mae < bestMae - 1e-12) {
            bestMae = mae;
            best = c;
        }
    }
    return best;
}

std::optional<OutputCalibration> calibrationFromCard(const nlohmann::json& card)
{
    if (!card.is_object() || !card.contains("calibration") || card["calibration"].is_null()) return std::nullopt;
    const auto& j = card["calibration"];
    OutputCalibration c;
    c.slope = fields::number(j, "slope", "calibration.", 0.5, 1.5);
    c.intercept = fields::number(j, "intercept", "calibration.", -36.0, 36.0);
    c.centreMonths = fields::number(j, "centre_months", "calibration.", 0.0, 240.0, 120.0);
    return c;
}

} // namespace boneage
