// Wide tables scroll inside their own box instead of widening the page (WCAG 1.4.10 reflow):
// each GOV.UK table not already wrapped gets a keyboard-focusable, labelled scrolling region.
export function wrapTables(root = document) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    if (table.closest(".app-table-wrapper")) continue;
    const wrapper = document.createElement("div");
    wrapper.className = "app-table-wrapper";
    wrapper.setAttribute("role", "region");
    wrapper.tabIndex = 0;
    const caption = table.caption ? table.caption.textContent.trim() : "";
    wrapper.setAttribute("aria-label", caption ? `Table: ${caption}` : "Table");
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
  }
}
