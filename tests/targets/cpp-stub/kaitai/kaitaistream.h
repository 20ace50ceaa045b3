// Declaration-only stand-in for the Kaitai Struct C++/STL runtime 0.11
// (kaitai/kaitaistream.h); see kaitaistruct.h beside it.
#ifndef KAITAI_STREAM_H
#define KAITAI_STREAM_H

// Runtime API version, as the 0.11 runtime defines it (x.y.z = xxxyyyzzz).
#define KAITAI_STRUCT_VERSION 11000L

#include <istream>
#include <stdint.h>
#include <string>

namespace kaitai {

class kstream {
public:
    kstream(std::istream* io);
    kstream(const std::string& data);

    bool is_eof() const;
    void seek(uint64_t pos);
    uint64_t pos();
    uint64_t size();

    uint8_t read_u1();
    uint16_t read_u2be();
    uint32_t read_u4be();
    uint64_t read_u8be();
    uint32_t read_u4le();

    void align_to_byte();
    uint64_t read_bits_int_be(int n);

    std::string read_bytes(std::streamsize len);
    std::string read_bytes_full();
};

}  // namespace kaitai

#endif
