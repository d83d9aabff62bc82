// `boneage`: the command line of Bone Age Workstation. Research software, not a medical device.
#include "CommandLine.h"
#include "Commands.h"
#ifdef BONEAGE_WITH_TORCH
#include "TrainCommand.h"
#endif

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

namespace boneage::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> list = {
        {"info", "print the metadata of radiographs as JSON",
         "boneage info [--sex M|F] [--age-months N] [--max-megapixels N] [--pretty] FILE...\n"
         "boneage info --supported [--json] [--pretty]\n"
         "  Reads each DICOM, PNG, JPEG, TIFF or JPEG 2000 file and prints one JSON object per line\n"
         "  with the patient, study and image attributes (sex, birth/study dates, chronological age,\n"
         "  pixel spacing, laterality, modality, body part, photometric interpretation, windows,\n"
         "  warnings, ...). A file that cannot be read gets a one-line error on stderr; the others\n"
         "  are still read.\n"
         "  --supported           list the DICOM transfer syntaxes (UID, name, supported or not);\n"
         "                        --json prints the list as JSON\n"
         "  --sex, --age-months   patient data for files that do not carry it (PNG/JPEG/TIFF);\n"
         "                        for DICOM they only fill attributes that are missing\n"
         "  --max-megapixels N    refuse images larger than N megapixels (default 100)\n"
         "  --pretty              indent the JSON\n"
         "  Exit status: 0 if every file was read, 1 otherwise, 2 on a usage error.",
         runInfo},
        {"export-dicom", "write an image as a DICOM Secondary Capture",
         "boneage export-dicom IN OUT [--patient-id ID] [--patient-name FAMILY^GIVEN] [--sex M|F]\n"
         "                     [--birth-date YYYY-MM-DD] [--study-date YYYY-MM-DD]\n"
         "                     [--study-description TEXT] [--comment TEXT] [--bits 8..16]\n"
         "                     [--compression none|rle|jpeg-lossless|jpeg-ls|jpeg-baseline] [--overwrite]\n"
         "  Converts IN (any readable radiograph) to a MONOCHROME2 Secondary Capture at OUT with the\n"
         "  given patient data (else the data IN carries). --bits N > 8 writes 16-bit pixels scaled\n"
         "  to N bits. The file is written to a temporary name and renamed when complete. An existing\n"
         "  OUT is refused unless --overwrite; OUT may never be IN.",
         runExportDicom},
        {"echo", "check that a DICOM node answers (C-ECHO)",
         "boneage echo --to AET@HOST:PORT [--from AET] [--timeout SECONDS]\n"
         "  Opens an association with the node and sends a C-ECHO. --from: the calling AE title (default\n"
         "  BONEAGE; the PACS must know it). Exit status 1 with the reason when the node does not answer.",
         runEcho},
        {"send", "send DICOM files to a node (C-STORE)",
         "boneage send --to AET@HOST:PORT [--from AET] [--timeout SECONDS] [--json] FILE...\n"
         "  Sends each file in one association, as it is stored (a compressed film stays compressed when the\n"
         "  node accepts it). A file the node refuses does not stop the others; exit status 1 when any was\n"
         "  not stored (each named with the reason).",
         runSend},
        {"query", "find studies on a node (C-FIND, study root)",
         "boneage query --to AET@HOST:PORT [--from AET] [--patient-id ID] [--patient-name NAME] [--study-date\n"
         "              YYYYMMDD[-YYYYMMDD]] [--accession N] [--study UID] [--json]\n"
         "  Lists the matching studies (UID, date, patient, modalities, description). Wildcards as DICOM\n"
         "  allows them (* and ? in names and IDs).",
         runQuery},
        {"retrieve", "retrieve a study from a node into a folder (C-GET)",
         "boneage retrieve --to AET@HOST:PORT [--from AET] --study UID --into DIR\n"
         "  Retrieves every instance of the study over the same association (C-GET: the node needs no\n"
         "  route back), each written as DIR/SOPInstanceUID.dcm once complete.",
         runRetrieve},
        {"listen", "receive films pushed by a PACS or a modality into a workspace (C-STORE SCP)",
         "boneage listen --workspace DIR [--port N] [--aet AET] [--incoming DIR]\n"
         "  Accepts CR, DX and Secondary Capture films (as stored: uncompressed, JPEG, JPEG-LS, RLE, JPEG\n"
         "  2000) called at AET (default BONEAGE) on port N (default 11112). Each film is on disk whole in\n"
         "  the incoming folder (default DIR/incoming) before the sender is told it is stored, then imported\n"
         "  into the workspace and removed from there; a film the workspace refuses is set aside in\n"
         "  incoming/refused with the reason. Films left by a killed listener are imported at the next\n"
         "  start. SIGTERM or Ctrl-C stops it after the current association.",
         runListen},
        {"prepare", "prepare a labelled image folder as a training cache",
         "boneage prepare --images DIR --labels CSV --recipe NAME --out CACHE [--limit N] [--jobs N]\n"
         "                [--keypoints COCO.json] [--overwrite]\n"
         "  Reads an RSNA-format CSV (id,boneage,male) and the images named by id in DIR\n"
         "  (id.png/.jpg/.dcm/.tif), applies the named preprocessing recipe (boneage recipes lists\n"
         "  them) and writes a cache folder the trainer reads. Missing or unreadable images are\n"
         "  listed on stderr and skipped; a bad CSV row is an error naming its line, an id on two\n"
         "  rows too when their labels differ (with the same labels: a warning, used once). The cache\n"
         "  appears only when complete. CACHE must be new or empty; --overwrite replaces an earlier\n"
         "  cache there, but never a folder holding anything else. --limit N takes the first N rows. --keypoints keeps only the\n"
         "  hands of a COCO hand-keypoint file and stores their 21 keypoints, mapped from the\n"
         "  annotated film's pixels into the prepared image (for `boneage train-landmarks`). --jobs N\n"
         "  prepares N films at a time (default: one per core, at most 8); the cache is the same for any N.",
         runPrepare},
        {"recipes", "list the named preprocessing recipes as JSON",
         "boneage recipes [--prepare FILE --recipe NAME --out OUT.png [--overwrite]]\n"
         "  Lists the preprocessing recipes. With --prepare, applies one to FILE and writes the\n"
         "  prepared 8-bit image to OUT.png (to look at what a model will see); an existing OUT.png\n"
         "  is refused unless --overwrite.",
         runRecipes},
        {"atlas", "build or list an atlas pack (plates to compare a film with)",
         "boneage atlas build --images DIR --labels CSV --out DIR [--max-side N] [--window MONTHS]\n"
         "                    [--max-fallback MONTHS] [--name TEXT] [--source TEXT] [--description TEXT]\n"
         "                    [--include FILE...] [--overwrite]\n"
         "boneage atlas list DIR [--json]\n"
         "  build: a reference atlas from labelled local cases (RSNA-format CSV id,boneage,male and the\n"
         "  images named by id in DIR), for sites without licensed Greulich-Pyle plates. For each GP\n"
         "  standard plate age and sex it takes the cases whose bone age is nearest that plate age and\n"
         "  within --window months (default 6) and chooses the most typical: the one whose hand\n"
         "  thumbnail (hand crop, CLAHE, 64x64, normalised) is closest to the group's median thumbnail,\n"
         "  so rotated, dim or labelled films are not chosen. An empty group takes the unused case\n"
         "  nearest in age within --max-fallback months (default 9), else the plate is left out.\n"
         "  Writes one 8-bit PNG per plate (the whole film, longest side at most --max-side, default\n"
         "  512) and the manifest atlas.json; the folder appears only when complete. The --out folder\n"
         "  must be new or empty; --overwrite replaces an earlier atlas there (its manifest, plates and\n"
         "  --include files), never a folder holding anything else. --source names a\n"
         "  plate's origin, {id} standing for the case id. --include copies a file (README, NOTICE) into\n"
         "  the pack.\n"
         "  list: the plates of an atlas folder (sex, age, image, source), or its manifest with --json.\n"
         "  A reference atlas is NOT the Greulich-Pyle atlas. Research use, not a medical device.",
         runAtlas},
        {"package", "seal or verify model packages (the card's seal)",
         "boneage package seal DIR...\n"
         "boneage package verify DIR...\n"
         "  A package's card (model.json) is sealed: \"card_sha256\" holds the SHA-256 of the card without\n"
         "  it, and the card holds the weights' SHA-256, so the loader refuses a package whose card or\n"
         "  weights changed after it was written (reinstall it). The seal is not a signature.\n"
         "  seal: checks the card's fields and that the weights match it, then writes the seal into\n"
         "  model.json (atomically; nothing else changes): for a card you edited on purpose.\n"
         "  verify: checks each package as assess loads it (seal, fields, the weights' size and SHA-256,\n"
         "  with LibTorch also the weights against the network) and prints ok or the reason.\n"
         "  Exit status: 0 if every package was sealed / verified, 1 otherwise, 2 on a usage error.",
         runPackage},
        {"workspace", "cases, readings and annotations of a workspace",
         "boneage workspace init DIR\n"
         "boneage workspace import DIR FILE|FOLDER... [--labels CSV --reader NAME] [--sex M|F] [--method gp|tw3|other] [--json]\n"
         "boneage workspace list DIR [--status S] [--sort imported|id|status|age|name] [--json]\n"
         "boneage workspace read DIR CASE --reader NAME --bone-age-months N [--method gp|tw3|other]\n"
         "                       [--confidence low|medium|high] [--comment TEXT] [--json]\n"
         "boneage workspace export DIR [--coco OUT.json] [--voc OUT_DIR] [--readings OUT.csv]\n"
         "                         [--cache OUT_DIR --recipe NAME] [--reader NAME] [--overwrite] [--json]\n"
         "boneage workspace stats DIR [--json]\n"
         "boneage workspace assess DIR [CASE...] [--again] [--force] [--no-tta] [--models DIR] [--json]\n"
         "boneage workspace models DIR [--json] [--add PACKAGE_DIR... [--base NAME] [--what bone-age|landmarks]]\n"
         "                         [--grow-check-set]\n"
         "boneage workspace compare DIR VERSION [--models DIR] [--json]\n"
         "boneage workspace promote DIR VERSION [--override REASON] [--json]\n"
         "boneage workspace rollback DIR VERSION|installed [--what bone-age|landmarks]\n"
         "boneage workspace train DIR --base PACKAGE|installed|vN [--what bone-age|landmarks] [--minutes N]\n"
         "                        [--device cpu|cuda] [--recipe fine-tune|full] [--epochs N] [--seed S]\n"
         "                        [--shuffle-readings] [--json]\n"
         "boneage workspace train DIR --resume VERSION [--json]\n"
         "  A workspace is a folder with one SQLite database and the imported films (docs/workspace.md).\n"
         "  import: films (DICOM, PNG, JPEG, TIFF, JPEG 2000; folders are walked) become cases, keyed by\n"
         "  content and SOP Instance UID (a film imported twice is one case); a film the reader cannot\n"
         "  use, or without the patient's sex (give --sex or --labels), is refused with the reason.\n"
         "  --labels takes an RSNA-format CSV (id,boneage,male; id = file name without extension):\n"
         "  each label becomes a reading by --reader (--method, default gp) and gives the sex where the\n"
         "  film has none; without files, the labels go to the cases already in. COCO keypoint files\n"
         "  (.json) and Pascal VOC files (.xml) among the inputs are annotations of cases (by --reader\n"
         "  unless they name one), scaled to the film. list: status new / assessed / annotated / read /\n"
         "  double-read. read: records a reader's bone age (0-240 months). export: COCO keypoints and\n"
         "  VOC ROI boxes (the formats of the shared annotations), the readings as CSV, a training cache\n"
         "  (boneage prepare format) of the cases with a reading, labelled with the mean reading.\n"
         "  stats: readers against each other and against the models (MAE, bias, n). assess: the\n"
         "  active models on the cases without an assessment (or those named; --again: all).\n"
         "  models: the workspace's model versions (--add registers packages as a new version;\n"
         "  --grow-check-set adds read cases no version trained on, back to 20 %);\n"
         "  compare: a version against the model in use on the local check set (drawn once: 20 %,\n"
         "  at least 30 read cases), paired, with a bootstrap 95 % interval of the MAE difference;\n"
         "  promote: only when that interval lies below 0, else exit 3 (--override REASON is kept);\n"
         "  rollback: back to any earlier version or to the installed models.\n"
         "  train: fine-tunes the base on the read cases outside the check set, in a child process,\n"
         "  for --minutes of training (default 10); the result is a new version, never active until\n"
         "  promoted (docs/training-in-the-workspace.md). Ctrl-C cancels; --resume continues a failed,\n"
         "  cancelled or interrupted version from its last checkpoint. --shuffle-readings is a negative\n"
         "  control (readings shuffled among the training cases). Exit 0 done, 1 failed, 130 cancelled.\n"
         "  --what landmarks fine-tunes a hand landmark package (--base installed: the installed one) on\n"
         "  the read cases whose keypoints readers confirmed or corrected (at least 10 outside the check\n"
         "  set and 5 in it); compare / promote then judge it by the check-set hands' keypoint error,\n"
         "  and it becomes the landmark model in use (one per kind); --shuffle-readings shuffles the\n"
         "  keypoints among the training hands.\n"
         "  CASE is a case id, a unique prefix of one, or the imported file's name without extension.\n"
         "  Exit status: 0 done, 1 some input refused or a value invalid, 2 usage, 4 the workspace\n"
         "  cannot be used (not a workspace, open in another program, read-only, damaged, newer).",
         runWorkspace},
        {"ensemble", "fit the ensemble's weights and its 90 % interval on held-out predictions",
         "boneage ensemble fit --predictions CSV --model DIR [--model DIR...] --out FILE [--nominal 0.9] [--seed S]\n"
         "                     [--overwrite] [--json]\n"
         "boneage ensemble show FILE\n"
         "  fit: reads the predictions.csv of `boneage evaluate --model DIR... --report R` on held-out films\n"
         "  (one estimate_NAME column per package) and writes FILE (models/ensemble.json, atomically): each\n"
         "  package's weight per sex (non-negative, summing to 1, minimising the MAE on one half of the\n"
         "  cases, split by a hash of the case id) and a prediction interval (--nominal, default 0.9) by\n"
         "  split conformal prediction on the other half, its width growing where the models err more\n"
         "  (by estimated age). The coverage is measured by repeating the fit on random three-way splits\n"
         "  and is written with it. assess, evaluate --ensemble and the workstation use the fitted\n"
         "  weights and show the interval only while the installed packages are the fitted ones (same\n"
         "  weights' SHA-256). show: prints a fitted file.",
         runEnsemble},
#ifdef BONEAGE_WITH_TORCH
        {"arch", "list the network architectures and presets",
         "boneage arch [--list] [--json] [--no-timing] [--repeats N] [--threads N] [--only ARCH]\n"
         "  Lists every architecture and preset of the seed papers with its input size, width,\n"
         "  parameter count and median forward time (batch 1, eval mode) on this CPU.\n"
         "  --json        one JSON array instead of the table\n"
         "  --no-timing   skip the forward passes (fast)\n"
         "  --repeats N   forward passes per preset (default 5); --threads N (default 2)\n"
         "  --only ARCH   one architecture",
         runArch},
        {"assess", "estimate bone age with every installed model",
         "boneage assess FILE [--sex M|F] [--age-months N] [--models DIR] [--attention OUT.png [--overwrite]]\n"
         "               [--no-tta] [--force] [--workspace DIR] [--max-interval-months N] [--json]\n"
         "  With models/ensemble.json (boneage ensemble fit) beside the packages, the estimate is their\n"
         "  fitted ensemble and \"interval\" its calibrated 90 % prediction interval; --max-interval-months N\n"
         "  flags a case whose interval is wider than N months for review (\"interval_too_wide\").\n"
         "  --workspace DIR: the versions active in that workspace (bone age and landmarks each, else the\n"
         "  installed ones), named in \"model_versions\".\n"
         "  Runs every installed model package (--models DIR, else $BONEAGE_MODELS, else the models\n"
         "  folder of this installation) on one radiograph and prints the bone age in months and in\n"
         "  years + months, the model and the time taken; with the chronological age known (from the\n"
         "  DICOM dates or Patient's Age, else --age-months), the difference and the SDS from the\n"
         "  Greulich-Pyle standard deviations, marked delayed/normal/advanced beyond 2 SD.\n"
         "  Sex comes from the DICOM file, else --sex; without either the command stops with an error.\n"
         "  Per-sex packages (card \"sex\": \"M\" or \"F\") run only on radiographs of their sex.\n"
         "  --attention OUT.png  also writes the radiograph (default window) with the mean of the\n"
         "                models' attention maps as a colour map (blue low, red high; relative, each\n"
         "                model's peak is 1), a legend bar and the research-use notice (an existing\n"
         "                OUT.png is refused unless --overwrite). 2M-Net: its\n"
         "                non-local spatial attention for the cell at the hand's centre; models\n"
         "                without their own map: Grad-CAM. Without the option nothing extra is computed.\n"
         "  --no-tta      one view per model instead of the mean over 10 (the image and its mirror,\n"
         "                each also shifted by 3 % in four directions: test-time augmentation, on by\n"
         "                default; about 0.5 month lower MAE on the held-out tenth, see docs/training.md).\n"
         "  The hand comes first: the installed hand landmark package must recognise a hand, else no bone\n"
         "  age is reported (exit status 3, \"withheld\" and \"review\" in the JSON say why). An estimate\n"
         "  outside 0 to 20 years is refused for that model; a chronological age outside 0 to 20 years,\n"
         "  or a study dated before the birth, gives no SDS (\"chronological_age_problem\").\n"
         "  --force       estimate even without a recognised hand; the result says \"review_required\".\n"
         "  Research use only, not a medical device.",
         runAssess},
        {"report", "write the result of one film as PDF, DICOM SR, Secondary Capture, encapsulated PDF",
         "boneage report FILE [--pdf OUT.pdf] [--sr OUT.dcm] [--sc OUT.dcm] [--encapsulated-pdf OUT.dcm]\n"
         "               [--workspace DIR] [--overlay rois,keypoints,attention|none] [--language en|de|zh_CN]\n"
         "               [--sex M|F] [--age-months N] [--models DIR] [--atlas DIR] [--no-tta] [--force]\n"
         "               [--max-interval-months N] [--json] [--overwrite]\n"
         "  Assesses FILE as `boneage assess` does and writes the result (docs/report.md):\n"
         "  --pdf               the report: patient and study, each model's estimate, the ensemble and its\n"
         "                      interval, the readers' readings, chronological age, difference, SDS\n"
         "                      (Greulich-Pyle), the film with the overlays (default: rois), the bracketing\n"
         "                      atlas plates, the models' versions and SHA-256, the research-use notice\n"
         "  --sr                DICOM Structured Report, TID 1500 Measurement Report (Comprehensive SR)\n"
         "  --sc                DICOM Secondary Capture: the film with overlays and the result burnt in\n"
         "  --encapsulated-pdf  the PDF inside a DICOM object (Encapsulated PDF Storage)\n"
         "  The DICOM objects join the film's study (a PNG/JPEG film gets a study of its own); their UIDs\n"
         "  derive from the film, the models and the readings, so the same report twice has the same UIDs.\n"
         "  --workspace DIR     the models active there and the readings of this film's case.\n"
         "  --language          the PDF's and the picture's words (the SR's codes are English).\n"
         "  No bone age (no hand, not forced): nothing is written, exit status 3.",
         runReport},
        {"service", "the department service: receive films, assess them, send SR and SC back",
         "boneage service --config FILE\n"
         "  FILE (JSON): {\"spool\": DIR, \"port\": 11112, \"ae_title\": \"BONEAGE\", \"workers\": 1,\n"
         "  \"send_to\": \"AET@HOST:PORT\", \"calling_ae_title\": .., \"results\": [\"sr\", \"sc\", \"pdf\"], \"models\": DIR,\n"
         "  \"atlas\": DIR, \"language\": \"en\", \"retry_seconds\": 30}; only \"spool\" is required, an unknown\n"
         "  field is refused. Films received by C-STORE wait whole in DIR/incoming (a durable queue), are\n"
         "  assessed by the workers and their results sent to send_to; done/ and failed/ keep each film\n"
         "  with what was done or why not. A killed service takes its unfinished films again at start;\n"
         "  results keep their UIDs, so nothing is sent twice under new ones. One JSON line per event on\n"
         "  stdout and in DIR/service.log. SIGTERM stops it after the films in hand (docs/pacs.md).",
         runService},
        {"evaluate", "evaluate a model package on labelled cases",
         "boneage evaluate --model MODEL_DIR [--model MODEL_DIR2...] (--data CACHE [--ids FILE] |\n"
         "                 --images DIR --labels CSV [--framing|--framings LIST] [--landmarks PKG]) [--json] [--report DIR [--overwrite]] [--no-tta]\n"
         "                 [--ensemble FILE] [--max-interval-months N]\n"
         "boneage evaluate --models DIR (--data CACHE [--ids FILE] | --images DIR --labels CSV) [...]\n"
         "  --models DIR: what `assess --models DIR` computes: every package there, its landmark package and\n"
         "  its ensemble.json (the fitted ensemble and interval). --json gains \"interval\" (coverage, median\n"
         "  width) and \"flagged\" (cases assess would mark for review: no hand, and with\n"
         "  --max-interval-months N an interval wider than N; their share).\n"
         "  --ensemble FILE: the fitted weights (boneage ensemble fit) instead of the mean, and the share of\n"
         "  cases inside their interval. predictions.csv also holds each package's own estimate.\n"
         "  With several --model, each case is assessed by the packages of its sex (mean where several\n"
         "  apply): a per-sex pair (--model M_DIR --model F_DIR) is evaluated as one model.\n"
         "  MAE, RMSE, by sex and by age group (0-2, 2-4, ... 16-19 years), share within 6/12/24\n"
         "  months, Bland-Altman mean difference and limits of agreement. --data reads a cache made\n"
         "  with the model's own recipe (--ids restricts it, e.g. to MODEL_DIR/validation-ids.txt);\n"
         "  --images/--labels prepares each image with the model's recipe. --report DIR writes\n"
         "  metrics.json, cumulative-accuracy.csv (k = 0..24 months) and predictions.csv (those of an\n"
         "  earlier report are replaced only with --overwrite; other files are kept). Each model\n"
         "  averages 10 views as assess does (test-time augmentation); --no-tta: one view. --framing\n"
         "  also assesses each film cropped to the hand, with a wide margin, turned by 90 and 180 degrees,\n"
         "  stored as MONOCHROME1, exported inverted, tilted by 15 degrees, with gamma 0.7 and 1.4, at half\n"
         "  size and beside its mirror image (both hands), and reports how far the estimate moves\n"
         "  (median, 90th percentile; target 3 and 6 months) and framing.csv in the report; a framed copy\n"
         "  whose hand is lost counts against the target. --framings hand-crop,gamma-0.7,... measures\n"
         "  those named only. A package that reads the hand's view (recipe hand-box-100) is given it as\n"
         "  assess gives it: the landmark model (--landmarks, else the installed one) finds the hand once.",
         runEvaluate},
        {"calibrate", "fit a package's output calibration on its training films",
         "boneage calibrate --model MODEL_DIR --data CACHE [--json] [--no-tta] [--overwrite]\n"
         "  Runs the package over the cache's films of its sex that are not in its validation-ids.txt\n"
         "  (its training films; the held-out ones are never read), fits the line\n"
         "  age = 120 + slope x (estimate - 120) + intercept with the least absolute error, and writes it\n"
         "  into the card as \"calibration\" (atomically; the weights are untouched). assess, evaluate and\n"
         "  the workstation then apply it to every estimate of that package. It corrects an offset the\n"
         "  network keeps on films it was trained on; evaluate the package again afterwards. A card\n"
         "  that already has a calibration is refused unless --overwrite (which replaces the fit).",
         runCalibrate},
        {"train", "train a model on a prepared cache", kTrainUsage, runTrain},
        {"finetune", "fine-tune a model package with blocks frozen", kFinetuneUsage, runFinetune},
        {"landmarks", "hand keypoints and the 18 TW3 ROIs of a radiograph",
         "boneage landmarks FILE [--json] [--overlay OUT.png [--overwrite]] [--models DIR] [--threads N]\n"
         "                  [--workspace DIR] [--no-refinement]\n"
         "  A refinement package installed beside the landmark package (recipe hand-aligned-256) reads\n"
         "  the hand again at the film's resolution and moves the keypoints (\"refinement_model\",\n"
         "  \"refined_keypoints\"); --no-refinement gives the first stage's keypoints alone.\n"
         "  --workspace DIR: the landmark version active in that workspace (\"model_version\"), else the\n"
         "  installed package.\n"
         "  Runs the installed hand landmark package on FILE: the 21 keypoints (name, x, y, score)\n"
         "  and the 18 TW3 ROIs (name, group, x0, y0, x1, y1) in FILE's pixels, the hand box, the\n"
         "  orientation (fingers, degrees clockwise from up), the side (left/right for a PA film) and\n"
         "  a confidence. Where no hand is recognised (a confidence below the package's threshold, or\n"
         "  a low one and no hand-shaped region) it says so and places no ROIs (exit status 3).\n"
         "  --overlay writes the image with keypoints and labelled ROI boxes drawn (as PNG; an\n"
         "  existing OUT.png is refused unless --overwrite).",
         runLandmarks},
        {"landmarks-check", "check keypoints and ROIs against expert ossification boxes",
         "boneage landmarks-check --rois VOC_DIR --images DIR [--ids-from N] [--ids-to N] [--models DIR]\n"
         "                        [--no-refinement]\n"
         "boneage landmarks-check --keypoints COCO.json --images DIR [--models DIR] [--no-refinement]\n"
         "  --keypoints: the landmark stage as it reads each film of DIR that the COCO file annotates,\n"
         "  against the annotation (mapped by the stored width and height onto the file read): median,\n"
         "  90th percentile, PCK at 2.5, 5 and 10 % of the annotated hand scale. --no-refinement\n"
         "  measures the first stage alone (the \"before\" of the refinement).\n"
         "  Runs the landmark package on each image that has a Pascal VOC box file (classes DIP, PIP,\n"
         "  MCP, Radius, Ulna, Wrist) and prints, as JSON: per joint class the share of expert boxes\n"
         "  that contain the matching predicted keypoint; for Radius, Ulna and Wrist the distance from\n"
         "  the expert box centre to the placed ROI (Wrist: the carpal ROIs' centroid), and the expert\n"
         "  centres in the hand frame (the numbers the ROI schema is calibrated with). Distances are in\n"
         "  hand scales (wrist to middle MCP).",
         runLandmarksCheck},
        {"train-landmarks", "train the hand landmark model on keypoint caches", kTrainLandmarksUsage, runTrainLandmarks},
#endif
    };
    return list;
}

} // namespace boneage::cli

