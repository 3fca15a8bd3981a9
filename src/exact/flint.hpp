// The only file that includes FLINT and Arb headers: FLINT 2.9 + Arb 2.23 (Debian 12) or FLINT >= 3 (Arb merged).
#pragma once
// mpfr.h first: FLINT 3 declares its MPFR conversions (arf_get_mpfr, ...) only if MPFR's header came before
// (FLINT 2.9 / Arb 2.23 include it themselves).
#include <mpfr.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#if __FLINT_RELEASE >= 30000
#include <flint/arb.h>
#include <flint/acb.h>
#include <flint/arb_hypgeom.h>
#include <flint/acb_hypgeom.h>
#include <flint/arb_calc.h>
#include <flint/acb_calc.h>
#include <flint/arb_fmpz_poly.h>
#include <flint/arb_mat.h>
#define GDCERT_FLINT3 1
#else
#include <arb.h>
#include <acb.h>
#include <arb_hypgeom.h>
#include <acb_hypgeom.h>
#include <arb_calc.h>
#include <acb_calc.h>
#include <arb_fmpz_poly.h>
#include <arb_mat.h>
#define GDCERT_FLINT3 0
#endif
