#pragma once
// The report as a DICOM Structured Report: TID 1500 Measurement Report in a Comprehensive SR
// (DCMTK dcmsr), in the film's study. docs/report.md lists the tree and the private codes.
//
//   Imaging Measurement Report (TID 1500)
//     language, device observer (the program), procedure reported
//     Image Library: the source film
//     Imaging Measurements:
//       one Measurement Group per model: bone age (months, UCUM "mo"), with the algorithm
//         (TID 4019: name, version = weights SHA-256, parameters)
//       the ensemble's group: bone age, the interval's limits, chronological age, difference, SDS
//         with its reference
//       one group per reader (a person observer, TID 1002): the reading and its method
//       one planar-ROI group per TW3 ROI (TID 1410): the turned square as a closed POLYLINE on the film
//       one group of the 21 hand keypoints as POINTs on the film
#include "report/BoneAgeReport.h"

#include <string>

namespace boneage {

// The coding scheme of the concepts DICOM has no code for (docs/report.md).
inline constexpr const char* kPrivateCodingScheme = "99BAW";

void writeStructuredReport(const BoneAgeReport& report, const std::string& path);

} // namespace boneage
