// Declaration-only stand-in for the Kaitai Struct C++/STL runtime 0.11
// (kaitai/kaitaistruct.h), which no registry reachable here serves. It
// declares just what the generated code of this project uses, with the
// runtime's signatures, so that `g++ -fsyntax-only` can type-check that
// code. Nothing is defined: it cannot link or run. `make check-targets` only.
#ifndef KAITAI_STRUCT_H
#define KAITAI_STRUCT_H

#include <kaitai/kaitaistream.h>

namespace kaitai {

class kstruct {
public:
    kstruct(kstream* _io) { m__io = _io; }
    virtual ~kstruct() {}

protected:
    kstream* m__io;

public:
    kstream* _io() { return m__io; }
};

}  // namespace kaitai

#endif
