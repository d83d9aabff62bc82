#include "Translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace boneage {

namespace {
QString& installed()
{
    static QString code = QStringLiteral("en");
    return code;
}
} // namespace

QString installedTranslation() { return installed(); }

QString installTranslations(const QLocale& locale, bool english)
{
    static QTranslator* own = nullptr;
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&own, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    installed() = QStringLiteral("en");
    if (english) return installed();
    auto* app = new QTranslator;
    // QTranslator::load(locale, ...) tries each of the locale's UI languages (zh_CN, zh, ...).
    if (!app->load(locale, QStringLiteral("boneage"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app;
        return installed();
    }
    QCoreApplication::installTranslator(app);
    own = app;
    auto* base = new QTranslator;
    if (base->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(base);
        qt = base;
    } else {
        delete base;
    }
    const QString loaded = QFileInfo(app->filePath()).completeBaseName();   // boneage_de
    installed() = loaded.mid(loaded.indexOf(QLatin1Char('_')) + 1);
    return installed();
}

} // namespace boneage
