#pragma once
// The program's translations (German, Chinese), built from this folder's .ts files into .qm files
// embedded as :/i18n/boneage_<code>.qm, shared by the workstation and `boneage report`.
#include <QLocale>
#include <QString>

namespace boneage {

// Installs the program's and Qt's own translation for `locale` in the application, replacing the
// ones installed before; with `english` (or for a locale without a translation) none is installed.
// Returns the code of the translation installed ("de", "zh_CN") or "en".
QString installTranslations(const QLocale& locale, bool english = false);
// The code installTranslations last returned ("en" before any call): what a report written now reads.
QString installedTranslation();

} // namespace boneage