static void printHelp()
{
    std::cout << "boneage: bone age assessment from hand radiographs (research use, not a medical device)\n\n"
                 "usage: boneage COMMAND [OPTIONS] [ARGS]\n\ncommands:\n";
    for (const auto& c : boneage::cli::commands()) std::printf("  %-14s %s\n", c.name, c.summary);
    std::cout << "\n";
    for (const auto& c : boneage::cli::commands()) std::cout << c.usage << "\n\n";
    std::cout << "Outputs: an existing output is refused unless --overwrite, which replaces only what the\n"
                 "command writes; an output is never one of its inputs (docs/outputs.md).\n"
                 "boneage COMMAND --help shows the help of one command.\n";
}

int main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        printHelp();
        return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& c : boneage::cli::commands()) {
        if (name != c.name) continue;
        for (const auto& a : args)
            if (a == "--help" || a == "-h") {
                std::cout << c.usage << "\n";
                return 0;
            }
        try {
            return c.run(args);
        } catch (const boneage::cli::UsageError& e) {
            std::cerr << "boneage " << name << ": " << e.what() << "\n" << c.usage << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "boneage " << name << ": " << e.what() << "\n";
            return 1;
        }
    }
    std::cerr << "boneage: unknown command '" << name << "' (boneage --help lists them)\n";
    return 2;
}
