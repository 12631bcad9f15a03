/*
 * Offline verifier for vaxkit certificates.
 *
 * Everything needed to check EU DCC, SMART Health Card and ICAO VDS-NC certificates runs here,
 * against the tenant's trust embedded in the page (#verifier-trust): no request leaves the
 * browser, so the page keeps working without a network once loaded (a service worker caches
 * it for later visits). W3C VCs need JSON-LD canonicalisation, which is not done here: they are
 * sent to the tenant's verification API when online.
 *
 * Verdicts use the reason codes of vaxkit.certificates.verdict (bad_signature, revoked, ...).
 */
(function () {
  "use strict";

  const trust = JSON.parse(document.getElementById("verifier-trust").textContent);
  const messages = JSON.parse(document.getElementById("verifier-messages").textContent);
  const verifyUrl = document.body.dataset.verifyUrl;

  const {
    Invalid, encoder, decoder, b64urlDecode, b64Encode, b64urlEncode, hex, sha256,
    base45Decode, inflate, cborDecode, sigStructure, mapGet, plain,
  } = window.VaxkitCodecs;

  // --- keys and signatures ----------------------------------------------------------------------

  async function es256Verify(jwk, signature, data) {
    if (signature.length !== 64) return false;
    const key = await crypto.subtle.importKey(
      "jwk", { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, data);
  }

  async function certificateRevoked(certificateId) {
    if (!certificateId) return false;
    const digest = await sha256(encoder.encode(certificateId));
    return trust.revoked_certificates.includes(b64Encode(digest.slice(0, 16)));
  }

  async function ridRevoked(rid) {
    if (!rid) return false;
    for (const hash of trust.revoked_certificates) {
      const bytes = Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
      if (b64urlEncode(bytes.slice(0, 8)) === rid) return true;
    }
    return false;
  }

  function checkKeyTime(key, now, content) {
    if (key.not_before && now < new Date(key.not_before))
      throw new Invalid("not_yet_valid", "the signer certificate is not valid yet", content);
    if (key.not_after && now > new Date(key.not_after))
      throw new Invalid("expired", "the signer certificate has expired", content);
  }

  // --- EU DCC -----------------------------------------------------------------------------------

  async function verifyDcc(text, now) {
    const body = text.replace(/^[A-Z]{2}\d:/, "");
    let bytes = base45Decode(body);
    if (bytes[0] === 0x78) bytes = await inflate(bytes, "deflate");
    let message = cborDecode(bytes);
    while (message && message.tag !== undefined) message = message.value; // tag 61 / 18
    if (!Array.isArray(message) || message.length !== 4)
      throw new Invalid("bad_cose", "not a COSE_Sign1 message");
    const [protectedBytes, unprotected, payload, signature] = message;
    if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array))
      throw new Invalid("bad_cose", "COSE headers or payload are not byte strings");
    const headers = protectedBytes.length ? cborDecode(protectedBytes) : new Map();
    const alg = mapGet(headers, 1);
    const kid = mapGet(headers, 4) || mapGet(unprotected, 4);
    const claims = cborDecode(payload);
    const hcert = plain(mapGet(mapGet(claims, -260), 1));
    if (!hcert) throw new Invalid("bad_cwt", "the CWT holds no health certificate");
    const vaccination = (hcert.v || [])[0] || {};
    const content = {
      name: [hcert.nam && hcert.nam.gn, hcert.nam && hcert.nam.fn].filter(Boolean).join(" "),
      date_of_birth: hcert.dob,
      certificate_id: vaccination.ci,
      dose_number: vaccination.dn,
      total_doses: vaccination.sd,
      date: vaccination.dt,
      vaccine: vaccination.mp,
      country: vaccination.co,
      issuer: vaccination.is,
    };
    if (alg !== -7) throw new Invalid("unknown_kid", "only ES256 keys are checked offline", content);
    if (!(kid instanceof Uint8Array)) throw new Invalid("unknown_kid", "no key id", content);
    const candidates = trust.keys.filter((k) => k.dcc_kid === b64Encode(kid));
    if (!candidates.length) throw new Invalid("unknown_kid", "the signing key is not trusted", content);
    let key = null;
    for (const candidate of candidates) {
      if (await es256Verify(candidate.jwk, signature, sigStructure(protectedBytes, payload))) {
        key = candidate;
        break;
      }
    }
    if (!key) throw new Invalid("bad_signature", "the signature does not verify", content);
    if (key.revoked) throw new Invalid("revoked", "the signing key has been revoked", content);
    if (key.usages && key.usages.length && !key.usages.includes("v"))
      throw new Invalid("key_not_allowed", "the key may not sign vaccination certificates", content);
    const exp = mapGet(claims, 4);
    if (typeof exp === "number" && now > new Date(exp * 1000))
      throw new Invalid("expired", "the certificate has expired", content);
    checkKeyTime(key, now, content);
    if (await certificateRevoked(vaccination.ci))
      throw new Invalid("revoked", "the certificate has been revoked", content);
    return { format: "eu_dcc", content, key_id: key.key_id };
  }

  // --- SMART Health Card ------------------------------------------------------------------------

  async function verifyShc(text, now) {
    const match = /^shc:\/(\d+)$/.exec(text.trim());
    if (!match) throw new Invalid("bad_prefix", "one shc:/ QR code expected (multi-part cards are not supported offline)");
    const digits = match[1];
    if (digits.length % 2) throw new Invalid("bad_prefix", "odd number of digits");
    let jws = "";
    for (let i = 0; i < digits.length; i += 2) jws += String.fromCharCode(parseInt(digits.slice(i, i + 2), 10) + 45);
    const parts = jws.split(".");
    if (parts.length !== 3) throw new Invalid("bad_jws", "not a compact JWS");
    let header, claims;
    try {
      header = JSON.parse(decoder.decode(b64urlDecode(parts[0])));
    } catch (error) {
      throw new Invalid("bad_jws", "the JWS header is not JSON");
    }
    let body = b64urlDecode(parts[1]);
    if (header.zip === "DEF") body = await inflate(body, "deflate-raw");
    try {
      claims = JSON.parse(decoder.decode(body));
    } catch (error) {
      throw new Invalid("bad_json", "the card payload is not JSON");
    }
    const entries = (((claims.vc || {}).credentialSubject || {}).fhirBundle || {}).entry || [];
    const resources = entries.map((e) => e.resource || {});
    const patient = resources.find((r) => r.resourceType === "Patient") || {};
    const shots = resources.filter((r) => r.resourceType === "Immunization");
    const name = (patient.name || [])[0] || {};
    const last = shots[shots.length - 1] || {};
    const content = {
      name: [...(name.given || []), name.family].filter(Boolean).join(" "),
      date_of_birth: patient.birthDate,
      date: last.occurrenceDateTime,
      dose_number: shots.length,
      issuer: claims.iss,
    };
    if (header.alg !== "ES256") throw new Invalid("bad_jws", "SMART Health Cards use ES256", content);
    const key = trust.keys.find((k) => k.key_id === header.kid && k.purpose === "dsc");
    if (!key) throw new Invalid("unknown_kid", "the signing key is not trusted", content);
    if (claims.iss !== trust.issuer.url)
      throw new Invalid("unknown_issuer", "issued by " + claims.iss, content);
    const signed = encoder.encode(parts[0] + "." + parts[1]);
    if (!(await es256Verify(key.jwk, b64urlDecode(parts[2]), signed)))
      throw new Invalid("bad_signature", "the signature does not verify", content);
    if (key.revoked) throw new Invalid("revoked", "the signing key has been revoked", content);
    if (typeof claims.nbf === "number" && now < new Date(claims.nbf * 1000))
      throw new Invalid("not_yet_valid", "the card is not valid yet", content);
    if (typeof claims.exp === "number" && now > new Date(claims.exp * 1000))
      throw new Invalid("expired", "the card has expired", content);
    if (await ridRevoked(claims.vc.rid))
      throw new Invalid("revoked", "the certificate has been revoked", content);
    return { format: "shc", content, key_id: key.key_id };
  }

  // --- ICAO VDS-NC ------------------------------------------------------------------------------

  // RFC 8785: JSON.stringify already serialises strings and numbers the canonical way; only
  // object keys need sorting (by UTF-16 code units, which is what Array.prototype.sort does).
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort()
        .map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  async function verifyVds(document, now) {
    const data = document.data || {};
    const msg = data.msg || {};
    const pid = msg.pid || {};
    const vaccination = (msg.ve || [])[0] || {};
    const event = (vaccination.vd || [])[0] || {};
    const content = {
      name: pid.n, date_of_birth: pid.dob, certificate_id: msg.uvci, vaccine: vaccination.nam,
      dose_number: event.seq, date: event.dvc, country: event.ctr,
    };
    const sig = document.sig || {};
    if (sig.alg !== "ES256") throw new Invalid("bad_signature", "only ES256 seals are checked offline", content);
    const fingerprint = hex(await sha256(b64urlDecode(sig.cer || "")));
    const key = trust.keys.find((k) => k.fingerprint === fingerprint);
    if (!key) throw new Invalid("unknown_kid", "the signer certificate is not trusted", content);
    if (!(await es256Verify(key.jwk, b64urlDecode(sig.sigvl || ""), encoder.encode(canonical(data)))))
      throw new Invalid("bad_signature", "the seal signature does not verify", content);
    if (key.revoked) throw new Invalid("revoked", "the signer key has been revoked", content);
    checkKeyTime(key, now, content);
    if (await certificateRevoked(msg.uvci))
      throw new Invalid("revoked", "the certificate has been revoked", content);
    return { format: "icao_vds", content, key_id: key.key_id };
  }

  // --- W3C VC (online) --------------------------------------------------------------------------

  async function verifyOnline(body) {
    if (!navigator.onLine) throw new Invalid("needs_network", messages.needs_network);
    let response;
    try {
      response = await fetch(verifyUrl, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Invalid("needs_network", messages.needs_network);
    }
    const answer = await response.json();
    if (!response.ok) throw new Invalid(answer.error.code, answer.error.message);
    if (!answer.valid) throw new Invalid(answer.reason, answer.message, answer.content);
    return { format: answer.format, content: answer.content, key_id: answer.key_id, online: true };
  }

  // --- dispatch ---------------------------------------------------------------------------------

  async function verifyPayload(payload) {
    const now = new Date();
    if (payload instanceof Uint8Array) {
      if (payload[0] === 0x50 && payload[1] === 0x4b) // "PK": a CoWIN-style ZIP with a W3C VC
        return verifyOnline({ payload_base64: b64Encode(payload) });
      payload = decoder.decode(payload);
    }
    const text = payload.trim();
    if (/^[A-Z]{2}\d:/.test(text)) return verifyDcc(text, now);
    if (text.startsWith("shc:/")) return verifyShc(text, now);
    if (text.startsWith("{")) {
      let document;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new Invalid("bad_json", "not JSON");
      }
      if (document && document.data && document.sig) return verifyVds(document, now);
      if (document && (document["@context"] || document.proof)) return verifyOnline({ payload: text });
      throw new Invalid("bad_json", "JSON that is not a known certificate format");
    }
    throw new Invalid("unknown_format", "not a certificate format this verifier knows");
  }

  // --- page -------------------------------------------------------------------------------------

  const out = document.getElementById("verdict");
  const fields = document.getElementById("verdict-content");
  const labels = messages.labels;

  function show(result, error) {
    out.hidden = false;
    out.dataset.valid = error ? "false" : "true";
    out.dataset.reason = error ? error.reason : "";
    out.querySelector(".verdict-title").textContent = error
      ? messages.invalid + " (" + error.reason + ")"
      : messages.valid;
    out.querySelector(".verdict-detail").textContent = error
      ? error.message
      : (result.online ? messages.checked_online : messages.checked_offline) + " · " + result.format;
    fields.replaceChildren();
    const content = (error ? error.content : result.content) || {};
    for (const key of Object.keys(labels)) {
      if (content[key] === undefined || content[key] === null || content[key] === "") continue;
      const dt = document.createElement("dt");
      dt.textContent = labels[key];
      const dd = document.createElement("dd");
      dd.textContent = String(content[key]);
      fields.append(dt, dd);
    }
  }

  async function check(payload) {
    try {
      show(await verifyPayload(payload), null);
    } catch (error) {
      show(null, error instanceof Invalid ? error : new Invalid("malformed", String(error)));
    }
  }

  function decodeImage(source, width, height) {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    return jsQR(pixels.data, width, height, { inversionAttempts: "attemptBoth" });
  }

  function qrContent(code) {
    const raw = Uint8Array.from(code.binaryData || []);
    if (raw[0] === 0x50 && raw[1] === 0x4b) return raw;
    return code.data;
  }

  document.getElementById("image-input").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const code = decodeImage(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    if (!code) {
      show(null, new Invalid("bad_qr", messages.no_qr));
      return;
    }
    check(qrContent(code));
  });

  document.getElementById("text-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = document.getElementById("text-input").value;
    if (text.trim()) check(text.trim());
  });

  let stream = null;
  const video = document.getElementById("camera");
  const cameraButton = document.getElementById("camera-button");

  function stopCamera() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
    cameraButton.textContent = messages.start_camera;
  }

  cameraButton.addEventListener("click", async () => {
    if (stream) { stopCamera(); return; }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      show(null, new Invalid("no_camera", messages.no_camera));
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    cameraButton.textContent = messages.stop_camera;
    const scan = () => {
      if (!stream) return;
      if (video.videoWidth) {
        const code = decodeImage(video, video.videoWidth, video.videoHeight);
        if (code) { stopCamera(); check(qrContent(code)); return; }
      }
      setTimeout(scan, 200);
    };
    scan();
  });

  const status = document.getElementById("network-status");
  function network() {
    status.textContent = navigator.onLine ? messages.online : messages.offline;
  }
  window.addEventListener("online", network);
  window.addEventListener("offline", network);
  network();

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(document.body.dataset.serviceWorker).catch(() => {});
  }

  window.vaxkitVerifier = { verifyPayload };
  document.body.dataset.ready = "true";
})();
