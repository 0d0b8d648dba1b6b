// Autosave for case notes (progressive enhancement: the "Save draft" button does the same
// without JavaScript). Posts the draft every few seconds while it changes and when the page
// is hidden. Everything typed is kept in localStorage until the server has it: the copy is
// dropped only when a page shows the same text as saved (the form after a save, or the note
// once final, which names the keys it confirms with data-draft-confirmed).
// A conflict (someone else saved a newer version) shows both versions and stops autosave:
// neither is discarded, and the user chooses by saving again.
const STORAGE_PREFIX = "harbour-draft:";

for (const el of document.querySelectorAll("[data-draft-confirmed]")) {
  try { localStorage.removeItem(STORAGE_PREFIX + el.dataset.draftConfirmed); } catch (e) { /* ignore */ }
}

const form = document.getElementById("case-note-form");
const INTERVAL_MS = 3000;

if (form && window.fetch && window.FormData) {
  const status = document.getElementById("autosave-status");
  const conflictBox = document.getElementById("autosave-conflict");
  const theirs = document.getElementById("autosave-theirs");
  const yours = document.getElementById("autosave-yours");
  let storageKey = STORAGE_PREFIX + form.dataset.draftKey;
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
  // A conflict shown by the server (the page after a save refused as stale) stops autosave.
  let conflict = Boolean(document.getElementById("conflict"));

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

  // "07" and "7" are the same day; spaces at the ends are not kept by the server.
  const same = (a, b) => {
    const norm = (fields) => Object.keys(fields).sort().map(
      (k) => k + "=" + String(fields[k]).trim().replace(/^0+(?=\d)/, "")).join("\n");
    return norm(a) === norm(b);
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

  const read = (key) => { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } };
  const keepLocal = () => {
    const copy = { fields: fieldsOf(), version: versionField.value, conflict, at: Date.now() };
    try { localStorage.setItem(storageKey, JSON.stringify(copy)); } catch (e) { /* storage full or disabled */ }
  };
  const dropLocal = (key = storageKey) => { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } };

  const conflictTitle = document.getElementById("autosave-conflict-title");
  const showConflict = (saved) => {
    conflict = true;
    // The same author saving on another device or tab is told so, not "someone else".
    if (saved.conflict_heading && conflictTitle) conflictTitle.textContent = saved.conflict_heading;
    theirs.textContent = (saved.title ? saved.title + "\n\n" : "") + (saved.body || "");
    const mine = fieldsOf();
    yours.textContent = (mine.title ? mine.title + "\n\n" : "") + (mine.body || "");
    conflictBox.hidden = false;
    keepLocal();
  };

  // The new note this draft was started from is saved when this page shows the same text.
  for (const key of (form.dataset.draftConfirms || "").split(" ").filter(Boolean)) {
    const copy = read(STORAGE_PREFIX + key);
    if (copy && copy.fields && same(copy.fields, fieldsOf())) dropLocal(STORAGE_PREFIX + key);
  }

  // A copy the server never confirmed (connection lost, tab closed, a conflict left): put it back.
  const copy = read(storageKey);
  if (conflict) {
    keepLocal();
  } else if (form.dataset.unsaved === "true") {
    // The form came back with an error: what it shows is not saved yet.
    keepLocal();
    dirty = true;
  } else if (copy && copy.fields) {
    if (same(copy.fields, fieldsOf())) {
      dropLocal();
    } else if (copy.conflict || (copy.version !== versionField.value && form.dataset.savedByYou !== "true")) {
      const saved = fieldsOf();
      restore(copy.fields);
      showConflict(saved);
      say("We restored your text, which was not saved. Someone else's version is saved: compare them, then choose “Save draft” to keep yours.");
    } else {
      restore(copy.fields);
      dirty = true;
      say("We restored text you had not saved yet. It will be saved in a moment.");
    }
  }

  const body = () => {
    const data = new FormData(form);
    data.delete("action");
    data.set("client_id", clientId);
    return data;
  };

  const save = async (useBeacon = false) => {
    if (!dirty || saving || conflict) return;
    if (useBeacon && navigator.sendBeacon) {
      navigator.sendBeacon(form.dataset.autosaveUrl, body());
      return; // the localStorage copy stays until a later page shows the text saved
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
          storageKey = STORAGE_PREFIX + "note:" + result.id;
        }
        if (dirty) keepLocal(); else dropLocal();
        say(`Draft saved at ${result.saved_at} (version ${result.version}).`);
      } else if (response.status === 409 && result.current) {
        versionField.value = result.current.version;
        showConflict(result.current);
        say(`Not saved: ${result.current.by_you ? "you saved a newer version elsewhere" : result.current.updated_by + " saved a newer version"}. Your text is kept here and on this device.`);
      } else if (response.status === 400 || (response.status === 403 && result.message)) {
        say(result.message || "Not saved yet: check the answers above. Your text is kept on this device.");
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
  form.addEventListener("submit", () => {
    // The page this submit leads to drops the copy once it shows the text saved.
    conflict = false;
    keepLocal();
    conflict = true; // no autosave while the form is being sent
  });
  setInterval(() => save(false), INTERVAL_MS);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(true); });
  window.addEventListener("pagehide", () => save(true));
  window.addEventListener("online", () => save(false));
}
