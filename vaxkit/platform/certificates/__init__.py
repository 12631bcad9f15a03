"""Certificates in the platform: the tenant's signing keys, issuance on each recorded dose,
stored payloads, lazily rendered QR codes and PDFs, published trust material, verification.

Service functions for pages, APIs and commands:

* ``issuance``: ``issue_certificate(dose, *, actor, reissue=False)``,
  ``revoke_certificate(certificate, *, actor, reason)``, ``get_certificate(certificate_id)``,
  ``certificates_for(beneficiary)``, ``current_certificate(beneficiary)``
* ``rendering``: ``certificate_pdf(certificate)``, ``certificate_qr_png(certificate, fmt=None)``
* ``verifying``: ``verify_payload(payload, *, at=None)``, ``payload_from_request(document)``
* ``publishing``: ``trust_file()``, ``trust_store()``, ``jwks()``, ``dsc_list()``,
  ``did_document()``, ``vds_signer_pem()``, ``revocation_list()``, ``verifier_keys()``
* ``keystore``: ``keyring()``, ``rotate_key(purpose, *, actor)``, ``revoke_key(key_id, *, actor)``,
  ``import_key(key, *, actor)``
* ``views``: ``pdf_response(certificate)``, ``qr_response(certificate, fmt=None)`` for callers
  that have authorised the reader
"""
