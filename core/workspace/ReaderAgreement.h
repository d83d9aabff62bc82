#pragma once
// How readers agree with each other and with the models, on the cases both have read: MAE, bias
// (mean of first minus second) and n, in months. A reader's latest reading of a case counts; the
// model's estimate is the case's latest stored assessment of that model (ensemble id).
#include "Workspace.h"

#include <string>
#include <vector>

namespace boneage {

struct Agreement {
    std::string first, second;   // reader names, or a reader and a model (package id)
    int n = 0;
    double maeMonths = 0, biasMonths = 0;   // bias: mean(first - second)
};

struct ReaderAgreement {
    std::vector<std::pair<std::string, int>> readers;   // reader, cases read
    std::vector<Agreement> readerVsReader;             // each pair once, first < second
    std::vector<Agreement> readerVsModel;              // first: the reader, second: the model
};

ReaderAgreement readerAgreement(const Workspace& workspace);

} // namespace boneage
