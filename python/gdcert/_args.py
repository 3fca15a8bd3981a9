"""How Python arguments reach the library: as the text the command line would take (exact rationals as "p/q")."""

from fractions import Fraction


def _text(x) -> str:
    """A parameter as the library reads it: Fractions as "p/q", floats by their shortest repr (0.1 means 1/10, as on
    the command line), bools as 1/0, lists and tuples comma-joined, anything else by str()."""
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, Fraction):
        return "%d/%d" % (x.numerator, x.denominator) if x.denominator != 1 else str(x.numerator)
    if isinstance(x, float):
        return repr(float(x))  # float() first: numpy floats print their type in their repr
    if isinstance(x, (list, tuple)):
        return ",".join(_text(v) for v in x)
    return str(x)


def _opt_text(x) -> str:
    """None as "" (the library's "not given"), anything else as _text."""
    return "" if x is None else _text(x)


def _texts(x) -> list:
    """One value or an iterable of values (not a string) as a list of texts: 1/2 -> ["1/2"], [0, "1/3"] -> ["0", "1/3"]."""
    if x is None:
        return []
    if isinstance(x, (str, bytes, int, float, Fraction)) or not hasattr(x, "__iter__"):
        return [_text(x)]
    return [_text(v) for v in x]


def _prec(prec) -> int:
    return int(prec)


def _subset(mask: int) -> tuple:
    """A bitmask as the sorted tuple of its coordinates (bit i - 1 is coordinate i)."""
    out, i = [], 1
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return tuple(out)
