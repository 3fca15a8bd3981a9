"""The errors gdcert raises: one class per error kind of the C++ library, each with the exit code the command line
uses for it (``gdcert`` exits with ``err.exit_code``). All are subclasses of :class:`gdcert.Error`; the ones that are
about the arguments are also :class:`ValueError` s, and the arithmetic ones :class:`ArithmeticError` s, so generic
handlers keep working.

Example::

    >>> import gdcert
    >>> try:
    ...     gdcert.walsh("foo:n=3")
    ... except gdcert.InputError as e:
    ...     print(e.exit_code)
    3
"""

__all__ = ["Error", "UsageError", "InputError", "DomainError", "PrecisionError", "IntegerOverflowError", "ResourceError"]


class Error(Exception):
    """Base of every error gdcert raises on purpose. Message form: "<what>: requires <condition>, got <value>"."""

    exit_code = 70


class UsageError(Error, ValueError):
    """Conflicting or missing arguments (the command line's usage error, exit code 2)."""

    exit_code = 2


class InputError(Error, ValueError):
    """Malformed input: a spec, a law, a parameter out of its range, an unknown quantity (exit code 3)."""

    exit_code = 3


class DomainError(Error, ValueError):
    """A value outside a formula's domain, e.g. a noise-stability rho outside [-1, 1] (exit code 4)."""

    exit_code = 4


class PrecisionError(Error, ArithmeticError):
    """A ball could not be made as accurate as requested within the allowed precision (exit code 5)."""

    exit_code = 5


class IntegerOverflowError(Error, ArithmeticError):
    """A fixed-width integer computation would overflow; detected before it happens (exit code 6).

    Named so as not to shadow the builtin :class:`OverflowError`."""

    exit_code = 6


class ResourceError(Error):
    """Not enough memory (or time) for the requested size; refused before allocating (exit code 7).

    ``GDCERT_MAX_MEMORY=4G`` in the environment caps what gdcert may use."""

    exit_code = 7
