import { initAll } from "../vendor/govuk/govuk-frontend.min.js";
import { wrapTables } from "./tables.js";

wrapTables();
initAll();
