// The hand landmark network: shapes, the integral (soft-argmax) decoding, the loss, learning a small
// batch, save/load.
#include "nn/CpuPair.h"
#include "nn/HandLandmarkNet.h"

#include <QtTest/QtTest>

#include <cmath>
#include <sstream>

using namespace boneage::nn;

namespace {

// Images with K bright dots; targets are the dots' centres (pixels).
std::pair<torch::Tensor, torch::Tensor> dots(int64_t batch, int64_t K, int S, uint64_t seed)
{
    torch::manual_seed(seed);
    auto pts = torch::rand({batch, K, 2}) * (S * 0.8) + S * 0.1;
    auto xs = (torch::arange(S).to(torch::kFloat) + 0.5).view({1, 1, 1, S});
    auto ys = (torch::arange(S).to(torch::kFloat) + 0.5).view({1, 1, S, 1});
    auto img = torch::zeros({batch, 1, S, S});
    for (int64_t k = 0; k < K; ++k) {
        auto px = pts.select(1, k).select(1, 0).view({batch, 1, 1, 1});
        auto py = pts.select(1, k).select(1, 1).view({batch, 1, 1, 1});
        img = img + torch::exp(-((xs - px).pow(2) + (ys - py).pow(2)) / (2.0 * 9.0)) * (0.3 + 0.7 * k / K);
    }
    return {img.clamp(0, 1), pts};
}

} // namespace

class TestHandLandmarks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void shapesAndFrame()
    {
        torch::manual_seed(1);
        HandLandmarkNet net(HandLandmarkOptions().inputSize(128).widthMultiplier(0.25));
        net->eval();
        torch::NoGradGuard g;
        const auto out = net->forward(torch::rand({2, 1, 128, 128}));
        QCOMPARE(out.points.sizes().vec(), (std::vector<int64_t>{2, 21, 2}));
        QCOMPARE(out.scores.sizes().vec(), (std::vector<int64_t>{2, 21}));
        QCOMPARE(out.heatmaps.sizes().vec(), (std::vector<int64_t>{2, 21, 32, 32}));
        // Points are expectations over cell centres: inside the image; maps are distributions.
        QVERIFY(out.points.min().item<double>() >= 2.0 && out.points.max().item<double>() <= 126.0);
        QVERIFY(torch::allclose(out.heatmaps.sum({2, 3}), torch::ones({2, 21}), 1e-4, 1e-4));
        QVERIFY(out.scores.min().item<double>() >= 0 && out.scores.max().item<double>() <= 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HandLandmarkNet(HandLandmarkOptions().inputSize(100)));
    }

    // The assessment reads one picture on the CPU as a pair of copies (nn/CpuPair.h): in eval mode a
    // picture's answer must not depend on what else is in the batch.
    void aPicturesAnswerDoesNotDependOnItsBatch()
    {
        torch::manual_seed(2);
        HandLandmarkNet net(HandLandmarkOptions().inputSize(128).widthMultiplier(0.5));
        net->eval();
        torch::NoGradGuard g;
        const torch::Tensor x = torch::rand({1, 1, 128, 128}), other = torch::rand({1, 1, 128, 128});
        const auto alone = net->forward(x), pair = net->forward(cpuPair(x)), mixed = net->forward(torch::cat({x, other}));
        for (const auto& with : {pair, mixed}) {
            QVERIFY(torch::allclose(with.points[0], alone.points[0], 1e-4, 1e-3));
            QVERIFY(torch::allclose(with.scores[0], alone.scores[0], 1e-4, 1e-5));
        }
        QVERIFY(!torch::allclose(mixed.points[1], alone.points[0], 1e-4, 1e-3));   // the other picture has its own
    }

    void lossIsZeroOnlyAtTheTarget()
    {
        // A hand-made output: one-hot maps at cell (3, 5) of an 8x8 grid over a 32 px image (stride 4).
        HandLandmarkOutput o;
        o.heatmaps = torch::zeros({1, 1, 8, 8});
        o.heatmaps[0][0][5][3] = 1;
        o.points = torch::tensor({{{3.5f * 4, 5.5f * 4}}});
        const auto visible = torch::ones({1, 1}, torch::kBool);
        const double atTarget = handLandmarkLoss(o, o.points.clone(), visible, 32).item<double>();
        const double off = handLandmarkLoss(o, o.points + torch::tensor({8.0f, 0.0f}), visible, 32).item<double>();
        // At the target only the map term remains; it is smallest when the map is the sigma-1 Gaussian itself.
        const auto gx = (torch::arange(8).to(torch::kFloat) + 0.5).view({1, 1, 1, 8});
        const auto gy = (torch::arange(8).to(torch::kFloat) + 0.5).view({1, 1, 8, 1});
        auto g = torch::exp(-((gx - 3.5).pow(2) + (gy - 5.5).pow(2)) / 2.0);
        HandLandmarkOutput gauss = o;
        gauss.heatmaps = g / g.sum();
        const double entropy = -(gauss.heatmaps * gauss.heatmaps.log()).sum().item<double>();
        const double atGaussian = handLandmarkLoss(gauss, o.points.clone(), visible, 32).item<double>();
        QVERIFY(std::abs(atGaussian - 0.1 * entropy) < 1e-5);
        QVERIFY(atTarget > atGaussian);
        // 8 px = 2 cells away: the L1 term alone adds 2.
        QVERIFY2(off - atTarget > 1.9, qPrintable(QString::number(off - atTarget)));
        // Invisible points do not count.
        QCOMPARE(handLandmarkLoss(o, o.points + 50, torch::zeros({1, 1}, torch::kBool), 32).item<double>(), 0.0);
    }

    void learnsDotPositions()
    {
        torch::manual_seed(2);
        HandLandmarkNet net(HandLandmarkOptions().inputSize(64).widthMultiplier(0.25).keypoints(3).decoderChannels(32));
        torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(3e-3));
        const auto [img, pts] = dots(8, 3, 64, 5);
        const auto visible = torch::ones({8, 3}, torch::kBool);
        double first = 0, last = 0;
        for (int step = 0; step < 60; ++step) {
            opt.zero_grad();
            const auto out = net->forward(img);
            const auto loss = handLandmarkLoss(out, pts, visible, 64);
            loss.backward();
            opt.step();
            if (step == 0) first = (out.points - pts).norm(2, 2).mean().item<double>();
            last = (out.points - pts).norm(2, 2).mean().item<double>();
        }
        QVERIFY2(last < 0.35 * first && last < 5.0, qPrintable(QString("%1 -> %2 px").arg(first).arg(last)));
    }

    void saveLoadIdentical()
    {
        torch::manual_seed(3);
        HandLandmarkNet a(HandLandmarkOptions().inputSize(64).widthMultiplier(0.25));
        HandLandmarkNet b(HandLandmarkOptions().inputSize(64).widthMultiplier(0.25));
        std::stringstream s;
        torch::serialize::OutputArchive out;
        a->save(out);
        out.save_to(s);
        torch::serialize::InputArchive in;
        in.load_from(s);
        b->load(in);
        a->eval();
        b->eval();
        torch::NoGradGuard g;
        const auto x = torch::rand({1, 1, 64, 64});
        QVERIFY(torch::equal(a->forward(x).points, b->forward(x).points));
    }
};

QTEST_APPLESS_MAIN(TestHandLandmarks)
#include "tst_hand_landmarks.moc"
