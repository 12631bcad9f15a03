"""Identity documents, personal names and phone numbers (Django-free)."""

from vaxkit.identity.check import CheckedId, check_document, example_number, mask_number
from vaxkit.identity.errors import (
    HashKeyError,
    IdentityError,
    IdNumberError,
    MaskSpecError,
    PersonNameError,
    PhoneNumberError,
)
from vaxkit.identity.hashing import lookup_hash, phone_lookup_hash
from vaxkit.identity.masking import mask, parse_mask_spec
from vaxkit.identity.names import clean_name, display_name, travel_names
from vaxkit.identity.phones import PhoneNumber, mask_phone, parse_mobile
from vaxkit.identity.rules import Rule, RuleInfo, get_rule, rule_names, rules
from vaxkit.identity.transliteration import to_mrz

__all__ = [
    "CheckedId",
    "HashKeyError",
    "IdNumberError",
    "IdentityError",
    "MaskSpecError",
    "PersonNameError",
    "PhoneNumber",
    "PhoneNumberError",
    "Rule",
    "RuleInfo",
    "check_document",
    "clean_name",
    "display_name",
    "example_number",
    "get_rule",
    "lookup_hash",
    "mask",
    "mask_number",
    "mask_phone",
    "parse_mask_spec",
    "parse_mobile",
    "phone_lookup_hash",
    "rule_names",
    "rules",
    "to_mrz",
    "travel_names",
]
