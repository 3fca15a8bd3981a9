// The report sections of the peer-completeness work: Boolean-function criteria (nonlinearity, resiliency,
// autocorrelation, algebraic immunity with its annihilator, p-biased analysis) and S-boxes, exact; deep NNGP / NTK
// kernels of fully connected networks as certified balls, with the infinite-depth fixed point.
#include <string>
#include <vector>

#include "api/kernel_deep.hpp"
#include "api/sbox.hpp"
#include "report/sections.hpp"
#include "report/views.hpp"

namespace gdcert::report {

void boolean_analysis_report_section(ReportContext& ctx) {
  struct Entry {
    const char *name, *spec;
    bool ai;
  };
  // the inner product is bent (NL 28 at n = 6); x1 + x2 + x3 x4 is 1-resilient and semi-bent; majority has AI ceil(n/2)
  const std::vector<Entry> entries = {{"inner_product_n6", "anf:n=6:x1*x2 + x3*x4 + x5*x6", true},
                                      {"resilient_n4", "anf:n=4:x1 + x2 + x3*x4", true},
                                      {"majority_n7", "majority:n=7", true},
                                      {"restricted_majority_xor", "restrict(majority:n=9, x1=1) ^ parity:n=8:S=1", false}};
  for (const Entry& e : entries) {
    WalshRequest req;
    req.spec = e.spec;
    req.degree = true;
    req.anf = true;
    req.criteria = true;
    req.autocorrelation = true;
    req.algebraic_immunity = e.ai;
    req.threads = ctx.threads();
    std::vector<std::string> args = {"walsh", e.spec, "--degree", "--anf", "--criteria", "--autocorrelation"};
    if (e.ai) args.push_back("--algebraic-immunity");
    ctx.table(e.name, std::string(e.spec) + ": ANF, criteria, autocorrelation" + (e.ai ? ", algebraic immunity" : ""),
              gdcert_command(args), walsh_document(req));
  }
  {
    WalshRequest req;
    req.spec = "majority:n=5";
    req.bias = "1/3";
    req.levels = true;
    req.influences = true;
    req.stability = {"1/2"};
    req.threads = ctx.threads();
    ctx.table("majority_n5_pbiased", "majority:n=5 under the 1/3-biased measure (p = Pr[x_i = -1] = 1/3): exact level "
                                     "weights, influences and noise stability",
              gdcert_command({"walsh", req.spec, "--bias", req.bias, "--levels", "--influences", "--stability", "1/2"}),
              walsh_document(req));
  }
  for (const char* s : {"present", "aes"}) {
    api::SBoxRequest req;
    req.spec = std::string("sbox:") + s;
    ctx.table(std::string("sbox_") + s, std::string("the ") + (std::string(s) == "aes" ? "AES" : "PRESENT") +
                                            " S-box: linearity, nonlinearity, differential uniformity, LAT and DDT histograms",
              gdcert_command({"sbox", req.spec}), sbox_document(req));
  }
}

void deep_kernels_report_section(ReportContext& ctx) {
  {
    api::KernelDeepRequest req;
    req.activation = "relu";
    req.depth = 5;
    req.q1 = "1";
    req.q2 = "1";
    req.c = "1/2";
    ctx.table("relu_pair_depth5", "deep NNGP and NTK of a ReLU network (NTK parameterization, sigma_w^2 = 2, sigma_b^2 = 0), "
                                  "L = 5, one pair with Sigma^1 = [[1, 1/2], [1/2, 1]], every layer",
              gdcert_command({"deep-kernel", "relu", "--depth", "5", "--q1", "1", "--q2", "1", "--c", "1/2"}),
              kernel_deep_document(req, 128));
  }
  {
    api::KernelDeepRequest req;
    req.activation = "relu";
    req.depth = 3;
    req.data = "24cell:idx=1,2,3,4";
    ctx.table("relu_24cell_depth3", "deep NNGP and NTK Gram entries of a ReLU network, L = 3, four 24-cell vertices "
                                    "(sigma_w^2 = 2, sigma_b^2 = 0)",
              gdcert_command({"deep-kernel", "relu", "--depth", "3", "--data", req.data}), kernel_deep_document(req, 128));
  }
  {
    api::KernelDeepRequest req;
    req.activation = "relu";
    req.depth = 50;
    req.q1 = "1";
    req.q2 = "1";
    req.c = "0";
    req.fixed_point = true;
    req.iterates = 20;
    ctx.table("relu_fixed_point", "infinite-depth fixed point of the ReLU correlation map (sigma_w^2 = 2, sigma_b^2 = 0) "
                                  "and 20 certified iterates from rho = 0",
              gdcert_command({"deep-kernel", "relu", "--depth", "50", "--q1", "1", "--q2", "1", "--c", "0", "--fixed-point",
                              "--iterates", "20"}),
              kernel_deep_document(req, 128));
  }
}

}  // namespace gdcert::report
