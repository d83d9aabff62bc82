#include "nn/InceptionXception.h"
#include "nn/Blocks.h"

namespace boneage::nn {

namespace F = torch::nn::functional;

namespace {

using Kernel = std::pair<int64_t, int64_t>;

// torchvision's BasicConv2d.
class BasicConvImpl : public torch::nn::Module {
public:
    BasicConvImpl(int64_t in, int64_t out, Kernel k, Kernel stride = {1, 1}, Kernel pad = {0, 0})
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, {k.first, k.second})
                                                             .stride({stride.first, stride.second})
                                                             .padding({pad.first, pad.second})
                                                             .bias(false)));
        bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(0.001)));
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::relu(bn(conv(x))); }

private:
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(BasicConv);

BasicConv bc(int64_t in, int64_t out, int64_t k, int64_t stride = 1, int64_t pad = 0)
{
    return BasicConv(in, out, Kernel{k, k}, Kernel{stride, stride}, Kernel{pad, pad});
}
BasicConv bcRect(int64_t in, int64_t out, int64_t kh, int64_t kw)
{
    return BasicConv(in, out, Kernel{kh, kw}, Kernel{1, 1}, Kernel{kh / 2, kw / 2});
}

torch::nn::Sequential seq(std::initializer_list<BasicConv> convs)
{
    torch::nn::Sequential s;
    for (const auto& c : convs) s->push_back(c);
    return s;
}

// A module whose branches see the same input and whose outputs are concatenated; pooling branches
// are marked by their kind.
class InceptionMixImpl : public torch::nn::Module {
public:
    enum class Pool { None, Avg, Max };
    void add(torch::nn::Sequential b, Pool pool)
    {
        branches_.push_back(register_module("branch" + std::to_string(branches_.size()), b));
        pools_.push_back(pool);
    }
    // E-type branches split into two parallel convolutions at their end.
    void addSplit(torch::nn::Sequential trunk, BasicConv a, BasicConv b)
    {
        const size_t i = splits_.size();
        splits_.push_back({register_module("split" + std::to_string(i), trunk),
                           register_module("split" + std::to_string(i) + "a", a),
                           register_module("split" + std::to_string(i) + "b", b)});
    }
    void setStridedPool(bool strided) { strided_ = strided; }
    torch::Tensor forward(const torch::Tensor& x)
    {
        std::vector<torch::Tensor> outs;
        for (size_t i = 0; i < branches_.size(); ++i) {
            torch::Tensor in = x;
            if (pools_[i] == Pool::Avg) in = F::avg_pool2d(x, F::AvgPool2dFuncOptions(3).stride(1).padding(1));
            outs.push_back(branches_[i]->is_empty() ? in : branches_[i]->forward(in));
        }
        for (auto& s : splits_) {
            torch::Tensor t = s.trunk->forward(x);
            outs.push_back(s.a(t));
            outs.push_back(s.b(t));
        }
        if (strided_) outs.push_back(F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2)));
        return torch::cat(outs, 1);
    }

private:
    struct Split {
        torch::nn::Sequential trunk;
        BasicConv a, b;
    };
    std::vector<torch::nn::Sequential> branches_;
    std::vector<Pool> pools_;
    std::vector<Split> splits_;
    bool strided_ = false;
};
TORCH_MODULE(InceptionMix);

} // namespace

