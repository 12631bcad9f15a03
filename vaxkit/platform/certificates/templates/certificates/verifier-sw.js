{% load static %}/* Service worker of the offline certificate verifier: keeps the page and its scripts. */
"use strict";
const CACHE = "vaxkit-verifier-v1";
const PAGE = "{% url 'certificates-verifier' %}";
const ASSETS = [
  PAGE,
  "{% static 'certificates/verifier/jsQR.js' %}",
  "{% static 'certificates/verifier/codecs.js' %}",
  "{% static 'certificates/verifier/verifier.js' %}",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!ASSETS.includes(url.pathname)) return;
  // The page carries the current keys and revocation list: network first, the cached copy
  // offline. Scripts change only with a deployment: cache first.
  if (url.pathname === PAGE) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
          return response;
        })
        .catch(() => caches.match(PAGE))
    );
  } else {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
