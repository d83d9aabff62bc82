#pragma once
// The seal of a model card (a package's model.json): the SHA-256 of the card's canonical text without
// the seal itself, stored in the card as "card_sha256". The card records the weights' SHA-256, so a
// sealed card covers the whole package: an edit of either the card or the weights is caught when the
// package is loaded. A seal is not a signature: whoever can edit a card can re-seal it (`boneage
// package seal`). It catches damage and edits made by hand without thought; what keeps even a
// deliberately re-sealed card harmless is the loader's validation of every field (inference/ModelCard.h).
//
// Canonical text: the card's JSON tokens in file order with no whitespace between them, the top-level
// member "card_sha256" left out. Formatting (indentation, line ends) may change freely; a change of
// any key, value or member order breaks the seal. Written without a JSON library so that the
// LibTorch-only trainer seals the cards it writes; docs/training.md ("Model packages") has the rules.
#include <stdexcept>
#include <string>
#include <string_view>

namespace boneage {

inline constexpr const char* kCardSealKey = "card_sha256";
// Deeper nesting is refused: no card needs more than a few levels, and JSON libraries recurse on
// nested values when they copy or print them (a 100 000-deep card would overflow the stack).
inline constexpr int kCardMaxDepth = 32;

// Text that is not one JSON object (RFC 8259), nests deeper than kCardMaxDepth, repeats a key within
// an object, or holds a control character in a string. The message gives the byte offset.
struct CardSyntaxError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The canonical text (see above). Throws CardSyntaxError.
std::string canonicalCardText(std::string_view card);
// The card with "card_sha256" set to the SHA-256 of its canonical text: a seal it had is replaced,
// the rest of the text (formatting included) is kept. Throws CardSyntaxError.
std::string sealCardText(std::string_view card);

enum class CardSealState { Valid, Missing, Mismatch };
struct CardSealCheck {
    CardSealState state = CardSealState::Missing;
    std::string stored;     // the card's "card_sha256" (empty when missing or not a string)
    std::string computed;   // the SHA-256 of its canonical text
};
// Throws CardSyntaxError.
CardSealCheck checkCardSeal(std::string_view card);

// A one-line message for a card whose seal is not Valid: what is wrong and what to do (reinstall the
// package, or re-seal a card edited on purpose with `boneage package seal DIR`).
std::string cardSealProblem(const std::string& cardPath, const std::string& packageDirectory, const CardSealCheck& check);

// The card of the package in `packageDirectory`, read as a regular file of at most 1 MiB, with its
// seal checked: for the LibTorch-only commands that read a card without the full validation of
// inference/ModelCard.h (finetune, evaluate on a cache). Throws std::runtime_error with a message
// for the user (cardSealProblem's, or why the card cannot be read).
std::string readSealedCard(const std::string& packageDirectory);

} // namespace boneage