InceptionV3Impl::InceptionV3Impl(int64_t inChannels, double w)
{
    auto s = [w](int64_t c) { return scaledWidth(c, w); };
    using Pool = InceptionMixImpl::Pool;
    stem = register_module("stem", torch::nn::Sequential(
                                       bc(inChannels, s(32), 3, 2), bc(s(32), s(32), 3), bc(s(32), s(64), 3, 1, 1),
                                       torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2)),
                                       bc(s(64), s(80), 1), bc(s(80), s(192), 3),
                                       torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2))));
    mixed = register_module("mixed", torch::nn::Sequential());
    int64_t c = s(192);
    auto inceptionA = [&](int64_t poolFeatures) {
        InceptionMix m;
        m->add(seq({bc(c, s(64), 1)}), Pool::None);
        m->add(seq({bc(c, s(48), 1), bc(s(48), s(64), 5, 1, 2)}), Pool::None);
        m->add(seq({bc(c, s(64), 1), bc(s(64), s(96), 3, 1, 1), bc(s(96), s(96), 3, 1, 1)}), Pool::None);
        m->add(seq({bc(c, s(poolFeatures), 1)}), Pool::Avg);
        mixed->push_back(m);
        c = s(64) + s(64) + s(96) + s(poolFeatures);
    };
    auto inceptionB = [&] {
        InceptionMix m;
        m->add(seq({bc(c, s(384), 3, 2)}), Pool::None);
        m->add(seq({bc(c, s(64), 1), bc(s(64), s(96), 3, 1, 1), bc(s(96), s(96), 3, 2)}), Pool::None);
        m->setStridedPool(true);
        mixed->push_back(m);
        c = s(384) + s(96) + c;
    };
    auto inceptionC = [&](int64_t c7) {
        InceptionMix m;
        m->add(seq({bc(c, s(192), 1)}), Pool::None);
        m->add(seq({bc(c, s(c7), 1), bcRect(s(c7), s(c7), 1, 7), bcRect(s(c7), s(192), 7, 1)}), Pool::None);
        m->add(seq({bc(c, s(c7), 1), bcRect(s(c7), s(c7), 7, 1), bcRect(s(c7), s(c7), 1, 7),
                    bcRect(s(c7), s(c7), 7, 1), bcRect(s(c7), s(192), 1, 7)}),
               Pool::None);
        m->add(seq({bc(c, s(192), 1)}), Pool::Avg);
        mixed->push_back(m);
        c = 4 * s(192);
    };
    auto inceptionD = [&] {
        InceptionMix m;
        m->add(seq({bc(c, s(192), 1), bc(s(192), s(320), 3, 2)}), Pool::None);
        m->add(seq({bc(c, s(192), 1), bcRect(s(192), s(192), 1, 7), bcRect(s(192), s(192), 7, 1),
                    bc(s(192), s(192), 3, 2)}),
               Pool::None);
        m->setStridedPool(true);
        mixed->push_back(m);
        c = s(320) + s(192) + c;
    };
    auto inceptionE = [&] {
        InceptionMix m;
        m->add(seq({bc(c, s(320), 1)}), Pool::None);
        m->addSplit(seq({bc(c, s(384), 1)}), bcRect(s(384), s(384), 1, 3), bcRect(s(384), s(384), 3, 1));
        m->addSplit(seq({bc(c, s(448), 1), bc(s(448), s(384), 3, 1, 1)}), bcRect(s(384), s(384), 1, 3),
                    bcRect(s(384), s(384), 3, 1));
        m->add(seq({bc(c, s(192), 1)}), Pool::Avg);
        mixed->push_back(m);
        c = s(320) + 4 * s(384) + s(192);
    };
    inceptionA(32); inceptionA(64); inceptionA(64);             // Mixed_5b, 5c, 5d
    inceptionB();                                                // Mixed_6a
    inceptionC(128); inceptionC(160); inceptionC(160); inceptionC(192);   // Mixed_6b..6e
    inceptionD();                                                // Mixed_7a
    inceptionE(); inceptionE();                                  // Mixed_7b, 7c
    outChannels_ = c;
}

torch::Tensor InceptionV3Impl::forward(const torch::Tensor& x)
{
    return mixed->forward(stem->forward(x));
}

// ---------------------------------------------------------------------------------------------
namespace {

class SeparableConvImpl : public torch::nn::Module {
public:
    SeparableConvImpl(int64_t in, int64_t out)
    {
        depthwise = register_module("depthwise", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, in, 3).padding(1).groups(in).bias(false)));
        pointwise = register_module("pointwise", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1).bias(false)));
        bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(0.001)));
    }
    torch::Tensor forward(const torch::Tensor& x) { return bn(pointwise(depthwise(x))); }

