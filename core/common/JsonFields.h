#pragma once
// Reading one field of a JSON object that came from outside (a model card, a recipe) with its type
// and range checked: a wrong type, a value out of range, a non-finite number or a missing required
// field is a std::invalid_argument whose message names the field (`prefix` + key) and what it must
// be. Integers are range-checked before any conversion (a 1e300 where an int belongs must not reach
// a cast). Header-only; needs nlohmann::json, so not for the LibTorch-only build.
#include "common/TextClip.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace boneage::fields {

namespace detail {

inline std::string name(const std::string& prefix, const char* key) { return "\"" + prefix + key + "\""; }

inline std::string shown(const nlohmann::json& v) { return clipText(v.dump(), 40); }

inline const nlohmann::json* find(const nlohmann::json& object, const char* key, const std::string& prefix, bool required)
{
    if (!object.is_object()) throw std::invalid_argument("\"" + prefix + "\" must be a JSON object");
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) throw std::invalid_argument(name(prefix, key) + " is missing");
        return nullptr;
    }
    return &*it;
}

inline std::string range(double lo, double hi)
{
    const auto text = [](double v) {
        std::string s = nlohmann::json(v).dump();
        if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
        return s;
    };
    return text(lo) + " to " + text(hi);
}

} // namespace detail

// A number in [lo, hi]; `fallback` when absent (or null), required when there is none.
inline double number(const nlohmann::json& object, const char* key, const std::string& prefix, double lo, double hi,
                     std::optional<double> fallback = std::nullopt)
{
    const nlohmann::json* v = detail::find(object, key, prefix, !fallback);
    if (!v) return *fallback;
    const std::string must = "; it must be a number from " + detail::range(lo, hi);
    if (!v->is_number()) throw std::invalid_argument(detail::name(prefix, key) + " is " + detail::shown(*v) + must);
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < lo || d > hi)
        throw std::invalid_argument(detail::name(prefix, key) + " is " + detail::shown(*v) + must);
    return d;
}

// A whole number in [lo, hi] (written as an integer or as a number with no fraction, like 8.0).
inline std::int64_t integer(const nlohmann::json& object, const char* key, const std::string& prefix, std::int64_t lo,
                            std::int64_t hi, std::optional<std::int64_t> fallback = std::nullopt)
{
    const nlohmann::json* v = detail::find(object, key, prefix, !fallback);
    if (!v) return *fallback;
    const std::string bad = detail::name(prefix, key) + " is " + detail::shown(*v) + "; it must be a whole number from " +
                            std::to_string(lo) + " to " + std::to_string(hi);
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(hi) || (lo > 0 && u < static_cast<std::uint64_t>(lo))) throw std::invalid_argument(bad);
        return static_cast<std::int64_t>(u);
    }
    if (v->is_number_integer()) {
        const auto i = v->get<std::int64_t>();
        if (i < lo || i > hi) throw std::invalid_argument(bad);
        return i;
    }
    if (v->is_number_float()) {
        const double d = v->get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || d < double(lo) || d > double(hi)) throw std::invalid_argument(bad);
        return static_cast<std::int64_t>(d);
    }
    throw std::invalid_argument(bad);
}

inline bool boolean(const nlohmann::json& object, const char* key, const std::string& prefix, std::optional<bool> fallback = std::nullopt)
{
    const nlohmann::json* v = detail::find(object, key, prefix, !fallback);
    if (!v) return *fallback;
    if (!v->is_boolean())
        throw std::invalid_argument(detail::name(prefix, key) + " is " + detail::shown(*v) + "; it must be true or false");
    return v->get<bool>();
}

// Text of at most `maxLength` bytes without control characters (a card's text is shown and printed).
inline std::string text(const nlohmann::json& object, const char* key, const std::string& prefix, size_t maxLength,
                        std::optional<std::string> fallback = std::nullopt)
{
    const nlohmann::json* v = detail::find(object, key, prefix, !fallback);
    if (!v) return *fallback;
    if (!v->is_string())
        throw std::invalid_argument(detail::name(prefix, key) + " is " + detail::shown(*v) + "; it must be text in double quotes");
    const std::string s = v->get<std::string>();
    if (s.size() > maxLength)
        throw std::invalid_argument(detail::name(prefix, key) + " is " + std::to_string(s.size()) + " bytes long; at most " +
                                    std::to_string(maxLength) + " are allowed");
    for (unsigned char c : s)
        if (c < 0x20 && c != '\n' && c != '\t')
            throw std::invalid_argument(detail::name(prefix, key) + " holds a control character");
    return s;
}

} // namespace boneage::fields
