// The trainer's multi-tensor optimizers (issue 20) against LibTorch's own SGD, Adam and AdamW: the
// same parameters after several steps with the same gradients, bit for bit on the CPU (where the
// `_foreach_` ops run the same per-tensor kernels); parameters that miss a gradient in a step keep
// their own step count; and an optimizer state saved by one loads into the other and goes on alike
// (a checkpoint written before the change resumes after it, and the other way round).
#include "training/MultiTensorOptimizers.h"

#include <QtTest>
#include <torch/torch.h>

#include <functional>
#include <memory>
#include <sstream>

using namespace boneage::training;

namespace {

// A small network with the kinds of parameters a real one has (convolution, BatchNorm, linear).
struct Net : torch::nn::Module {
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    torch::nn::Linear head{nullptr}, unused{nullptr};
    Net()
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 6, 3)));
        bn = register_module("bn", torch::nn::BatchNorm2d(6));
        head = register_module("head", torch::nn::Linear(6, 1));
        unused = register_module("unused", torch::nn::Linear(6, 1));   // its gradient stays undefined in odd steps
    }
    torch::Tensor forward(const torch::Tensor& x, bool both)
    {
        torch::Tensor f = torch::relu(bn(conv(x))).mean({2, 3});
        return both ? head(f) + unused(f) : head(f);
    }
};

std::shared_ptr<Net> netWithSeed(int seed)
{
    torch::manual_seed(seed);
    return std::make_shared<Net>();
}

// One step of each network on the same batch; step k reaches `unused` only when k is even.
void stepBoth(Net& a, torch::optim::Optimizer& oa, Net& b, torch::optim::Optimizer& ob, int k)
{
    torch::manual_seed(100 + k);
    const torch::Tensor x = torch::rand({4, 1, 12, 12}), y = torch::rand({4, 1});
    for (auto [net, opt] : {std::pair<Net*, torch::optim::Optimizer*>{&a, &oa}, {&b, &ob}}) {
        opt->zero_grad();
        for (auto& p : net->parameters()) p.mutable_grad() = torch::Tensor();   // undefined, not zero
        (net->forward(x, k % 2 == 0) - y).pow(2).mean().backward();
        opt->step();
    }
}

QString differenceOf(Net& a, Net& b)
{
    const auto pa = a.named_parameters(), pb = b.named_parameters();
    for (const auto& p : pa)
        if (!torch::equal(p.value(), pb[p.key()]))
            return QString("%1 differs by %2").arg(QString::fromStdString(p.key()))
                .arg((p.value() - pb[p.key()]).abs().max().item<double>());
    return {};
}

using Factory = std::function<std::unique_ptr<torch::optim::Optimizer>(std::vector<torch::Tensor>, bool multiTensor)>;

Factory sgd(double momentum, double weightDecay, bool nesterov = false, double dampening = 0)
{
    return [=](std::vector<torch::Tensor> p, bool multi) -> std::unique_ptr<torch::optim::Optimizer> {
        const auto o = torch::optim::SGDOptions(0.05).momentum(momentum).weight_decay(weightDecay).nesterov(nesterov).dampening(dampening);
        if (multi) return std::make_unique<MultiTensorSgd>(std::move(p), o);
        return std::make_unique<torch::optim::SGD>(std::move(p), o);
    };
}
Factory adam(double weightDecay)
{
    return [=](std::vector<torch::Tensor> p, bool multi) -> std::unique_ptr<torch::optim::Optimizer> {
        const auto o = torch::optim::AdamOptions(0.01).weight_decay(weightDecay);
        if (multi) return std::make_unique<MultiTensorAdam>(std::move(p), o);
        return std::make_unique<torch::optim::Adam>(std::move(p), o);
    };
}
Factory adamw(double weightDecay, bool amsgrad = false)
{
    return [=](std::vector<torch::Tensor> p, bool multi) -> std::unique_ptr<torch::optim::Optimizer> {
        const auto o = torch::optim::AdamWOptions(0.01).weight_decay(weightDecay).amsgrad(amsgrad);
        if (multi) return std::make_unique<MultiTensorAdamW>(std::move(p), o);
        return std::make_unique<torch::optim::AdamW>(std::move(p), o);
    };
}

} // namespace

class TestOptimizers : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void sameParametersAsLibTorch_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("sgd plain") << 0;
        QTest::newRow("sgd momentum + weight decay (the paper recipe)") << 1;
        QTest::newRow("sgd nesterov + dampening") << 2;
        QTest::newRow("adam + weight decay") << 3;
        QTest::newRow("adamw") << 4;
        QTest::newRow("adamw amsgrad (falls back)") << 5;
    }
    void sameParametersAsLibTorch()
    {
        QFETCH(int, which);
        const std::vector<Factory> factories{sgd(0, 0), sgd(0.9, 1e-4), sgd(0.9, 1e-4, true, 0), adam(1e-4), adamw(1e-2), adamw(1e-2, true)};
        const Factory& make = factories[size_t(which)];
        auto a = netWithSeed(1), b = netWithSeed(1);
        auto libtorch = make(a->parameters(), false), ours = make(b->parameters(), true);
        const auto start = a->named_parameters()["conv.weight"].clone();
        for (int k = 0; k < 7; ++k) {
            stepBoth(*a, *libtorch, *b, *ours, k);
            const QString d = differenceOf(*a, *b);
            QVERIFY2(d.isEmpty(), qPrintable(QString("after step %1: %2").arg(k + 1).arg(d)));
        }
        QVERIFY(!torch::equal(start, a->named_parameters()["conv.weight"]));   // they did learn
    }

    void aSavedStateLoadsIntoTheOther()
    {
        for (const bool fromOurs : {true, false}) {
            auto a = netWithSeed(2), b = netWithSeed(2);
            auto first = fromOurs ? adamw(1e-2)(a->parameters(), true) : adamw(1e-2)(a->parameters(), false);
            auto firstTwin = fromOurs ? adamw(1e-2)(b->parameters(), true) : adamw(1e-2)(b->parameters(), false);
            for (int k = 0; k < 3; ++k) stepBoth(*a, *first, *b, *firstTwin, k);
            std::ostringstream saved;
            torch::save(*first, saved);
            // b's optimizer is replaced by the other kind, loaded from a's state; both go on.
            auto second = adamw(1e-2)(b->parameters(), !fromOurs);
            std::istringstream in(saved.str());
            torch::load(*second, in);
            for (int k = 3; k < 7; ++k) {
                stepBoth(*a, *first, *b, *second, k);
                const QString d = differenceOf(*a, *b);
                QVERIFY2(d.isEmpty(), qPrintable(QString("%1 after resuming, step %2: %3")
                                                     .arg(fromOurs ? "ours -> LibTorch" : "LibTorch -> ours").arg(k + 1).arg(d)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestOptimizers)
#include "tst_optimizers.moc"
