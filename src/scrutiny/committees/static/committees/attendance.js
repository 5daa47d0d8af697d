// The attendance grid's quorum, recounted as the officer chooses statuses. Without this
// script the page shows the quorum of the saved attendance, so nothing depends on it.
(function () {
  "use strict";
  var grid = document.getElementById("attendance-grid");
  var box = document.getElementById("quorum");
  if (!grid || !box) {
    return;
  }
  var required = parseInt(box.getAttribute("data-required"), 10);
  var count = document.getElementById("quorum-count");
  var verdict = document.getElementById("quorum-verdict");

  function statusOf(row) {
    var checked = row.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function recount() {
    var rows = grid.querySelectorAll(".app-attendee");
    var inRoom = {};
    var total = 0;
    rows.forEach(function (row) {
      if (row.getAttribute("data-counts") === "member" && statusOf(row) === "present") {
        inRoom[row.getAttribute("data-person")] = true;
        total += 1;
      }
    });
    rows.forEach(function (row) {
      if (
        row.getAttribute("data-counts") === "substitute" &&
        statusOf(row) === "substitute" &&
        !inRoom[row.getAttribute("data-for")]
      ) {
        total += 1;
      }
    });
    count.textContent = String(total);
    verdict.textContent = total >= required ? "quorate" : "not quorate";
  }

  grid.addEventListener("change", recount);
  recount();
})();
