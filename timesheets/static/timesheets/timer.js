// Progressive enhancement only: the timer runs on the server and the page works without this script.
// It keeps "Running for ..." up to date; the words come from the page, so they are translated.
function show(element) {
  const started = Date.parse(element.dataset.started);
  if (Number.isNaN(started)) return;
  const minutes = Math.max(0, Math.floor((Date.now() - started) / 60000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const words = (n, one, many) => (n === 1 ? one : many.replace("%(n)d", String(n)));
  const parts = [];
  if (hours) parts.push(words(hours, element.dataset.hour, element.dataset.hours));
  if (rest || !hours) parts.push(words(rest, element.dataset.minute, element.dataset.minutes));
  element.textContent = `${element.dataset.runningFor} ${parts.join(" ")}.`;
}

document.querySelectorAll(".app-timer__elapsed[data-started]").forEach((element) => {
  show(element);
  window.setInterval(() => show(element), 30000);
});
