// Small behaviours the templates ask for with data-* attributes, so that no page needs inline
// event handlers (the Content-Security-Policy allows no inline script: decision 20).
//   <select data-autosubmit>            submits its form when changed
//   <form data-confirm="Sure?">         asks before submitting
//   <input data-check="css selector">   when changed, checks the element the selector names
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches("[data-autosubmit]") && field.form) field.form.requestSubmit();
  const target = field.dataset && field.dataset.check ? document.querySelector(field.dataset.check) : null;
  if (target) target.checked = true;
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
// HTMX (decision 36): a refusal or error swapped into the message area is brought into view.
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const area = event.detail.target;
  if (area.id === "messages" && area.querySelector(".msg-refusal, .msg.error")) area.scrollIntoView({block: "start"});
});
