#include "ModelVersionsView.h"

#include "ComparisonView.h"
#include "TrainingCurves.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

#include <exception>

namespace boneage::ui {

namespace {

enum Column { Version, InUse, State, Created, Base, TrainingCases, CheckMae, Message, ColumnCount };

nlohmann::json parseObject(const std::string& text)
{
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

QString stateText(const std::string& state)
{
    if (state == "running") return ModelVersionsView::tr("training");
    if (state == "done") return ModelVersionsView::tr("done");
    if (state == "failed") return ModelVersionsView::tr("failed");
    if (state == "cancelled") return ModelVersionsView::tr("cancelled");
    return QString::fromStdString(state);
}

QString html(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

} // namespace

ModelVersionsView::ModelVersionsView(QWidget* parent)
    : QWidget(parent)
    , table_(new QTableWidget(0, ColumnCount))
    , lineage_(new QTextBrowser)
    , curves_(new TrainingCurves)
    , comparisonView_(new ComparisonView)
    , active_(new QLabel)
    , compare_(new QPushButton(tr("&Compare with the Model in Use")))
    , cancel_(new QPushButton(tr("Cancel")))
    , promote_(new QPushButton(tr("&Promote")))
    , override_(new QPushButton(tr("&Override…")))
    , rollback_(new QPushButton(tr("&Roll Back to This…")))
    , grow_(new QPushButton(tr("&Grow Check Set")))
    , progress_(new QProgressBar)
{
    setWindowTitle(tr("Model Versions"));
    table_->setHorizontalHeaderLabels({tr("Version"), tr("In use"), tr("State"), tr("Created"), tr("Base"), tr("Training cases"),
                                       tr("Check-set MAE"), tr("Message")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setMinimumHeight(160);
    active_->setWordWrap(true);
    compare_->setToolTip(tr("Run the model in use and the selected version on every film of the check set and compare them, paired"));
    promote_->setToolTip(tr("Use the selected version from now on: possible when the comparison shows it better"));
    override_->setToolTip(tr("Use the selected version although the comparison does not show it better; needs a written reason, "
                             "which the registry keeps"));
    rollback_->setToolTip(tr("Return to a version that was in use before, or to the installed models"));
    grow_->setToolTip(tr("Cases read after the check set was drawn go to training. This adds read cases that no version "
                         "has trained on to the check set, back to 20 % of the read cases"));
    progress_->hide();
    cancel_->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(compare_);
    buttons->addWidget(progress_, 1);
    buttons->addWidget(cancel_);
    buttons->addWidget(grow_);
    buttons->addStretch();
    buttons->addWidget(promote_);
    buttons->addWidget(override_);
    buttons->addWidget(rollback_);
    auto* tabs = new QTabWidget;
    tabs->addTab(comparisonView_, tr("Comparison"));
    tabs->addTab(lineage_, tr("Lineage"));
    tabs->addTab(curves_, tr("Curves"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(active_);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
    layout->addWidget(tabs, 3);

    connect(table_, &QTableWidget::itemSelectionChanged, this, &ModelVersionsView::showSelection);
    connect(compare_, &QPushButton::clicked, this, [this] { compareSelected(); });
    connect(cancel_, &QPushButton::clicked, this, &ModelVersionsView::cancelComparison);
    connect(promote_, &QPushButton::clicked, this, [this] { promoteSelected(); });
    connect(override_, &QPushButton::clicked, this, [this] {
        if (!confirm_) return;
        bool ok = false;
        const QString reason = QInputDialog::getMultiLineText(
            this, tr("Override the comparison"),
            tr("%1 is not shown to be better than the model in use on the check set. Why should it be used anyway? "
               "The reason is kept in the model registry.")
                .arg(ComparisonView::versionName(selectedVersion())),
            QString(), &ok);
        if (ok) overrideSelected(reason);
    });
    connect(rollback_, &QPushButton::clicked, this, [this] {
        if (confirm_) {
            std::optional<int> active;
            if (workspace_) active = ModelRegistry(*workspace_).activeVersion(selectedKind());
            const int chosen = selectedVersion();
            const auto answer = QMessageBox::question(
                this, tr("Roll back"),
                tr("Use %1 again instead of %2?\n\nAssessments made from now on use it; the results stored before keep the "
                   "name of the model that made them.")
                    .arg(ComparisonView::versionName(chosen > 0 ? std::optional<int>(chosen) : std::nullopt),
                         ComparisonView::versionName(active)));
            if (answer != QMessageBox::Yes) return;
        }
        rollbackToSelected();
    });
    connect(grow_, &QPushButton::clicked, this, [this] {
        if (!workspace_ || !workspace_->isWritable()) return;
        try {
            ModelRegistry registry(*workspace_);
            const auto added = registry.growCheckSet();
            emit message(added.empty() ? tr("The check set is already 20 % of the read cases, or no read case that no version "
                                            "has trained on is left to add.")
                                       : tr("The check set grew by %n case(s); it now holds %1.", nullptr,
                                            static_cast<int>(added.size()))
                                             .arg(registry.checkSet().size()));
        } catch (const std::exception& e) {
            emit message(QString::fromStdString(e.what()));
        }
        refresh();
    });
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ModelVersionsView::onComparisonDone);
    connect(&landmarkWatcher_, &QFutureWatcher<LandmarkOutcome>::finished, this, &ModelVersionsView::onLandmarkComparisonDone);
    refresh();
}

ModelVersionsView::~ModelVersionsView()
{
    if (cancelFlag_) cancelFlag_->store(true);
    watcher_.waitForFinished();
    landmarkWatcher_.waitForFinished();
}

void ModelVersionsView::setWorkspace(Workspace* workspace, const QString& installedModels)
{
    if (workspace != workspace_) {
        cancelComparison();
        comparison_.reset();
        landmarkComparison_.reset();
        comparisonView_->clear();
    }
    workspace_ = workspace;
    installedModels_ = installedModels;
    refresh();
}

QString ModelVersionsView::baseName(const std::string& base) const
{
    const QString path = QDir::cleanPath(QString::fromStdString(base));
    if (!installedModels_.isEmpty() && path == QDir::cleanPath(installedModels_)) return tr("installed models");
    if (workspace_) {
        const QString models = QDir::cleanPath(QString::fromStdString(workspace_->dir()) + QStringLiteral("/models"));
        const QFileInfo info(path);
        if (QDir::cleanPath(info.path()) == models && info.fileName().startsWith(QLatin1Char('v')))
            return tr("model version %1").arg(info.fileName().mid(1));
    }
    return QFileInfo(path).fileName();
}

void ModelVersionsView::refresh()
{
    const int selected = selectedVersion();
    const QSignalBlocker block(table_);
    table_->setRowCount(0);
    if (!workspace_) {
        active_->setText(tr("Open a workspace to see its model versions."));
        lineage_->clear();
        curves_->clear();
        updateButtons();
        return;
    }
    try {
        ModelRegistry registry(*workspace_);
        const auto active = registry.activeVersion("bone-age");
        const auto activeLandmarks = registry.activeVersion("landmarks");
        const auto checkSet = registry.checkSet();
        active_->setText(tr("<b>Bone age model in use: %1; hand landmark model in use: %2.</b> Check set: %3. Nothing is promoted "
                            "by itself: a version is used only after Promote (or an override with a written reason).")
                             .arg(ComparisonView::versionName(active), ComparisonView::versionName(activeLandmarks),
                                  checkSet.empty() ? tr("not drawn yet (the first job or comparison draws it)")
                                                   : tr("%n case(s), never trained on", nullptr, static_cast<int>(checkSet.size()))));
        const auto addRow = [&](int number, const QStringList& cells, bool inUse) {
            const int row = table_->rowCount();
            table_->insertRow(row);
            for (int c = 0; c < ColumnCount; ++c) {
                auto* item = new QTableWidgetItem(c < cells.size() ? cells[c] : QString());
                item->setData(Qt::UserRole, number);
                if (inUse) {
                    QFont f = item->font();
                    f.setBold(true);
                    item->setFont(f);
                }
                table_->setItem(row, c, item);
            }
            return row;
        };
        const QString installedUse = !active && !activeLandmarks ? tr("in use")
                                     : !active                   ? tr("bone age in use")
                                     : !activeLandmarks          ? tr("landmarks in use")
                                                                 : QString();
        const int installedRow = addRow(0, {tr("installed"), installedUse}, !active || !activeLandmarks);
        table_->item(installedRow, Version)->setToolTip(QDir::toNativeSeparators(installedModels_));
        const auto versions = registry.versions();
        for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
            const ModelVersion& v = *it;
            const nlohmann::json metrics = parseObject(v.metricsJson);
            QString mae, maeTip;
            const bool landmarks = v.what == "landmarks";
            const auto inUse = landmarks ? activeLandmarks : active;
            if (landmarks && metrics.contains("candidate") && metrics["candidate"].contains("mean_error")) {
                mae = tr("keypoint error %1 (paired)").arg(metrics["candidate"]["mean_error"].get<double>(), 0, 'f', 4);
                maeTip = tr("Mean keypoint error on the check-set hands, as a fraction of the hand scale (wrist to middle-finger "
                            "MCP), from the latest comparison with the landmark model in use");
            } else if (landmarks && metrics.contains("check_set_in_job") && metrics["check_set_in_job"].contains("candidate")) {
                mae = tr("keypoint error %1 (in training)")
                          .arg(metrics["check_set_in_job"]["candidate"].value("mean_error", 0.0), 0, 'f', 4);
                maeTip = tr("Measured by the training job on the prepared check-set hands; Compare gives the paired test");
            } else if (metrics.contains("candidate") && metrics["candidate"].contains("mae")) {
                mae = tr("%1 (paired)").arg(metrics["candidate"]["mae"].get<double>(), 0, 'f', 2);
                maeTip = tr("From the latest comparison with the model in use, through the full assessment");
            } else if (metrics.contains("check_set_in_job") && metrics["check_set_in_job"].contains("candidate")) {
                mae = tr("%1 (in training)").arg(metrics["check_set_in_job"]["candidate"].value("mae", 0.0), 0, 'f', 2);
                maeTip = tr("Measured by the training job on the prepared check-set films; Compare gives the paired test");
            }
            const int row = addRow(v.version,
                                   {QString::number(v.version), inUse == v.version ? tr("in use") : QString(),
                                    v.what == "bone-age" ? stateText(v.state) : tr("%1 (%2)").arg(stateText(v.state), html(v.what)),
                                    QString::fromStdString(v.createdAt), baseName(v.base), QString::number(v.dataCases), mae,
                                    QString::fromStdString(v.message)},
                                   inUse == v.version);
            table_->item(row, Base)->setToolTip(QString::fromStdString(v.base));
            table_->item(row, CheckMae)->setToolTip(maeTip);
            table_->item(row, Message)->setToolTip(QString::fromStdString(v.message));
        }
    } catch (const std::exception& e) {
        active_->setText(tr("The model registry cannot be read: %1").arg(QString::fromStdString(e.what())));
    }
    for (int row = 0; row < table_->rowCount(); ++row)
        if (table_->item(row, 0)->data(Qt::UserRole).toInt() == selected) table_->selectRow(row);
    showSelection();
}

bool ModelVersionsView::select(int version)
{
    for (int row = 0; row < table_->rowCount(); ++row)
        if (table_->item(row, 0)->data(Qt::UserRole).toInt() == version) {
            table_->selectRow(row);
            showSelection();
            return true;
        }
    return false;
}

int ModelVersionsView::selectedVersion() const
{
    const auto rows = table_->selectionModel() ? table_->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? -1 : table_->item(rows.first().row(), 0)->data(Qt::UserRole).toInt();
}

void ModelVersionsView::showSelection()
{
    const int selected = selectedVersion();
    lineage_->clear();
    curves_->clear();
    if (workspace_ && selected >= 0) {
        try {
            ModelRegistry registry(*workspace_);
            QStringList lines;
            if (selected > 0) {
                const auto v = registry.version(selected);
                if (v) {
                    const nlohmann::json metrics = parseObject(v->metricsJson);
                    const nlohmann::json lineage = metrics.value("lineage", nlohmann::json::object());
                    lines << tr("<b>Model version %1</b> (%2, %3)").arg(v->version).arg(stateText(v->state), html(v->what));
                    lines << tr("Base: %1").arg(html(v->base));
                    lines << tr("Base SHA-256 (model cards): %1").arg(html(v->baseSha256));
                    lines << tr("Training cases: %1 (the check set is never among them); readings hash %2")
                                 .arg(v->dataCases)
                                 .arg(html(v->dataHash));
                    if (lineage.is_object() && !lineage.empty())
                        lines << tr("Recipe %1, time budget %2 min, at most %3 epochs%4")
                                     .arg(html(lineage.value("recipe", std::string("?"))))
                                     .arg(lineage.value("minutes", 0.0))
                                     .arg(lineage.value("epochs", 0))
                                     .arg(lineage.value("shuffled_readings", false) ? tr(", readings shuffled (a negative control)")
                                                                                    : QString());
                    lines << tr("Command: %1").arg(html(v->command));
                    lines << tr("Seed %1, device %2").arg(v->seed).arg(html(v->device));
                    lines << tr("Created %1, finished %2").arg(html(v->createdAt), html(v->finishedAt));
                    if (!v->packageSha256.empty()) lines << tr("Package SHA-256 (model cards): %1").arg(html(v->packageSha256));
                    if (!v->message.empty()) lines << tr("Message: %1").arg(html(v->message));
                    curves_->setCurves(v->curvesJson);
                }
            } else {
                lines << tr("<b>The installed models</b> (%1)").arg(QDir::toNativeSeparators(installedModels_).toHtmlEscaped());
            }
            QStringList log;
            for (const Activation& a : registry.activations())
                if (selected == 0 || a.version == selected)
                    log << tr("%1: %2 became the model in use (%3)")
                               .arg(html(a.at), ComparisonView::versionName(a.version), html(a.reason));
            if (!log.isEmpty()) lines << QString() << tr("<b>Activation log</b>") << log;
            lineage_->setHtml(lines.join(QStringLiteral("<br>")));
        } catch (const std::exception& e) {
            lineage_->setPlainText(QString::fromStdString(e.what()));
        }
    }
    if (comparison_ && comparison_->candidateVersion == selected) comparisonView_->showComparison(*comparison_);
    else if (landmarkComparison_ && landmarkComparison_->candidateVersion == selected) comparisonView_->clear(landmarkSummary(*landmarkComparison_));
    else if (!isComparing()) comparisonView_->clear();
    updateButtons();
}

void ModelVersionsView::updateButtons()
{
    const int selected = selectedVersion();
    const bool writable = workspace_ && workspace_->isWritable() && !isComparing();
    std::optional<int> active, activeLandmarks;
    std::optional<ModelVersion> version;
    bool usedBefore = false;
    const std::string what = selectedKind();
    if (workspace_) {
        try {
            ModelRegistry registry(*workspace_);
            active = registry.activeVersion(what);
            activeLandmarks = registry.activeVersion("landmarks");
            if (selected > 0) version = registry.version(selected);
            for (const Activation& a : registry.activations()) usedBefore = usedBefore || (a.what == what && a.version == selected);
        } catch (const std::exception&) {
        }
    }
    const bool finished = version && version->state == "done";
    compare_->setEnabled(writable && finished && active != selected);
    bool current = false, better = false;
    if (what == "landmarks") {
        current = landmarkComparison_ && !landmarkComparison_->cancelled && landmarkComparison_->candidateVersion == selected &&
                  landmarkComparison_->activeVersion == active && active != selected;
        better = current && landmarkComparison_->result.candidateIsBetter();
    } else {
        current = comparison_ && !comparison_->cancelled && comparison_->candidateVersion == selected &&
                  comparison_->activeVersion == active && active != selected;
        better = current && comparison_->result.candidateIsBetter();
    }
    promote_->setEnabled(writable && current && better);
    override_->setEnabled(writable && current && !better);
    // Rollback returns to what was in use before (a version never promoted goes through the comparison);
    // the installed row returns both kinds to the installed models.
    rollback_->setEnabled(writable && selected >= 0 &&
                          (selected == 0 ? active.has_value() || activeLandmarks.has_value() : finished && usedBefore && active != selected));
    cancel_->setVisible(isComparing());
    progress_->setVisible(isComparing());
}

bool ModelVersionsView::compareSelected()
{
    const int candidate = selectedVersion();
    if (!workspace_ || !workspace_->isWritable() || isComparing() || candidate <= 0) return false;
    if (selectedKind() == "landmarks") return compareLandmarks(candidate);
    CheckSetComparisonPlan plan;
    try {
        ModelRegistry registry(*workspace_);
        plan = planCheckSetComparison(*workspace_, registry, candidate, installedModels_.toStdString());
    } catch (const std::exception& e) {
        const QString text = tr("Model version %1 cannot be compared: %2").arg(candidate).arg(QString::fromStdString(e.what()));
        comparisonView_->clear(text);
        emit message(text);
        return false;
    }
    comparison_.reset();
    comparisonView_->clear(tr("Comparing %1 with %2 on %n check-set film(s)…", nullptr, static_cast<int>(plan.films.size()))
                               .arg(ComparisonView::versionName(candidate), ComparisonView::versionName(plan.activeVersion)));
    cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
    comparingIn_ = workspace_->dir();
    progress_->setRange(0, static_cast<int>(plan.films.size()));
    progress_->setValue(0);
    progress_->setFormat(tr("%v of %m films"));
    auto cancel = cancelFlag_;
    QPointer<ModelVersionsView> self(this);
    // The models run off the GUI thread; the workspace is not touched there (the plan holds the films).
    watcher_.setFuture(QtConcurrent::run([plan, cancel, self]() -> Outcome {
        try {
            return {runCheckSetComparison(
                        plan,
                        [self](int done, int) {
                            QMetaObject::invokeMethod(self.data(), [self, done] {
                                if (self) self->progress_->setValue(done);
                            }, Qt::QueuedConnection);
                        },
                        cancel.get()),
                    {}};
        } catch (const std::exception& e) {
            return {std::nullopt, QString::fromStdString(e.what())};
        }
    }));
    updateButtons();
    return true;
}

void ModelVersionsView::cancelComparison()
{
    if (!isComparing()) return;
    if (cancelFlag_) cancelFlag_->store(true);
    watcher_.waitForFinished();
    landmarkWatcher_.waitForFinished();
}

std::string ModelVersionsView::selectedKind() const
{
    const int selected = selectedVersion();
    if (!workspace_ || selected <= 0) return "bone-age";
    try {
        const auto v = ModelRegistry(*workspace_).version(selected);
        return v ? v->what : "bone-age";
    } catch (const std::exception&) {
        return "bone-age";
    }
}

QString ModelVersionsView::landmarkSummary(const LandmarkComparison& c) const
{
    const PairedComparison& r = c.result;
    return tr("Hand landmark model, %1 check-set hands: mean keypoint error of %2 %3, of %4 %5 (fractions of the hand scale, "
              "wrist to middle-finger MCP). Difference %6, 95 % interval [%7, %8]: %9.")
        .arg(r.active.n)
        .arg(ComparisonView::versionName(c.activeVersion))
        .arg(r.active.mae, 0, 'f', 4)
        .arg(ComparisonView::versionName(c.candidateVersion))
        .arg(r.candidate.mae, 0, 'f', 4)
        .arg(r.meanDifference, 0, 'f', 4)
        .arg(r.lower, 0, 'f', 4)
        .arg(r.upper, 0, 'f', 4)
        .arg(r.candidateIsBetter() ? tr("better, it may be promoted") : tr("not shown to be better"));
}

bool ModelVersionsView::compareLandmarks(int candidate)
{
    LandmarkComparisonPlan plan;
    try {
        ModelRegistry registry(*workspace_);
        plan = planLandmarkComparison(*workspace_, registry, candidate, installedModels_.toStdString());
    } catch (const std::exception& e) {
        const QString text = tr("Model version %1 cannot be compared: %2").arg(candidate).arg(QString::fromStdString(e.what()));
        comparisonView_->clear(text);
        emit message(text);
        return false;
    }
    landmarkComparison_.reset();
    comparisonView_->clear(tr("Comparing the hand landmark models %1 and %2 on %n check-set hand(s)…", nullptr,
                              static_cast<int>(plan.hands.size()))
                               .arg(ComparisonView::versionName(candidate), ComparisonView::versionName(plan.activeVersion)));
    cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
    comparingIn_ = workspace_->dir();
    progress_->setRange(0, static_cast<int>(plan.hands.size()));
    progress_->setValue(0);
    progress_->setFormat(tr("%v of %m films"));
    auto cancel = cancelFlag_;
    QPointer<ModelVersionsView> self(this);
    landmarkWatcher_.setFuture(QtConcurrent::run([plan, cancel, self]() -> LandmarkOutcome {
        try {
            return {runLandmarkComparison(
                        plan,
                        [self](int done, int) {
                            QMetaObject::invokeMethod(self.data(), [self, done] {
                                if (self) self->progress_->setValue(done);
                            }, Qt::QueuedConnection);
                        },
                        cancel.get()),
                    {}};
        } catch (const std::exception& e) {
            return {std::nullopt, QString::fromStdString(e.what())};
        }
    }));
    updateButtons();
    return true;
}

void ModelVersionsView::onLandmarkComparisonDone()
{
    const LandmarkOutcome outcome = landmarkWatcher_.result();
    updateButtons();
    if (!outcome.error.isEmpty() || !outcome.comparison || outcome.comparison->cancelled) {
        const QString text = outcome.error.isEmpty() ? tr("The comparison was cancelled.") : tr("The comparison failed: %1").arg(outcome.error);
        comparisonView_->clear(text);
        if (!outcome.error.isEmpty()) emit message(text);
        emit comparisonFinished();
        return;
    }
    if (!workspace_ || workspace_->dir() != comparingIn_) {
        emit comparisonFinished();
        return;
    }
    try {
        ModelRegistry registry(*workspace_);
        recordLandmarkComparison(registry, *outcome.comparison, landmarkComparisonJson(*outcome.comparison));
    } catch (const std::exception& e) {
        emit message(tr("The comparison was not stored: %1").arg(QString::fromStdString(e.what())));
    }
    landmarkComparison_ = outcome.comparison;
    refresh();
    select(outcome.comparison->candidateVersion);
    comparisonView_->clear(landmarkSummary(*outcome.comparison));
    emit message(landmarkSummary(*outcome.comparison));
    updateButtons();
    emit comparisonFinished();
}

void ModelVersionsView::onComparisonDone()
{
    const Outcome outcome = watcher_.result();
    updateButtons();
    if (!outcome.error.isEmpty()) {
        const QString text = tr("The comparison failed: %1").arg(outcome.error);
        comparisonView_->clear(text);
        emit message(text);
        emit comparisonFinished();
        return;
    }
    if (!outcome.comparison || outcome.comparison->cancelled) {
        comparisonView_->clear(tr("The comparison was cancelled."));
        emit comparisonFinished();
        return;
    }
    if (!workspace_ || workspace_->dir() != comparingIn_) {   // the workspace was closed or changed meanwhile
        emit comparisonFinished();
        return;
    }
    try {
        ModelRegistry registry(*workspace_);
        recordComparison(registry, *outcome.comparison, comparisonJson(*outcome.comparison));
    } catch (const std::exception& e) {
        emit message(tr("The comparison was not stored: %1").arg(QString::fromStdString(e.what())));
    }
    refresh();
    showComparison(*outcome.comparison);
    const PairedComparison& r = outcome.comparison->result;
    emit message(tr("Model version %1 on the check set: MAE %2 months against %3; %4")
                     .arg(outcome.comparison->candidateVersion)
                     .arg(r.candidate.mae, 0, 'f', 2)
                     .arg(r.active.mae, 0, 'f', 2)
                     .arg(r.candidateIsBetter() ? tr("better, it may be promoted") : tr("not shown to be better")));
    emit comparisonFinished();
}

void ModelVersionsView::showComparison(const CheckSetComparison& comparison)
{
    comparison_ = comparison;
    // select() shows it through showSelection; a version not listed (yet) is shown all the same.
    if (!select(comparison.candidateVersion)) comparisonView_->showComparison(comparison);
    updateButtons();
}

bool ModelVersionsView::activate(std::optional<int> version, const std::function<std::string(ModelRegistry&)>& how,
                                 const std::string& what)
{
    if (!workspace_ || !workspace_->isWritable() || isComparing()) return false;
    try {
        ModelRegistry registry(*workspace_);
        const std::string reason = how(registry);
        emit message((what == "landmarks" ? tr("%1 is now the hand landmark model in use (%2).") : tr("%1 is now the bone age model in use (%2)."))
                         .arg(ComparisonView::versionName(version), QString::fromStdString(reason)));
    } catch (const std::exception& e) {
        emit message(tr("Nothing was changed: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    refresh();
    emit activeVersionChanged();
    return true;
}

bool ModelVersionsView::promoteSelected()
{
    if (selectedKind() == "landmarks") {
        if (!landmarkComparison_ || !promote_->isEnabled()) return false;
        const LandmarkComparison c = *landmarkComparison_;
        return activate(c.candidateVersion, [&](ModelRegistry& r) { return promoteLandmarkCandidate(r, c); }, "landmarks");
    }
    if (!comparison_ || !promote_->isEnabled()) return false;
    const CheckSetComparison c = *comparison_;
    return activate(c.candidateVersion, [&](ModelRegistry& r) { return promoteCandidate(r, c); });
}

bool ModelVersionsView::overrideSelected(const QString& reason)
{
    const bool landmarks = selectedKind() == "landmarks";
    if ((landmarks ? !landmarkComparison_ : !comparison_) || !override_->isEnabled()) return false;
    if (reason.trimmed().isEmpty()) {
        emit message(tr("An override needs a written reason: nothing was changed."));
        return false;
    }
    if (landmarks) {
        const LandmarkComparison c = *landmarkComparison_;
        return activate(c.candidateVersion, [&](ModelRegistry& r) { return promoteLandmarkCandidate(r, c, reason.trimmed().toStdString()); },
                        "landmarks");
    }
    const CheckSetComparison c = *comparison_;
    return activate(c.candidateVersion, [&](ModelRegistry& r) { return promoteCandidate(r, c, reason.trimmed().toStdString()); });
}

bool ModelVersionsView::rollbackToSelected()
{
    if (!rollback_->isEnabled()) return false;
    const int chosen = selectedVersion();
    const std::optional<int> version = chosen > 0 ? std::optional<int>(chosen) : std::nullopt;
    const std::string what = selectedKind();
    return activate(version, [&](ModelRegistry& r) {
        if (version) {
            r.activate(what, version, "rollback");
        } else {   // the installed row: both kinds back to the installed models
            if (r.activeVersion("bone-age")) r.activate("bone-age", std::nullopt, "rollback");
            if (r.activeVersion("landmarks")) r.activate("landmarks", std::nullopt, "rollback");
        }
        return std::string("rollback");
    }, what);
}

} // namespace boneage::ui
