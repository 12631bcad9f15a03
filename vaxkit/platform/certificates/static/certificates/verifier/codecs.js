/*
 * Decoding helpers of the offline certificate verifier: base64/base64url, base45 (RFC 9285),
 * DEFLATE through DecompressionStream, and the subset of CBOR (RFC 8949) that COSE and CWT use.
 * Errors are `Invalid` with the reason codes of vaxkit.certificates.verdict.
 */
(function () {
  "use strict";

  class Invalid extends Error {
    constructor(reason, message, content) {
      super(message || reason);
      this.reason = reason;
      this.content = content || {};
    }
  }

  // --- bytes and text ---------------------------------------------------------------------------

  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: true });

  function b64urlDecode(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Invalid("bad_jws", "not base64url");
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = b64 + "===".slice((b64.length + 3) % 4);
    const binary = atob(padded);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  function b64Encode(bytes) {
    let binary = "";
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return btoa(binary);
  }

  function b64urlEncode(bytes) {
    return b64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }

  const BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  function base45Decode(text) {
    const out = [];
    const value = (ch) => {
      const v = BASE45.indexOf(ch);
      if (v < 0) throw new Invalid("bad_base45", "character outside base45: " + ch);
      return v;
    };
    for (let i = 0; i < text.length; i += 3) {
      const chunk = text.slice(i, i + 3);
      if (chunk.length === 1) throw new Invalid("bad_base45", "dangling base45 character");
      let n = value(chunk[0]) + value(chunk[1]) * 45;
      if (chunk.length === 3) {
        n += value(chunk[2]) * 2025;
        if (n > 0xffff) throw new Invalid("bad_base45", "base45 triple out of range");
        out.push(n >> 8, n & 0xff);
      } else {
        if (n > 0xff) throw new Invalid("bad_base45", "base45 pair out of range");
        out.push(n);
      }
    }
    return new Uint8Array(out);
  }

  async function inflate(bytes, format) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (error) {
      throw new Invalid("bad_compression", "the payload does not decompress");
    }
  }

  // --- CBOR (RFC 8949): the subset COSE and CWT use ---------------------------------------------

  function cborDecode(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    const need = (n) => {
      if (pos + n > bytes.length) throw new Invalid("bad_cbor", "truncated CBOR");
    };
    function length(info) {
      if (info < 24) return info;
      if (info === 24) { need(1); return bytes[pos++]; }
      if (info === 25) { need(2); const v = view.getUint16(pos); pos += 2; return v; }
      if (info === 26) { need(4); const v = view.getUint32(pos); pos += 4; return v; }
      if (info === 27) {
        need(8);
        const v = Number(view.getBigUint64(pos));
        pos += 8;
        return v;
      }
      throw new Invalid("bad_cbor", "indefinite or reserved CBOR length");
    }
    function item(depth) {
      if (depth > 32) throw new Invalid("bad_cbor", "CBOR nested too deeply");
      need(1);
      const initial = bytes[pos++];
      const major = initial >> 5;
      const info = initial & 31;
      if (major === 7) {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22 || info === 23) return null;
        if (info === 25) { need(2); const h = view.getUint16(pos); pos += 2; return half(h); }
        if (info === 26) { need(4); const v = view.getFloat32(pos); pos += 4; return v; }
        if (info === 27) { need(8); const v = view.getFloat64(pos); pos += 8; return v; }
        throw new Invalid("bad_cbor", "unsupported CBOR simple value");
      }
      const n = length(info);
      switch (major) {
        case 0: return n;
        case 1: return -1 - n;
        case 2: { need(n); const v = bytes.slice(pos, pos + n); pos += n; return v; }
        case 3: {
          need(n);
          const v = decoder.decode(bytes.subarray(pos, pos + n));
          pos += n;
          return v;
        }
        case 4: { const a = []; for (let i = 0; i < n; i++) a.push(item(depth + 1)); return a; }
        case 5: {
          const m = new Map();
          for (let i = 0; i < n; i++) { const k = item(depth + 1); m.set(k, item(depth + 1)); }
          return m;
        }
        case 6: return { tag: n, value: item(depth + 1) };
      }
      throw new Invalid("bad_cbor", "unknown CBOR major type");
    }
    function half(h) {
      const exp = (h >> 10) & 0x1f, mant = h & 0x3ff, sign = h & 0x8000 ? -1 : 1;
      if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
      if (exp === 31) return mant ? NaN : sign * Infinity;
      return sign * 2 ** (exp - 15) * (1 + mant / 1024);
    }
    const value = item(0);
    if (pos !== bytes.length) throw new Invalid("bad_cbor", "trailing bytes after CBOR");
    return value;
  }

  function cborHead(major, n) {
    if (n < 24) return [(major << 5) | n];
    if (n < 256) return [(major << 5) | 24, n];
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 0xff];
    return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  }

  function concat(parts) {
    const total = parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  // COSE Sig_structure for Sign1: ["Signature1", protected, external_aad (empty), payload]
  function sigStructure(protectedBytes, payload) {
    const context = encoder.encode("Signature1");
    return concat([
      Uint8Array.of(0x84),
      Uint8Array.from(cborHead(3, context.length)), context,
      Uint8Array.from(cborHead(2, protectedBytes.length)), protectedBytes,
      Uint8Array.of(0x40),
      Uint8Array.from(cborHead(2, payload.length)), payload,
    ]);
  }

  function mapGet(map, key) {
    return map instanceof Map ? map.get(key) : undefined;
  }

  // CBOR maps decode to Map (COSE uses integer keys); the DCC JSON inside has string keys only.
  function plain(value) {
    if (value instanceof Map) {
      const out = {};
      value.forEach((v, k) => (out[String(k)] = plain(v)));
      return out;
    }
    return Array.isArray(value) ? value.map(plain) : value;
  }

  window.VaxkitCodecs = {
    Invalid, encoder, decoder, b64urlDecode, b64Encode, b64urlEncode, hex, sha256,
    base45Decode, inflate, cborDecode, sigStructure, mapGet, plain,
  };
})();