private:
    torch::nn::Conv2d depthwise{nullptr}, pointwise{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(SeparableConv);

// Keras' Xception block: [ReLU] sep-conv BN (ReLU sep-conv BN)... then either a strided 3x3 max-pool
// with a strided 1x1 conv + BN shortcut, or (middle flow) the identity shortcut.
class XceptionBlockImpl : public torch::nn::Module {
public:
    XceptionBlockImpl(std::vector<int64_t> widths, int64_t in, bool reluFirst, bool strided)
        : reluFirst_(reluFirst), strided_(strided)
    {
        int64_t c = in;
        for (size_t i = 0; i < widths.size(); ++i) {
            convs.push_back(register_module("sep" + std::to_string(i), SeparableConv(c, widths[i])));
            c = widths[i];
        }
        if (strided)
            shortcut = register_module("shortcut", torch::nn::Sequential(
                                                       torch::nn::Conv2d(torch::nn::Conv2dOptions(in, c, 1).stride(2).bias(false)),
                                                       torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(c).eps(0.001))));
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        torch::Tensor y = x;
        for (size_t i = 0; i < convs.size(); ++i) {
            if (i > 0 || reluFirst_) y = torch::relu(y);
            y = convs[i]->forward(y);
        }
        if (!strided_) return y + x;
        y = F::max_pool2d(y, F::MaxPool2dFuncOptions(3).stride(2).padding(1));
        return y + shortcut->forward(x);
    }

private:
    bool reluFirst_, strided_;
    std::vector<SeparableConv> convs;
    torch::nn::Sequential shortcut{nullptr};
};
TORCH_MODULE(XceptionBlock);

} // namespace

XceptionImpl::XceptionImpl(int64_t inChannels, double w)
{
    auto s = [w](int64_t c) { return scaledWidth(c, w); };
    // Two plain 3x3 convolutions (valid padding, as Keras), then three strided blocks 128, 256, 728.
    torch::nn::Sequential e;
    e->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, s(32), 3).stride(2).bias(false)));
    e->push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(s(32)).eps(0.001)));
    e->push_back(torch::nn::ReLU());
    e->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(s(32), s(64), 3).bias(false)));
    e->push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(s(64)).eps(0.001)));
    e->push_back(torch::nn::ReLU());
    entry = register_module("entry", e);
    blocks = register_module("blocks", torch::nn::Sequential());
    blocks->push_back(XceptionBlock(std::vector<int64_t>{s(128), s(128)}, s(64), false, true));
    blocks->push_back(XceptionBlock(std::vector<int64_t>{s(256), s(256)}, s(128), true, true));
    blocks->push_back(XceptionBlock(std::vector<int64_t>{s(728), s(728)}, s(256), true, true));
    for (int i = 0; i < 8; ++i)
        blocks->push_back(XceptionBlock(std::vector<int64_t>{s(728), s(728), s(728)}, s(728), true, false));
    blocks->push_back(XceptionBlock(std::vector<int64_t>{s(728), s(1024)}, s(728), true, true));
    exit = register_module("exit", torch::nn::Sequential(SeparableConv(s(1024), s(1536)), torch::nn::ReLU(),
                                                         SeparableConv(s(1536), s(2048)), torch::nn::ReLU()));
    outChannels_ = s(2048);
}

torch::Tensor XceptionImpl::forward(const torch::Tensor& x)
{
    return exit->forward(blocks->forward(entry->forward(x)));
}

int64_t batchNormChannels(torch::nn::Module& module)
{
    int64_t n = 0;
    for (const auto& m : module.modules())
        if (auto* bn = m->as<torch::nn::BatchNorm2d>()) n += bn->options.num_features();
    return n;
}

} // namespace boneage::nn
