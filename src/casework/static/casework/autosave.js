// Autosave for case notes (progressive enhancement: the "Save draft" button does the same
// without JavaScript). Posts the draft every few seconds while it changes and when the page
// is hidden; keeps a copy in localStorage until the server confirms it, and restores it on
// reload; on a 409 (someone else saved a newer version) shows both versions and stops.
const form = document.getElementById("case-note-form");
const INTERVAL_MS = 3000;

if (form && window.fetch && window.FormData) {
  const status = document.getElementById("autosave-status");
  const conflictBox = document.getElementById("autosave-conflict");
  const theirs = document.getElementById("autosave-theirs");
  let storageKey = "harbour-draft:" + form.dataset.draftKey;
  const versionField = form.querySelector("input[name=version]");
  // One id per browser tab (kept across reloads): the server never treats this tab's own
  // earlier saves (such as the one sent as the page unloaded) as someone else's.
  let clientId = "";
  try {
    clientId = sessionStorage.getItem("harbour-autosave-client") || "";
    if (!clientId) {
      clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
      sessionStorage.setItem("harbour-autosave-client", clientId);
    }
  } catch (e) { clientId = String(Math.random()).slice(2); }
  let dirty = false;
  let saving = false;
  let stopped = false;

  const fieldsOf = () => {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version" || el.type === "submit") continue;
      if (el.type === "radio") { if (el.checked) data[el.name] = el.value; else if (!(el.name in data)) data[el.name] = ""; }
      else if (el.type === "checkbox") data[el.name] = el.checked ? el.value : "";
      else data[el.name] = el.value;
    }
    return data;
  };

  const restore = (data) => {
    for (const [name, value] of Object.entries(data)) {
      for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (el.type === "radio") el.checked = el.value === value;
        else if (el.type === "checkbox") el.checked = Boolean(value);
        else el.value = value;
      }
    }
  };

  const say = (text) => { if (status) status.textContent = text; };

  const keepLocal = () => {
    try { localStorage.setItem(storageKey, JSON.stringify({ fields: fieldsOf(), at: Date.now() })); } catch (e) { /* storage full or disabled */ }
  };
  const dropLocal = () => { try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ } };

  // A copy the server never confirmed (connection lost, tab closed): put it back.
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) || "null");
    if (saved && saved.fields) {
      const current = JSON.stringify(fieldsOf());
      if (JSON.stringify(saved.fields) !== current) {
        restore(saved.fields);
        dirty = true;
        say("We restored text you had not saved yet. It will be saved in a moment.");
      } else {
        dropLocal();
      }
    }
  } catch (e) { dropLocal(); }

  const body = () => {
    const data = new FormData(form);
    data.delete("action");
    data.set("client_id", clientId);
    return data;
  };

  const save = async (useBeacon = false) => {
    if (!dirty || saving || stopped) return;
    if (useBeacon && navigator.sendBeacon) {
      navigator.sendBeacon(form.dataset.autosaveUrl, body());
      return; // the localStorage copy stays until a later page load confirms
    }
    saving = true;
    dirty = false;
    say("Saving…");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body: body(), credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        versionField.value = result.version;
        if (result.autosave_url && form.dataset.autosaveUrl !== result.autosave_url) {
          form.dataset.autosaveUrl = result.autosave_url;
          form.action = result.edit_url;
          history.replaceState(null, "", result.edit_url);
          dropLocal();
          storageKey = "harbour-draft:note:" + result.id;
          if (dirty) keepLocal();
        }
        if (!dirty) dropLocal();
        say(`Draft saved at ${result.saved_at} (version ${result.version}).`);
      } else if (response.status === 409 && result.current) {
        stopped = true;
        versionField.value = result.current.version;
        theirs.textContent = (result.current.title ? result.current.title + "\n\n" : "") + result.current.body;
        conflictBox.hidden = false;
        say(`Not saved: ${result.current.updated_by} saved a newer version. Your text is kept here.`);
      } else if (response.status === 400) {
        say("Not saved yet: check the date and the answers about the child being seen.");
      } else {
        dirty = true;
        say("Not saved: Harbour could not be reached. Your text is kept on this device and will be saved when the connection returns.");
      }
    } catch (e) {
      dirty = true;
      say("Not saved: you seem to be offline. Your text is kept on this device and will be saved when the connection returns.");
    } finally {
      saving = false;
    }
  };

  form.addEventListener("input", () => { dirty = true; keepLocal(); });
  form.addEventListener("change", () => { dirty = true; keepLocal(); });
  form.addEventListener("submit", (event) => {
    stopped = true;
    // A finalised note is saved by this submit (or re-shown with the typed text on error).
    if (event.submitter && event.submitter.value === "finalise") dropLocal(); else keepLocal();
  });
  setInterval(() => save(false), INTERVAL_MS);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(true); });
  window.addEventListener("pagehide", () => save(true));
  window.addEventListener("online", () => save(false));
}
