/* A small rich-text editor: a contenteditable area with a toolbar. The HTML is copied into
   the form's textarea on submit; the server sanitises it (twinhub.core.sanitize). */
(function () {
  "use strict";
  document.querySelectorAll(".rt-toolbar").forEach(function (bar) {
    var editor = document.getElementById(bar.dataset.editor);
    var form = editor.closest("form");
    var field = form.querySelector("textarea[name=body_html]");
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-cmd]");
      if (!button) return;
      event.preventDefault();
      editor.focus();
      var value = button.dataset.value || null;
      if (button.dataset.prompt) {
        value = window.prompt(button.dataset.prompt, "https://");
        if (!value || !/^(https?:|mailto:)/i.test(value)) return;
      }
      document.execCommand(button.dataset.cmd, false, value);
    });
    form.addEventListener("submit", function () { field.value = editor.innerHTML; });
  });
})();
