// Progressive enhancement only: every page works without this file.
import { initAll } from "./build/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// "Listen": read the question and its options aloud with the browser's own speech, in the
// page's language, only where the browser has such a voice. Nothing is sent anywhere.
function textToRead(source) {
  const parts = [];
  source.querySelectorAll("legend, label, .govuk-hint, .coprod-pictures__text").forEach((node) => {
    const text = node.innerText.trim();
    if (text && !parts.includes(text)) parts.push(text);
  });
  return parts.join(". ");
}

function voiceFor(lang) {
  return window.speechSynthesis
    .getVoices()
    .find((voice) => voice.lang.toLowerCase().split("-")[0] === lang);
}

function enableListen() {
  const button = document.querySelector("[data-listen]");
  const source = document.querySelector("[data-listen-source]");
  if (!button || !source || !("speechSynthesis" in window)) return;
  const lang = button.dataset.lang;
  const offer = () => {
    if (!voiceFor(lang)) return;
    button.closest(".coprod-listen").hidden = false;
  };
  offer();
  window.speechSynthesis.addEventListener("voiceschanged", offer);
  button.addEventListener("click", () => {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(textToRead(source));
    utterance.lang = lang; // the browser picks its voice for this language
    window.speechSynthesis.speak(utterance);
  });
}

enableListen();

// A job's page follows the work while it runs: every 2 seconds it fetches itself and puts the
// new progress in place, so the page never reloads under the reader. When the work is done or
// has stopped, that is said once to screen readers. (Without JavaScript the page reloads.)
const JOB_POLL_MS = 2000;
const JOB_RETRY_MS = 10000;

function followJob() {
  const live = document.querySelector("[data-job-live][data-job-poll]");
  if (!live) return;
  const announce = document.querySelector("[data-job-announce]");
  const poll = async () => {
    let page;
    try {
      const response = await fetch(live.dataset.jobPoll, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch {
      window.setTimeout(poll, JOB_RETRY_MS); // offline for a moment: try again a little later
      return;
    }
    const fresh = page.querySelector("[data-job-live]");
    if (!fresh) return; // signed out, say: the page's own links still work
    live.replaceChildren(...fresh.childNodes);
    if (fresh.hasAttribute("data-job-poll")) {
      window.setTimeout(poll, JOB_POLL_MS);
      return;
    }
    live.removeAttribute("data-job-poll");
    initAll({ scope: live });
    const status = live.querySelector("[data-job-status]");
    if (announce && status) announce.textContent = status.innerText.trim();
  };
  window.setTimeout(poll, JOB_POLL_MS);
}

followJob();
