// Session expiry warning and server-side drafts (ADR 0009). Progressive enhancement:
// without this script the session simply ends after the idle time, and a form posted
// after that is kept by the server and offered back after signing in again.
const config = document.getElementById("hb-session");
if (config) start(config);

function start(cfg) {
  const idleSeconds = Number(cfg.dataset.idleSeconds);
  const warningSeconds = Number(cfg.dataset.warningSeconds);
  const urls = {
    status: cfg.dataset.statusUrl,
    keepAlive: cfg.dataset.keepaliveUrl,
    save: cfg.dataset.draftSaveUrl,
    current: cfg.dataset.draftCurrentUrl,
    discard: cfg.dataset.draftDiscardUrl,
  };
  const autosaveMs = Number(cfg.dataset.autosaveSeconds || 20) * 1000;
  let deadline = Date.now() + idleSeconds * 1000;
  let dialog = null;
  let submitting = false;
  const dirty = new Set();

  const csrf = () => {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };
  const pathOf = (form) => new URL(form.action || window.location.href, window.location.href).pathname;
  const draftForms = Array.from(document.querySelectorAll("main form")).filter(
    (form) =>
      (form.getAttribute("method") || "get").toLowerCase() === "post" &&
      !form.hasAttribute("data-no-draft") &&
      form.querySelector("textarea, select, input:not([type=hidden]):not([type=submit]):not([type=button])"),
  );

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() },
    });
    if (response.type === "opaqueredirect" || !response.ok) return null;
    const data = await response.json();
    if (data.expires_in) deadline = Date.now() + data.expires_in * 1000;
    return data;
  }

  async function saveDrafts() {
    const forms = Array.from(dirty);
    dirty.clear();
    for (const form of forms) {
      const body = new FormData(form);
      body.set("_draft_url", pathOf(form));
      try {
        await post(urls.save, body);
        cfg.dataset.lastSaved = String(Date.now());
      } catch (error) {
        dirty.add(form); // try again next time
      }
    }
  }

  function restore(form, draft) {
    const elements = form.elements;
    for (const [name, values] of Object.entries(draft.data)) {
      if (name === "csrfmiddlewaretoken") continue;
      const field = elements.namedItem(name);
      if (!field) continue;
      const list = field instanceof RadioNodeList ? Array.from(field) : [field];
      for (const el of list) {
        if (el.type === "radio" || el.type === "checkbox") el.checked = values.includes(el.value);
        else if (el.tagName === "SELECT") Array.from(el.options).forEach((o) => (o.selected = values.includes(o.value)));
        else if (list.length === 1) el.value = values[0] ?? "";
      }
    }
    const when = new Date(draft.updated_at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    const banner = document.createElement("div");
    banner.className = "govuk-notification-banner hb-draft-banner";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-labelledby", "hb-draft-title");
    banner.innerHTML =
      '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="hb-draft-title">Unsaved work restored</h2></div>' +
      '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading"></p>' +
      '<button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Discard restored answers</button></div>';
    banner.querySelector("p").textContent = `We restored what you typed at ${when}, before it was saved. Check it, then save.`;
    banner.querySelector("button").addEventListener("click", async () => {
      const body = new FormData();
      body.set("_draft_url", pathOf(form));
      await post(urls.discard, body);
      window.location.reload();
    });
    form.parentNode.insertBefore(banner, form);
  }

  async function restoreDrafts() {
    if (document.querySelector(".govuk-error-summary")) return; // the page already shows what was posted
    for (const form of draftForms) {
      const response = await fetch(`${urls.current}?url=${encodeURIComponent(pathOf(form))}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) continue;
      const data = await response.json();
      if (data.draft) restore(form, data.draft);
    }
  }

  function buildDialog() {
    const el = document.createElement("dialog");
    el.className = "hb-timeout";
    el.setAttribute("aria-labelledby", "hb-timeout-title");
    el.setAttribute("aria-describedby", "hb-timeout-text");
    el.innerHTML =
      '<h2 class="govuk-heading-m" id="hb-timeout-title">You will be signed out soon</h2>' +
      '<p class="govuk-body" id="hb-timeout-text">To protect the records, you will be signed out in <strong class="hb-timeout__left"></strong>. ' +
      "We have saved anything you have typed.</p>" +
      '<div class="govuk-button-group"><button type="button" class="govuk-button" data-module="govuk-button">Stay signed in</button></div>';
    el.querySelector("button").addEventListener("click", async () => {
      await post(urls.keepAlive, new FormData());
      el.close();
    });
    el.addEventListener("cancel", (event) => event.preventDefault());
    document.body.appendChild(el);
    return el;
  }

  function fetchStatus() {
    return fetch(urls.status, { credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
      .then((r) => (r.ok && r.type !== "opaqueredirect" ? r.json() : null))
      .catch(() => null);
  }

  function describe(seconds) {
    if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`;
    if (seconds >= 60) return "1 minute";
    return `${seconds} seconds`;
  }

  async function tick() {
    const left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) {
      await saveDrafts();
      const status = await fetchStatus();
      if (status) {
        deadline = Date.now() + status.expires_in * 1000 + 1000; // not over yet on the server
      } else {
        window.location.assign(window.location.pathname); // the session has ended: sign in again
        return;
      }
    }
    if (left <= warningSeconds) {
      if (!dialog || !dialog.open) {
        const status = await fetchStatus();
        if (status && status.expires_in > warningSeconds) {
          deadline = Date.now() + status.expires_in * 1000; // another tab kept the session alive
        } else {
          dialog = dialog || buildDialog();
          draftForms.forEach((form) => dirty.add(form));
          await saveDrafts();
          dialog.showModal();
        }
      }
      if (dialog) dialog.querySelector(".hb-timeout__left").textContent = describe(Math.max(left, 0));
    }
    window.setTimeout(tick, 1000);
  }

  draftForms.forEach((form) => {
    const mark = () => dirty.add(form);
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", () => {
      submitting = true;
    });
  });
  window.setInterval(() => {
    if (dirty.size && !submitting) saveDrafts();
  }, autosaveMs);
  window.addEventListener("pagehide", () => {
    if (!dirty.size || submitting) return;
    for (const form of dirty) {
      const body = new FormData(form);
      body.set("_draft_url", pathOf(form));
      body.set("csrfmiddlewaretoken", csrf());
      navigator.sendBeacon(urls.save, body);
    }
  });
  restoreDrafts();
  window.setTimeout(tick, 1000);
}
