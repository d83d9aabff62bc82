#pragma once
// Checks every architecture/preset must pass, shared by the per-architecture tests.
#include "nn/Registry.h"

#include <QtTest/QtTest>

#include <cmath>

namespace boneage::nn::testing {

inline void useTwoThreads()
{
    torch::set_num_threads(2);
}

// A fixed batch whose targets depend on the image (blob position), so a model can learn them.
inline TrainingBatch fixedBatch(const ArchitecturePreset& preset, int64_t batch, uint64_t seed = 3)
{
    TrainingBatch b;
    b.input = exampleInput(preset, batch, seed);
    // Age grows with the blob's brightness-weighted row: a smooth function of the image.
    const int64_t s = preset.inputSize;
    torch::Tensor rows = torch::linspace(0, 1, s).view({1, 1, s, 1});
    torch::Tensor centre = (b.input.image * rows).sum({1, 2, 3}) / b.input.image.sum({1, 2, 3});
    b.boneAgeMonths = (20.0 + 200.0 * (centre - centre.min()) / (centre.max() - centre.min() + 1e-6)).detach();
    return b;
}

inline double trainModeLoss(BoneAgeModelImpl& model, const TrainingBatch& batch, uint64_t augmentationSeed)
{
    torch::NoGradGuard g;
    model.reseedAugmentation(augmentationSeed);
    return model.loss(batch).item<double>();
}

inline double trainModeMae(BoneAgeModelImpl& model, const TrainingBatch& batch)
{
    torch::NoGradGuard g;
    return (model.forward(batch.input).boneAgeMonths - batch.boneAgeMonths).abs().mean().item<double>();
}

inline void checkOutputShape(const std::string& arch, const std::string& preset, int64_t batch)
{
    torch::manual_seed(1);
    BoneAgeModel model = createModel(arch, preset);
    model->eval();
    const ModelInput in = exampleInput(model->preset(), batch);
    torch::NoGradGuard g;
    ModelOutput out = model->forward(in);
    QCOMPARE(out.boneAgeMonths.sizes().vec(), (std::vector<int64_t>{batch}));
    QVERIFY(torch::isfinite(out.boneAgeMonths).all().item<bool>());
    for (const auto& [name, map] : out.maps) {
        QVERIFY2(map.sizes().vec() == (std::vector<int64_t>{batch, in.image.size(2), in.image.size(3)}), name.c_str());
        QVERIFY2(map.min().item<double>() >= 0.0, name.c_str());
    }
    for (const auto& [name, box] : out.boxes) {
        QVERIFY2(box.dim() == 3 && box.size(0) == batch && box.size(2) == 4, name.c_str());
        if (out.scores.count(name))
            QCOMPARE(out.scores.at(name).sizes().vec(), (std::vector<int64_t>{batch, box.size(1)}));
    }
}

// One step lowers the loss on the same batch (augmentation reseeded identically for both evaluations).
inline void checkOneStepLowersLoss(const std::string& arch, const std::string& preset, int64_t batch, double lr)
{
    torch::manual_seed(11);
    BoneAgeModel model = createModel(arch, preset);
    model->train();
    const TrainingBatch b = fixedBatch(model->preset(), batch);
    const double before = trainModeLoss(*model, b, 5);
    torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(lr));
    model->reseedAugmentation(5);
    model->trainingStep(b, opt);
    const double after = trainModeLoss(*model, b, 5);
    qInfo("%s/%s loss %.4f -> %.4f after one step", arch.c_str(), preset.c_str(), before, after);
    QVERIFY2(after < before, "one optimiser step did not lower the loss");
}

// A few dozen steps overfit a handful of samples (prediction error in months, in train mode; in eval
// mode for models whose train-mode output is dominated by dropout noise or random patches).
inline void checkOverfits(const std::string& arch, const std::string& preset, int64_t samples, int steps,
                          double lr, double maxFinalMae, bool measureInEvalMode = false)
{
    torch::manual_seed(12);
    BoneAgeModel model = createModel(arch, preset);
    model->train();
    const TrainingBatch b = fixedBatch(model->preset(), samples);
    auto mae = [&] {
        if (!measureInEvalMode) return trainModeMae(*model, b);
        model->eval();
        const double v = trainModeMae(*model, b);
        model->train();
        return v;
    };
    const double before = mae();
    torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(lr));
    for (int i = 0; i < steps; ++i) model->trainingStep(b, opt);
    const double after = mae();
    qInfo("%s/%s MAE %.2f -> %.2f months after %d steps on %lld samples (%s mode)", arch.c_str(), preset.c_str(), before,
          after, steps, static_cast<long long>(samples), measureInEvalMode ? "eval" : "train");
    QVERIFY2(after < maxFinalMae, "did not overfit the small batch");
    QVERIFY(after < 0.5 * before);
}

inline void checkSaveLoad(const std::string& arch, const std::string& preset)
{
    torch::manual_seed(21);
    BoneAgeModel a = createModel(arch, preset);
    // One optimiser step (so zero-initialised output layers differ from a fresh model too) and BN
    // statistics moved away from their defaults, so both are part of what must round-trip.
    {
        a->train();
        torch::optim::SGD opt(a->parameters(), torch::optim::SGDOptions(0.01));
        a->trainingStep(fixedBatch(a->preset(), 2, 9), opt);
    }
    a->eval();
    torch::manual_seed(22);
    BoneAgeModel b = createModel(arch, preset);
    b->eval();
    const ModelInput in = exampleInput(a->preset(), 1, 4);
    torch::NoGradGuard g;
    const torch::Tensor ya = a->forward(in).boneAgeMonths;
    QVERIFY(!torch::equal(ya, b->forward(in).boneAgeMonths));
    const QString path = QDir::temp().filePath(QString("boneage_nn_%1_%2_%3.pt")
                                                   .arg(QString::fromStdString(arch), QString::fromStdString(preset))
                                                   .arg(QCoreApplication::applicationPid()));
    saveModel(*a, path.toStdString());
    loadModel(*b, path.toStdString());
    QFile::remove(path);
    QVERIFY(torch::equal(ya, b->forward(in).boneAgeMonths));
}

// Same seeds, same initialisation, same training step, same outputs.
inline void checkDeterminism(const std::string& arch, const std::string& preset)
{
    auto run = [&] {
        torch::manual_seed(31);
        BoneAgeModel m = createModel(arch, preset);
        m->reseedAugmentation(32);
        m->train();
        const TrainingBatch b = fixedBatch(m->preset(), 2);
        torch::optim::SGD opt(m->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
        m->trainingStep(b, opt);
        m->eval();
        torch::NoGradGuard g;
        return m->forward(b.input).boneAgeMonths;
    };
    const torch::Tensor first = run(), second = run();
    QVERIFY(torch::equal(first, second));
}

inline void checkGradCam(const std::string& arch, const std::string& preset)
{
    torch::manual_seed(41);
    BoneAgeModel m = createModel(arch, preset);
    const ModelInput in = exampleInput(m->preset(), 2, 6);
    const torch::Tensor cam = gradCam(*m, in);
    QCOMPARE(cam.sizes().vec(), (std::vector<int64_t>{2, in.image.size(2), in.image.size(3)}));
    QVERIFY(cam.min().item<double>() >= 0.0);
    QVERIFY(cam.max().item<double>() <= 1.0 + 1e-5);
}

} // namespace boneage::nn::testing
