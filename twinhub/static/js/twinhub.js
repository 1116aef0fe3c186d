// The page frame's few behaviours: the menu button on small screens, dropdowns that close on
// Escape or a click elsewhere. Everything works without it (the menu is shown, <details> opens).
document.documentElement.classList.replace("no-js", "js");
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-button");
  const nav = document.getElementById("site-nav");
  if (button && nav) {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      document.body.classList.toggle("nav-open", open);
    });
  }
  const closeDropdowns = (except) => {
    for (const d of document.querySelectorAll("details.dropdown[open]")) if (d !== except) d.open = false;
  };
  document.addEventListener("click", (event) => closeDropdowns(event.target.closest("details.dropdown")));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = document.querySelector("details.dropdown[open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
});
