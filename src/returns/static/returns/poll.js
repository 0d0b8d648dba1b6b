// Progressive enhancement: while a return is being built, refresh the list of runs every
// two seconds without reloading the page. Without JavaScript the page has a refresh link.
const INTERVAL_MS = 2000;

function poll() {
  const region = document.getElementById("return-runs");
  const url = region && region.dataset.pollUrl;
  if (!url) return;
  window.setTimeout(async () => {
    try {
      const response = await fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
      if (response.ok) {
        region.outerHTML = await response.text();
      }
    } finally {
      poll();
    }
  }, INTERVAL_MS);
}

poll();
