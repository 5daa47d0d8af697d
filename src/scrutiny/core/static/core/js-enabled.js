// Loaded at the top of <body>, before anything paints: GOV.UK Frontend styles its components
// for browsers that run its JavaScript.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
