#include "ReadingForm.h"

#include "AgeText.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace boneage::ui {

std::vector<Reading> latestReadings(const std::vector<Reading>& readings)
{
    std::vector<Reading> latest;
    std::map<std::string, size_t> at;
    for (const Reading& r : readings) {   // stored order: a later one replaces the reader's earlier one
        if (auto it = at.find(r.reader); it != at.end()) latest[it->second] = r;
        else {
            at[r.reader] = latest.size();
            latest.push_back(r);
        }
    }
    return latest;
}

namespace {

QString signedMonths(double v) { return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 1); }

QString methodText(ReadingMethod m)
{
    switch (m) {
    case ReadingMethod::Gp: return ReadingForm::tr("Greulich-Pyle");
    case ReadingMethod::Tw3: return ReadingForm::tr("TW3");
    case ReadingMethod::Other: return ReadingForm::tr("other");
    }
    return {};
}

} // namespace

ReadingForm::ReadingForm(QWidget* parent)
    : QWidget(parent)
    , caseLabel_(new QLabel)
    , months_(new QDoubleSpinBox)
    , years_(new QSpinBox)
    , monthsPart_(new QSpinBox)
    , method_(new QComboBox)
    , confidence_(new QComboBox)
    , comment_(new QLineEdit)
    , save_(new QPushButton(tr("&Save Reading")))
    , state_(new QLabel)
    , agreement_(new QLabel)
{
    months_->setRange(0, 240);
    months_->setDecimals(1);
    months_->setSuffix(tr(" months"));
    months_->setToolTip(tr("Your bone age in months (0 to 240)"));
    years_->setRange(0, 20);
    years_->setSuffix(tr(" y"));
    monthsPart_->setRange(0, 11);
    monthsPart_->setSuffix(tr(" m"));
    years_->setToolTip(tr("The same age in years and months"));
    monthsPart_->setToolTip(years_->toolTip());
    method_->addItem(methodText(ReadingMethod::Gp), static_cast<int>(ReadingMethod::Gp));
    method_->addItem(methodText(ReadingMethod::Tw3), static_cast<int>(ReadingMethod::Tw3));
    method_->addItem(methodText(ReadingMethod::Other), static_cast<int>(ReadingMethod::Other));
    confidence_->addItem(tr("not given"), QString());
    confidence_->addItem(tr("low"), QStringLiteral("low"));
    confidence_->addItem(tr("medium"), QStringLiteral("medium"));
    confidence_->addItem(tr("high"), QStringLiteral("high"));
    comment_->setPlaceholderText(tr("Comment (optional)"));
    state_->setWordWrap(true);
    agreement_->setWordWrap(true);
    agreement_->setTextFormat(Qt::RichText);
    caseLabel_->setWordWrap(true);

    auto* age = new QHBoxLayout;
    age->addWidget(months_, 1);
    age->addWidget(new QLabel(tr("or")));
    age->addWidget(years_);
    age->addWidget(monthsPart_);
    auto* form = new QFormLayout;
    form->addRow(tr("Bone age:"), age);
    form->addRow(tr("Method:"), method_);
    form->addRow(tr("Confidence:"), confidence_);
    form->addRow(tr("Comment:"), comment_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(caseLabel_);
    layout->addLayout(form);
    layout->addWidget(save_, 0, Qt::AlignRight);
    layout->addWidget(state_);
    layout->addWidget(agreement_);

    // Months and years+months stay the same age, whichever the reader types in.
    connect(months_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const long total = std::lround(v);
        const QSignalBlocker a(years_), b(monthsPart_);
        years_->setValue(int(total / 12));
        monthsPart_->setValue(int(total % 12));
    });
    const auto fromParts = [this] {
        const QSignalBlocker block(months_);
        months_->setValue(years_->value() * 12 + monthsPart_->value());
    };
    connect(years_, &QSpinBox::valueChanged, this, fromParts);
    connect(monthsPart_, &QSpinBox::valueChanged, this, fromParts);
    connect(save_, &QPushButton::clicked, this, &ReadingForm::saveRequested);
    setCase({}, false);
}

