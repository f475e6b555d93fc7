// Chain: loading, tables as columns, info.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/error.hpp"
#include "chainnet/io/export.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/io/info_report.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/synth/generator.hpp"
#include "chainnet/variant/variant.hpp"

namespace py = pybind11;

namespace chainnet::python {
namespace {

using model::Chain;


std::string_view region_code(const Chain& c, model::RegionId r) {
  return r == model::kInvalidId ? std::string_view() : c.regions().codes.name(r);
}

py::dict products(const Chain& c) {
  const auto& pt = c.products();
  py::dict d;
  d["id"] = strings(pt.size(), [&](std::size_t i) { return pt.ids.name(i); });
  d["name"] = strings(pt.size(), [&](std::size_t i) { return pt.names[i]; });
  d["value"] = array(pt.value);
  return d;
}

py::dict sites(const Chain& c) {
  const auto& st = c.sites();
  const std::size_t n = st.size();
  py::dict d;
  d["id"] = strings(n, [&](std::size_t i) { return c.site_id(i); });
  d["name"] = strings(n, [&](std::size_t i) { return st.names[i]; });
  d["firm"] = strings(n, [&](std::size_t i) { return c.firms().name(st.firm[i]); });
  d["kind"] = strings(n, [&](std::size_t i) { return model::to_string(st.kind[i]); });
  d["region"] = strings(n, [&](std::size_t i) { return region_code(c, st.region[i]); });
  d["lat"] = array(st.lat);
  d["lon"] = array(st.lon);
  d["ttr"] = array(st.ttr);
  py::list tags(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::list t;
    for (model::TagId x : st.tags[static_cast<std::uint32_t>(i)]) t.append(py::str(std::string(c.tags().name(x))));
    tags[i] = t;
  }
  d["tags"] = tags;
  return d;
}

py::dict hubs(const Chain& c) {
  const auto& hb = c.hubs();
  py::dict d;
  d["id"] = strings(hb.size(), [&](std::size_t i) { return c.node_ids().name(c.num_sites() + i); });
  d["name"] = strings(hb.size(), [&](std::size_t i) { return hb.names[i]; });
  d["region"] = strings(hb.size(), [&](std::size_t i) { return region_code(c, hb.region[i]); });
  d["lat"] = array(hb.lat);
  d["lon"] = array(hb.lon);
  return d;
}

py::dict supplies(const Chain& c) {
  const auto& sp = c.supplies();
  const std::size_t n = sp.size();
  py::dict d;
  d["from"] = strings(n, [&](std::size_t i) { return c.site_id(sp.seller[i]); });
  d["to"] = strings(n, [&](std::size_t i) { return c.site_id(sp.buyer[i]); });
  d["product"] = strings(n, [&](std::size_t i) { return c.product_id(sp.product[i]); });
  d["capacity"] = array(sp.capacity);
  std::vector<double> given(n);
  for (std::size_t i = 0; i < n; ++i) given[i] = sp.share_given[i] ? sp.share[i] : NAN;
  d["share"] = array(given);
  d["share_effective"] = array(sp.share);
  d["lead_time"] = array(sp.lead_time);
  return d;
}

py::dict lanes(const Chain& c) {
  const auto& lt = c.lanes();
  const std::size_t n = lt.size();
  py::dict d;
  d["from"] = strings(n, [&](std::size_t i) { return c.node_ids().name(lt.from[i]); });
  d["to"] = strings(n, [&](std::size_t i) { return c.node_ids().name(lt.to[i]); });
  d["mode"] = strings(n, [&](std::size_t i) { return model::to_string(lt.mode[i]); });
  d["distance_km"] = array(lt.distance_km);
  d["cost"] = array(lt.cost);
  d["time_h"] = array(lt.time_h);
  d["capacity"] = array(lt.capacity);
  d["co2"] = array(lt.co2_kg);
  return d;
}

py::dict bom(const Chain& c) {
  const auto& pt = c.products();
  std::vector<std::uint32_t> owner;
  for (model::ProductId p = 0; p < pt.size(); ++p)
    for (std::uint32_t k = pt.bom.first[p]; k < pt.bom.first[p + 1]; ++k) owner.push_back(p);
  py::dict d;
  d["product"] = strings(owner.size(), [&](std::size_t i) { return pt.ids.name(owner[i]); });
  d["input"] = strings(owner.size(), [&](std::size_t i) { return pt.ids.name(pt.bom.items[i]); });
  d["quantity"] = array(pt.bom_quantity);
  return d;
}

py::dict capacities(const Chain& c) {
  const auto& mt = c.makes();
  py::dict d;
  d["site"] = strings(mt.size(), [&](std::size_t i) { return c.site_id(mt.site[i]); });
  d["product"] = strings(mt.size(), [&](std::size_t i) { return c.product_id(mt.product[i]); });
  d["capacity"] = array(mt.capacity);
  d["cost"] = array(mt.unit_cost);
  d["co2"] = array(mt.co2_kg);
  return d;
}

py::dict recipes(const Chain& c) {
  const auto& mt = c.makes();
  std::vector<std::uint32_t> entries;
  for (model::MakeId m = 0; m < mt.size(); ++m)
    if (mt.own_recipe[m])
      for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k) entries.push_back(k);
  py::dict d;
  d["site"] = strings(entries.size(), [&](std::size_t i) { return c.site_id(mt.site[mt.recipe_make[entries[i]]]); });
  d["product"] = strings(entries.size(), [&](std::size_t i) { return c.product_id(mt.product[mt.recipe_make[entries[i]]]); });
  d["input"] = strings(entries.size(), [&](std::size_t i) { return c.product_id(mt.recipe.items[entries[i]]); });
  std::vector<double> q(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) q[i] = mt.recipe_quantity[entries[i]];
  d["quantity"] = array(q);
  return d;
}

py::dict quantities(const Chain& c, bool demand) {
  const auto& ht = c.holdings();
  std::vector<std::uint32_t> rows;
  std::vector<double> q;
  for (model::HoldingId h = 0; h < ht.size(); ++h) {
    const double x = demand ? ht.demand[h] : ht.stock[h];
    if (x != 0) {
      rows.push_back(h);
      q.push_back(x);
    }
  }
  py::dict d;
  d["site"] = strings(rows.size(), [&](std::size_t i) { return c.site_id(ht.site[rows[i]]); });
  d["product"] = strings(rows.size(), [&](std::size_t i) { return c.product_id(ht.product[rows[i]]); });
  d["quantity"] = array(q);
  return d;
}

py::list diagnostics(const std::vector<Diagnostic>& ds) {
  py::list out;
  for (const Diagnostic& d : ds) {
    py::dict x;
    x["file"] = d.file;
    x["line"] = d.line;
    x["column"] = d.column;
    x["severity"] = d.severity == Severity::error ? "error" : "warning";
    x["message"] = d.message;
    out.append(x);
  }
  return out;
}

std::shared_ptr<PyChain> wrap(io::LoadResult&& r) {
  auto p = std::make_shared<PyChain>();
  p->chain = std::move(r.chain);
  p->warnings = std::move(r.warnings);
  return p;
}

}  // namespace

