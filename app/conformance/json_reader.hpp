#pragma once
// A compact JSON reader (RFC 8259) for the few JSON files the conformance tooling reads:
// SingleStepTests' metadata.json and our own baseline files. No JSON library is in the
// project's dependency set, and these files are small, so a recursive-descent parser into a
// tree of values is enough. Every read is bounds-checked; malformed input throws JsonError
// with the byte offset of the problem.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quartz::conformance {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JsonValue {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<JsonValue>& as_array() const { return array_; }
  // Members in document order (duplicate keys: the last one wins in find()).
  const std::vector<std::pair<std::string, JsonValue>>& as_object() const { return object_; }

  // Member lookup on an object; null when absent or when this is not an object.
  const JsonValue* find(std::string_view key) const;

  static JsonValue make_null() { return JsonValue(); }
  static JsonValue make_bool(bool b);
  static JsonValue make_number(double d);
  static JsonValue make_string(std::string s);
  static JsonValue make_array(std::vector<JsonValue> a);
  static JsonValue make_object(std::vector<std::pair<std::string, JsonValue>> o);

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> array_;
  std::vector<std::pair<std::string, JsonValue>> object_;
};

// Parses a complete JSON document (surrounding whitespace allowed, nothing else after it).
// Throws JsonError("... at offset N") on malformed input or nesting deeper than 256.
JsonValue parse_json(std::string_view text);

// Quotes and escapes a string for JSON output.
std::string json_quote(std::string_view s);

}  // namespace quartz::conformance
