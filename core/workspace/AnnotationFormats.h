#pragma once
// Annotations in the two formats of ../shared/data/annotations, written and read back:
//  - COCO keypoints (hand-keypoints/*_coco.json): one image per case, one annotation per reader,
//    lefthand_kpts / righthand_kpts with the *_valid flags, the "hand" category with the 21 names.
//    Extensions other tools ignore: "reader" and "keypoint_states" on each annotation.
//  - Pascal VOC (ossification-rois/train/*.xml): one file per case, one <object> per placed ROI
//    named after its TW3 ROI ("DP1", ..., "Scaphoid"); extensions <state>, <stage>, <reader>.
// Coordinates are film pixels; <size> / width,height say which film size they refer to, and the
// reader scales to the film it has.
#include "CaseAnnotation.h"

#include <string>
#include <vector>

namespace boneage {

struct AnnotatedFilm {
    std::string caseId;        // COCO image id / VOC file stem
    std::string fileName;      // as written in the file
    int width = 0, height = 0; // the film size the coordinates refer to
    CaseAnnotation annotation; // caseId left empty: the caller matches the film to a case
};

// Writes every annotation (several readers of a film: several COCO annotations of one image).
std::string cocoKeypointsText(const std::vector<AnnotatedFilm>& films);
// Reads a COCO keypoint file: the shared data's and ours. An annotation without "reader" gets
// `defaultReader`. Throws std::runtime_error naming the file and what is wrong.
std::vector<AnnotatedFilm> readCocoKeypoints(const std::string& path, const std::string& defaultReader);
// The same from the file's text; `source` names it in errors.
std::vector<AnnotatedFilm> parseCocoKeypoints(const std::string& text, const std::string& source,
                                              const std::string& defaultReader);

std::string vocText(const AnnotatedFilm& film);
// Reads one VOC file. Objects named after a TW3 ROI are taken; others (the shared data's DIP, PIP,
// MCP, ...) are counted in `ignored`. Throws std::runtime_error naming the file.
AnnotatedFilm readVoc(const std::string& path, const std::string& defaultReader, int* ignored = nullptr);
// The same from the file's text; the case id is `stem` (the file's name without extension).
AnnotatedFilm parseVoc(const std::string& text, const std::string& source, const std::string& stem,
                       const std::string& defaultReader, int* ignored = nullptr);

} // namespace boneage