void ReadingForm::setCase(const QString& caseId, bool writable, const QString& whyNot)
{
    if (caseId != caseId_) {   // a new case starts empty: another case's values must not carry over
        months_->setValue(0);
        method_->setCurrentIndex(0);
        confidence_->setCurrentIndex(0);
        comment_->clear();
    }
    caseId_ = caseId;
    caseLabel_->setText(caseId.isEmpty() ? tr("Open a case of the workspace to read it.") : tr("<b>Your reading of case %1</b>").arg(caseId));
    for (QWidget* w : std::initializer_list<QWidget*>{months_, years_, monthsPart_, method_, confidence_, comment_})
        w->setEnabled(!caseId.isEmpty() && writable);
    save_->setEnabled(!caseId.isEmpty() && writable);
    state_->setText(caseId.isEmpty() || writable ? QString() : whyNot);
    if (caseId.isEmpty()) agreement_->clear();
}

void ReadingForm::setBoneAgeMonths(double months) { months_->setValue(months); }

Reading ReadingForm::reading() const
{
    Reading r;
    r.caseId = caseId_.toStdString();
    r.boneAgeMonths = months_->value();
    r.method = static_cast<ReadingMethod>(method_->currentData().toInt());
    r.confidence = confidence_->currentData().toString().toStdString();
    r.comment = comment_->text().trimmed().toStdString();
    return r;
}

void ReadingForm::setReadings(const std::vector<Reading>& readings, std::optional<double> modelMonths, const QString& reader)
{
    const std::vector<Reading> latest = latestReadings(readings);
    QStringList lines;
    if (latest.empty()) lines << tr("No reading of this case yet.");
    for (const Reading& r : latest) {
        const QString name = QString::fromStdString(r.reader).toHtmlEscaped();
        lines << tr("%1: %2 months (%3), %4").arg(QString::fromStdString(r.reader) == reader ? tr("<b>%1 (you)</b>").arg(name) : name)
                     .arg(r.boneAgeMonths, 0, 'f', 1)
                     .arg(ageText(r.boneAgeMonths), methodText(r.method));
    }
    if (latest.size() >= 2) {
        lines << tr("<b>Reader vs reader</b>");
        for (size_t i = 0; i < latest.size(); ++i)
            for (size_t j = i + 1; j < latest.size(); ++j)
                lines << tr("%1 − %2: %3 months")
                             .arg(QString::fromStdString(latest[i].reader).toHtmlEscaped(), QString::fromStdString(latest[j].reader).toHtmlEscaped(),
                                  signedMonths(latest[i].boneAgeMonths - latest[j].boneAgeMonths));
    }
    if (modelMonths && !latest.empty()) {
        lines << tr("<b>Reader vs model</b> (model %1 months)").arg(*modelMonths, 0, 'f', 1);
        for (const Reading& r : latest)
            lines << tr("%1 − model: %2 months").arg(QString::fromStdString(r.reader).toHtmlEscaped(), signedMonths(r.boneAgeMonths - *modelMonths));
    }
    lines << tr("<i>Research use, not a medical device.</i>");
    agreement_->setText(lines.join(QStringLiteral("<br>")));
    // The reader's own latest reading is the starting point of a new one.
    for (const Reading& r : latest)
        if (QString::fromStdString(r.reader) == reader) {
            setBoneAgeMonths(r.boneAgeMonths);
            method_->setCurrentIndex(method_->findData(static_cast<int>(r.method)));
            confidence_->setCurrentIndex(std::max(0, confidence_->findData(QString::fromStdString(r.confidence))));
            comment_->setText(QString::fromStdString(r.comment));
        }
}

} // namespace boneage::ui
