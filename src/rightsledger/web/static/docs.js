// Swagger UI over the app's OpenAPI description (web/docs.py): a file, not an inline
// script, so that the Content-Security-Policy can forbid inline scripts.
const box = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: box.dataset.openapi, dom_id: "#swagger-ui", layout: "BaseLayout", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  showExtensions: true, showCommonExtensions: true,
});
