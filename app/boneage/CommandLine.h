#pragma once
// A small argument parser shared by the `boneage` commands: --name value, --flag, and positionals.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Arguments {
public:
    // `withValue` names options that take a value; `flags` those that do not.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& withValue,
              const std::set<std::string>& flags)
    {
        for (size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a.rfind("--", 0) == 0 && a.size() > 2) {
                std::string name = a.substr(2), value;
                const auto eq = name.find('=');
                const bool inlineValue = eq != std::string::npos;
                if (inlineValue) { value = name.substr(eq + 1); name = name.substr(0, eq); }
                if (flags.count(name) && !inlineValue) { flags_.insert(name); continue; }
                if (!withValue.count(name)) throw UsageError("unknown option --" + name);
                if (!inlineValue) {
                    if (i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
                    value = args[++i];
                }
                values_[name].push_back(value);
            } else {
                positional_.push_back(a);
            }
        }
    }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const
    {
        auto it = values_.find(name);
        if (it == values_.end()) return std::nullopt;
        return it->second.back();
    }
    std::vector<std::string> values(const std::string& name) const
    {
        auto it = values_.find(name);
        return it == values_.end() ? std::vector<std::string>{} : it->second;
    }
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

inline double parseNumber(const std::string& text, const std::string& option)
{
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (...) {
    }
    throw UsageError("--" + option + ": '" + text + "' is not a number");
}

} // namespace boneage::cli
