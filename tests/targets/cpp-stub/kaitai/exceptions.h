// Declaration-only stand-in for the Kaitai Struct C++/STL runtime 0.11
// (kaitai/exceptions.h); see kaitaistruct.h beside it.
#ifndef KAITAI_EXCEPTIONS_H
#define KAITAI_EXCEPTIONS_H

#include <kaitai/kaitaistream.h>

#include <stdexcept>
#include <string>

namespace kaitai {

class kstruct_error : public std::runtime_error {
public:
    kstruct_error(const std::string what, const std::string src_path);
};

class validation_failed_error : public kstruct_error {
public:
    validation_failed_error(const std::string what, kstream* io, const std::string src_path);
};

template <typename T>
class validation_not_equal_error : public validation_failed_error {
public:
    validation_not_equal_error(const T& expected, const T& actual, kstream* io, const std::string src_path);
};

template <typename T>
class validation_not_in_enum_error : public validation_failed_error {
public:
    validation_not_in_enum_error(const T& actual, kstream* io, const std::string src_path);
};

}  // namespace kaitai

#endif
