#include "WorkspaceSchema.h"

namespace boneage {

const std::vector<std::string>& workspaceMigrations()
{
    static const std::vector<std::string> migrations = {
        // Version 1 (2026-11-29).
        R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases(
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  sop_instance_uid TEXT,
  film TEXT NOT NULL,
  original_name TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  sex_source TEXT NOT NULL,
  birth_date TEXT,
  study_date TEXT,
  age_months REAL,
  age_source TEXT NOT NULL DEFAULT '',
  patient_id TEXT NOT NULL DEFAULT '',
  patient_name TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL
);
CREATE UNIQUE INDEX cases_sop ON cases(sop_instance_uid) WHERE sop_instance_uid IS NOT NULL;
CREATE TABLE assessments(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  package_id TEXT NOT NULL,
  package_sha256 TEXT NOT NULL,
  bone_age_months REAL,
  result_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assessments_case ON assessments(case_id);
CREATE TABLE readings(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  reader TEXT NOT NULL CHECK (length(reader) > 0),
  bone_age_months REAL NOT NULL CHECK (bone_age_months >= 0 AND bone_age_months <= 240),
  method TEXT NOT NULL CHECK (method IN ('gp', 'tw3', 'other')),
  confidence TEXT NOT NULL DEFAULT '' CHECK (confidence IN ('', 'low', 'medium', 'high')),
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX readings_case ON readings(case_id);
CREATE TABLE annotation_items(
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  reader TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('keypoint', 'roi')),
  name TEXT NOT NULL,
  placed INTEGER NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'corrected', 'skipped')),
  stage TEXT NOT NULL DEFAULT '' CHECK (stage IN ('', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I')),
  locked INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, reader, kind, name)
);
)sql",
        // Version 2 (2026-11-30): the local check set and the model registry (issue 16).
        R"sql(
CREATE TABLE check_set(
  case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  added_at TEXT NOT NULL
);
CREATE TABLE model_versions(
  version INTEGER PRIMARY KEY,
  what TEXT NOT NULL CHECK (what IN ('bone-age', 'landmarks')),
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  package TEXT NOT NULL,
  package_sha256 TEXT NOT NULL DEFAULT '',
  base TEXT NOT NULL DEFAULT '',
  base_sha256 TEXT NOT NULL DEFAULT '',
  data_cases INTEGER NOT NULL DEFAULT 0,
  data_hash TEXT NOT NULL DEFAULT '',
  command TEXT NOT NULL DEFAULT '',
  seed INTEGER NOT NULL DEFAULT 0,
  device TEXT NOT NULL DEFAULT '',
  metrics_json TEXT NOT NULL DEFAULT '{}',
  curves_json TEXT NOT NULL DEFAULT '[]',
  message TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE model_activations(
  id INTEGER PRIMARY KEY,
  what TEXT NOT NULL CHECK (what IN ('bone-age', 'landmarks')),
  version INTEGER REFERENCES model_versions(version),
  reason TEXT NOT NULL DEFAULT '',
  comparison_json TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
)sql",
    };
    return migrations;
}

} // namespace boneage
