// Checkbox groups with a filter (docs/COMPONENTS.md, "Multi-select"): typing narrows the list, the
// chosen ones stay in view and are named above it. Without JavaScript it is a plain checkbox list.
(() => {
  if (window.twinhubCheckboxFilter) return;
  window.twinhubCheckboxFilter = true;
  const fold = (text) => text.toLocaleLowerCase(document.documentElement.lang || undefined)
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const setUp = (group) => {
    const filter = group.querySelector("[data-filter]");
    const count = group.querySelector("[data-count]");
    const chosen = group.querySelector("[data-chosen]");
    const items = [...group.querySelectorAll("li")];
    const show = () => {
      const picked = items.filter((li) => li.querySelector("input").checked);
      count.textContent = picked.length ? count.dataset.some.replace("#", picked.length) : count.dataset.none;
      chosen.replaceChildren(...picked.map((li) => {
        const chip = document.createElement("span");
        chip.className = "chip";
        chip.textContent = li.querySelector("label").textContent;
        return chip;
      }));
    };
    filter.hidden = false;
    filter.addEventListener("input", () => {
      const wanted = fold(filter.value.trim());
      for (const li of items) {
        const match = !wanted || fold(li.textContent).includes(wanted);
        li.hidden = !match && !li.querySelector("input").checked;
      }
    });
    filter.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    group.addEventListener("change", show);
  };
  const start = () => document.querySelectorAll("[data-checkbox-filter]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
