// The landing page's query editor: YASGUI's editor (Yasqe) over the plain form, results in a Yasr table.
// Without JavaScript the form still works: it submits to /sparql and the answer downloads as a file.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const mount = document.getElementById("yasgui");
  const results = document.getElementById("results");
  const downloads = document.querySelectorAll("#current-downloads a[data-format]");
  if (!form || !window.Yasgui) {
    return;
  }

  function downloadUrl(query, format) {
    const params = new URLSearchParams({ query: query, format: format });
    return form.action + "?" + params.toString();
  }

  // The project's prefixes, for completion in the editor and short IRIs in the results (no call to prefix.cc).
  const prefixes = JSON.parse(document.getElementById("prefixes").textContent);
  const prefixFile = URL.createObjectURL(new Blob([JSON.stringify(prefixes)], { type: "application/json" }));
  const requestConfig = {
    endpoint: form.action,
    method: "POST",
    acceptHeaderSelect: "application/sparql-results+json",
    acceptHeaderGraph: "text/turtle",
  };
  mount.hidden = false;
  textarea.hidden = true;
  const yasqe = new Yasgui.Yasqe(mount, {
    value: textarea.value,
    requestConfig: requestConfig,
    persistenceId: null,
    showQueryButton: false,
    resizeable: true,
    prefixCcApi: prefixFile,
    // Tab moves the focus on, as everywhere else on the page (no keyboard trap); Ctrl-Enter runs the query.
    extraKeys: { Tab: false, "Shift-Tab": false },
  });
  yasqe.getInputField().setAttribute("aria-labelledby", "query-label");
  // Result cells link resource IRIs to their page on this server, which works without w3id.org; the text stays the
  // IRI or its prefixed form. The table plugin hands its tableConfig to DataTables, whose createdRow callback runs
  // once for each row when it is first drawn (rows of later pages too, with deferred rendering).
  const resourceLinks = JSON.parse(document.getElementById("resource-links").textContent);
  function linkResourcesLocally(row) {
    row.querySelectorAll("a.iri").forEach(function (link) {
      const iri = link.getAttribute("href");
      if (iri.startsWith(resourceLinks.namespace)) {
        link.href = resourceLinks.base + iri.slice(resourceLinks.namespace.length);
      }
    });
  }
  const table = Yasgui.Yasr.plugins.table;
  table.defaults.tableConfig = Object.assign({}, table.defaults.tableConfig, { createdRow: linkResourcesLocally });
  const yasr = new Yasgui.Yasr(results, { persistenceId: null, prefixes: prefixes });

  function sync() {
    const query = yasqe.getValue();
    textarea.value = query;
    downloads.forEach(function (link) {
      link.href = downloadUrl(query, link.dataset.format);
    });
  }

  yasqe.on("change", sync);
  yasqe.on("queryResponse", function (_editor, response, duration) {
    yasr.setResponse(response, duration);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sync();
    yasqe.query().catch(function () {
      // Yasqe has already shown the error in the editor; Yasr shows nothing new.
    });
  });
  document.querySelectorAll("button.load-example").forEach(function (button) {
    button.addEventListener("click", function () {
      yasqe.setValue(button.dataset.query);
      sync();
    });
  });
  sync();
})();
