"""python3 -m gdcert: the version, the libraries it was built with, and a short usage."""

import gdcert

USAGE = """\
usage (Python):
    import gdcert
    s = gdcert.walsh("majority:n=9")                     # exact spectrum; s.coefficients is a numpy view
    s.level_weights, s.influences, s.noise_stability("1/3"), s.degree
    gdcert.inal("majority:n=9", act="relu", init="gaussian")       # a Ball (Gaussian route)
    gdcert.inal("majority:n=9", act="relu", init="rademacher")     # a Fraction (exact route)
    gdcert.inal_profile(10, act="sign", init="gaussian", K=3)
    gdcert.class_cp("parities:n=20:k=3")
    gdcert.cp("majority:n=5"), gdcert.cp_sphere(4, "0,1,1/2"), gdcert.msp("staircase:n=4")
    gdcert.kernel("relu", rho="1/2", series=6)                     # certified balls and the exact series
    gdcert.bound("noisy_gd.orbit", T=100, P=1000, sigma=1, n=20, k=2), gdcert.bounds()
    gdcert.radial(3), gdcert.radial_table(2, 10)
    run = gdcert.simulate_noisy_gd("parity:n=8:S=1,2", net=16, steps=50, noise="1/100", clip=1)
    run.trajectory.loss, run.final_correlation                      # numpy view (no copy), an Estimate
    gdcert.simulate_depth_separation(d=2, widths=[4, 8], iterations=50)
    gdcert.quantity("kernel.second_moment", act="relu", rho="1/2")  # any quantity of `gdcert check`
    [q.name for q in gdcert.quantities()], gdcert.formulas()
help: python3 -c "import gdcert; help(gdcert)"; the command line: gdcert --help"""


def main() -> int:
    v = gdcert.versions()
    print("gdcert %s (Python module, revision %s)" % (gdcert.__version__, v.get("revision", "unknown")))
    print("  " + ", ".join("%s %s" % (k, x) for k, x in v.items() if k not in ("gdcert", "revision")))
    print("  %d quantities, %d formulas" % (len(gdcert.quantities()), len(gdcert.formulas())))
    print(USAGE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
