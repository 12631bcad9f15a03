"""A self-contained documentation page for the own API (no CDN): it reads the generated
OpenAPI document and lists every operation with its parameters, body and answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API v1</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ccc;margin-top:2rem}.op{margin:1rem 0;padding:.5rem 1rem;
border-left:4px solid #369;background:#f6f8fa}.m{font-weight:bold;text-transform:uppercase}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}pre{white-space:pre-wrap}
</style></head><body>
<h1 id="title">API v1</h1><p id="desc"></p>
<p><a href="openapi.json">OpenAPI document (JSON)</a></p><div id="ops"></div>
<script>
fetch("openapi.json").then(r => r.json()).then(spec => {
  document.getElementById("title").textContent = spec.info.title + " " + spec.info.version;
  document.getElementById("desc").textContent = spec.info.description || "";
  const ops = document.getElementById("ops");
  const byTag = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags || ["other"])[0];
      (byTag[tag] = byTag[tag] || []).push([method, path, op]);
    }
  }
  for (const [tag, list] of Object.entries(byTag)) {
    const h = document.createElement("h2"); h.textContent = tag; ops.appendChild(h);
    for (const [method, path, op] of list) {
      const d = document.createElement("div"); d.className = "op";
      const head = document.createElement("div");
      const m = document.createElement("span"); m.className = "m"; m.textContent = method + " ";
      const c = document.createElement("code"); c.textContent = path;
      head.append(m, c); d.appendChild(head);
      const p = document.createElement("p"); p.textContent = op.description || op.summary || "";
      d.appendChild(p);
      const details = {parameters: op.parameters, body: op.requestBody,
                       responses: Object.keys(op.responses || {}), security: op.security};
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify(details, null, 1); d.appendChild(pre);
      ops.appendChild(d);
    }
  }
});
</script></body></html>"""


def docs_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")
