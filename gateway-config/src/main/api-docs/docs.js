// The MemBank API document (the gateway's /api/v1/openapi.json) in Swagger UI. "Authorize" takes
// a bearer token (bin/membank token ...); "Try it out" calls this gateway.
(function () {
  'use strict';
  window.ui = SwaggerUIBundle({
    url: new URL('../openapi.json', location.href).toString(),
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
})();
