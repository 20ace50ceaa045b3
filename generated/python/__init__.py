"""Kaitai Struct parsers generated from spec/*.ksy by `make generate`. Do not edit."""
