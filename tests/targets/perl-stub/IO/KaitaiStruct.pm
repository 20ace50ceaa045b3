# Stand-in for the Kaitai Struct Perl runtime (IO::KaitaiStruct, on CPAN,
# which is not reachable here), so that `perl -c` can compile the generated
# modules: it only satisfies their `use IO::KaitaiStruct 0.011_000;` line.
# Nothing in it is called; `perl -c` checks syntax and `use strict` names,
# not the runtime calls. Used by `make check-targets` only.
package IO::KaitaiStruct;
use strict;
use warnings;
our $VERSION = '0.011_000';
1;