void bind_model(py::module_& m) {
  py::class_<PyChain, std::shared_ptr<PyChain>>(m, "Chain", "An immutable chain snapshot (C++ side).")
      .def_property_readonly("name", [](const PyChain& c) { return c.chain.name(); })
      .def_property_readonly("description", [](const PyChain& c) { return c.chain.description(); })
      .def_property_readonly("num_sites", [](const PyChain& c) { return c.chain.num_sites(); })
      .def_property_readonly("num_products", [](const PyChain& c) { return c.chain.products().size(); })
      .def_property_readonly("num_supplies", [](const PyChain& c) { return c.chain.supplies().size(); })
      .def_property_readonly("num_lanes", [](const PyChain& c) { return c.chain.lanes().size(); })
      .def_property_readonly("num_hubs", [](const PyChain& c) { return c.chain.hubs().size(); })
      .def_property_readonly("warnings", [](const PyChain& c) { return diagnostics(c.warnings); })
      .def_property_readonly("units", [](const PyChain& c) {
        py::dict d;
        d["quantity"] = c.chain.units().quantity;
        d["time"] = c.chain.units().time;
        d["currency"] = c.chain.units().currency;
        return d;
      })
      .def_property_readonly("settings", [](const PyChain& c) {
        const auto& s = c.chain.settings();
        py::dict d;
        d["carbon_price"] = s.carbon_price;
        d["value_of_time"] = s.value_of_time;
        d["horizon"] = s.horizon;
        d["ttr"] = s.ttr;
        d["seed"] = s.seed;
        d["hours_per_period"] = s.hours_per_period;
        py::dict report;  // as the scenario writes it: only what is set, so that it reads back
        if (!s.report.tiles.empty()) report["tiles"] = s.report.tiles;
        if (s.report.budget >= 0) report["budget"] = s.report.budget;
        report["objective"] = s.report.objective;
        d["report"] = report;
        return d;
      })
      .def("_products", [](const PyChain& c) { return products(c.chain); })
      .def("_sites", [](const PyChain& c) { return sites(c.chain); })
      .def("_hubs", [](const PyChain& c) { return hubs(c.chain); })
      .def("_supplies", [](const PyChain& c) { return supplies(c.chain); })
      .def("_lanes", [](const PyChain& c) { return lanes(c.chain); })
      .def("_bom", [](const PyChain& c) { return bom(c.chain); })
      .def("_capacities", [](const PyChain& c) { return capacities(c.chain); })
      .def("_recipes", [](const PyChain& c) { return recipes(c.chain); })
      .def("_stocks", [](const PyChain& c) { return quantities(c.chain, false); })
      .def("_demands", [](const PyChain& c) { return quantities(c.chain, true); })
      .def("_info_json", [](const PyChain& c) {
        std::string json;
        {
          py::gil_scoped_release release;
          const auto s = model::summarize(c.chain);
          io::JsonWriter w(false);
          io::write_info_json(w, c.chain, s);
          json = w.take();
        }
        return json;
      })
      .def("_export", [](const PyChain& c, const std::string& format, const std::vector<std::string>& with) {
        const auto f = io::parse_export_format(format);
        if (!f) throw InvalidInput("unknown format '" + format + "' (expected geojson, graphml, gexf or dot)");
        py::gil_scoped_release release;
        return io::export_chain(c.chain, *f, io::export_joins(c.chain, with));
      })
      .def("_export_file", [](const PyChain& c, const std::string& format, const std::vector<std::string>& with,
                              const std::string& path) {
        const auto f = io::parse_export_format(format);
        if (!f) throw InvalidInput("unknown format '" + format + "' (expected geojson, graphml, gexf or dot)");
        py::gil_scoped_release release;
        io::export_chain_to_file(c.chain, *f, io::export_joins(c.chain, with), path);  // whole or not at all
      })
      .def("_write", [](const PyChain& c, const std::string& dir) {
        py::gil_scoped_release release;
        return io::write_scenario(c.chain, dir);
      })
      .def("_scenario_json", [](const PyChain& c, const std::string& key) { return io::scenario_json(c.chain, key); })
      .def("_variant", [](const PyChain& c, const std::string& id) {
        variant::Applied a;
        {
          py::gil_scoped_release release;
          a = variant::apply_variant(c.chain, id);
        }
        return wrap(io::LoadResult{std::move(a.chain), std::move(a.warnings)});
      })
      .def("_edit", [](const PyChain& c, const std::vector<std::string>& changes, bool keep_variants) {
        // Each change as JSON text (JSON is YAML), placed at "<edit>" line k (its index + 1).
        std::vector<model::ChangeSpec> specs;
        for (std::size_t k = 0; k < changes.size(); ++k)
          specs.push_back({changes[k], "<edit>", static_cast<std::uint32_t>(k + 1), 0});
        variant::Applied a;
        {
          py::gil_scoped_release release;
          a = variant::apply_changes(c.chain, specs, "edit", "", keep_variants);
        }
        return wrap(io::LoadResult{std::move(a.chain), std::move(a.warnings)});
      });

  m.def("_load", [](const std::string& path) {
    io::LoadResult r;
    {
      py::gil_scoped_release release;
      r = io::load_scenario(path);
    }
    return wrap(std::move(r));
  });

  m.def("_load_tables", [](const std::string& yaml, const py::dict& tables) {
    std::map<std::string, io::TextTable> t;
    for (auto item : tables) {
      const auto key = item.first.cast<std::string>();
      const auto spec = item.second.cast<py::tuple>();
      io::TextTable tt;
      tt.name = spec[0].cast<std::string>();
      tt.columns = spec[1].cast<std::vector<std::string>>();
      tt.cells = spec[2].cast<std::vector<std::vector<std::string>>>();
      t.emplace(key, std::move(tt));
    }
    io::LoadResult r;
    {
      py::gil_scoped_release release;
      r = io::load_tables(yaml, t);
    }
    return wrap(std::move(r));
  });

  m.def("_generate", [](std::uint32_t sites, std::uint64_t seed) {
    io::LoadResult r;
    {
      py::gil_scoped_release release;
      r.chain = synth::generate_chain({sites, seed});
    }
    return wrap(std::move(r));
  });
}

}  // namespace chainnet::python
