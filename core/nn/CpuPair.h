#pragma once
// One picture read on the CPU as a pair of copies. Debian's LibTorch (1.13) runs a CPU convolution
// through oneDNN only when its batch holds more than one picture or its input is large (ATen's
// ConvParams::use_mkldnn: N > 1, or N*C*H*W > 20480, for 3x3 kernels), and otherwise through its
// native im2col path, several times slower. Measured on this 2-core machine, 2 threads
// (tests/bench/bench_landmarks, docs/landmarks.md "Speed"): the 128 px landmark network 40 ms for
// one picture and 8 ms for two; the 256 px refinement 50 and 29 ms. In eval mode each picture's
// output is its own, so the first answer of the pair is the picture's (to float rounding: the two
// paths sum in different orders). On a GPU nothing changes.
#include <torch/torch.h>

namespace boneage::nn {

inline bool readAsCpuPair(const torch::Tensor& batch) { return batch.device().is_cpu() && batch.dim() > 0 && batch.size(0) == 1; }

// [1,...] -> [2,...] (an undefined tensor stays undefined).
inline torch::Tensor cpuPair(const torch::Tensor& x) { return x.defined() ? torch::cat({x, x}, 0) : x; }

} // namespace boneage::nn
