# C declarations of the compiled twin of _stream.py (proxyproto_kaitai._cy_stream):
# Cython reads this file when it compiles _stream.py under that name, and makes
# the classes extension types with C attributes. The pure module ignores it.

cdef class Parse:
    cdef public object last
    cdef public object failed
    cdef public Py_ssize_t need
    cdef public Py_ssize_t at

cdef class Stream:
    cdef readonly bytes _buf
    cdef readonly Py_ssize_t _pos
    cdef readonly Py_ssize_t _size
    cdef public object bits
    cdef public Py_ssize_t bits_left
    cdef public Py_ssize_t base
    cdef public Py_ssize_t depth
    cdef public Py_ssize_t mark
    cdef public Parse run

cdef class SubStream(Stream):
    pass
