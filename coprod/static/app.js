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
