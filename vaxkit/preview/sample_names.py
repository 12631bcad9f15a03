"""A made-up sample name per language, to show how the profile's name model treats each script.

Common given and family names, combined freely: no combination describes a real person. A
language missing here gets the Latin-script default, and the preview says so.
"""

from __future__ import annotations

from vaxkit.profiles.schema import NameModel

# given (a woman's name), family, male (for father/grandfather parts), and where the language
# has them: middle, patronymic (agreeing with the given name), second_family, other.
SAMPLES: dict[str, dict[str, str]] = {
    "en": {"given": "Grace", "family": "Walker", "male": "Daniel", "middle": "Anne"},
    "fr": {"given": "Camille", "family": "Lefèvre", "male": "Julien"},
    "es": {"given": "María", "family": "Quispe", "male": "José", "second_family": "Flores"},
    "qu": {"given": "Killa", "family": "Mamani", "male": "Inti", "second_family": "Huamán"},
    "ay": {"given": "Wara", "family": "Mamani", "male": "Mallku", "second_family": "Condori"},
    "ar": {"given": "فاطمة", "family": "المنصوري", "male": "محمد", "grandfather": "أحمد"},
    "hi": {"given": "प्रिया", "family": "शर्मा", "male": "राजेश"},
    "mr": {"given": "प्रिया", "family": "पाटील", "male": "राजेश"},
    "kn": {"given": "ಪ್ರಿಯಾ", "family": "ಶರ್ಮಾ", "male": "ರಾಜೇಶ್"},
    "ml": {"given": "പ്രിയ", "family": "നായർ", "male": "രാജേഷ്"},
    "pa": {"given": "ਪ੍ਰਿਆ", "family": "ਸਿੰਘ", "male": "ਰਾਜੇਸ਼"},
    "ta": {"given": "பிரியா", "family": "முருகன்", "male": "ராஜேஷ்"},
    "te": {"given": "ప్రియ", "family": "రెడ్డి", "male": "రాజేష్"},
    "as": {"given": "প্ৰিয়া", "family": "বৰুৱা", "male": "ৰাজেশ"},
    "bn": {"given": "প্রিয়া", "family": "দাস", "male": "রাজেশ"},
    "gu": {"given": "પ્રિયા", "family": "પટેલ", "male": "રાજેશ"},
    "or": {"given": "ପ୍ରିୟା", "family": "ମହାନ୍ତି", "male": "ରାଜେଶ"},
    "ha": {"given": "Aisha", "family": "Bello", "male": "Musa", "middle": "Hauwa"},
    "yo": {"given": "Fúnmiláyọ̀", "family": "Adébáyọ̀", "male": "Túndé", "middle": "Àdùkẹ́"},
    "ig": {"given": "Ngozi", "family": "Okafor", "male": "Chukwuemeka", "middle": "Adaeze"},
    "uk": {"given": "Олена", "family": "Шевченко", "male": "Іван", "patronymic": "Іванівна"},
    "lg": {"given": "Nakato", "family": "Mukasa", "male": "Kato", "other": "Namuli"},
    "sw": {"given": "Amina", "family": "Mwangi", "male": "Juma", "other": "Neema"},
    "vi": {"given": "Hương", "family": "Nguyễn", "male": "Văn Minh", "middle": "Thị"},
}
# Latin forms a citizen would type where the profile asks for them (``transliteration: ask``).
LATIN: dict[str, dict[str, str]] = {
    "ar": {"given": "Fatima", "family": "Al Mansoori", "male": "Mohammed", "grandfather": "Ahmed"},
}
DEFAULT = "en"
_FAMILY = {"family", "surname", "last"}
_MALE = {"father", "grandfather", "patronymic", "husband"}


def has_sample(language: str) -> bool:
    """Whether a sample name exists for ``language`` (or its base language)."""
    return _samples(language) is not None


def _samples(language: str) -> dict[str, str] | None:
    return SAMPLES.get(language) or SAMPLES.get(language.split("-")[0])


def sample_latin_parts(model: NameModel, language: str) -> dict[str, str] | None:
    """The Latin forms of :func:`sample_name_parts` a citizen would type, where known."""
    pool = LATIN.get(language.split("-")[0])
    return _fill(model, pool) if pool else None


def sample_name_parts(model: NameModel, language: str) -> dict[str, str]:
    """A value for every part of ``model``, in ``language``'s script where known."""
    return _fill(model, _samples(language) or SAMPLES[DEFAULT])


def _fill(model: NameModel, pool: dict[str, str]) -> dict[str, str]:
    if len(model.parts) == 1:  # one free-form name field
        part = model.parts[0]
        return {part.key: f"{pool['given']} {pool['family']}"[: part.max_length]}
    parts: dict[str, str] = {}
    for part in model.parts:
        key = part.key
        if key in _FAMILY:
            value = pool["family"]
        elif key == "second_family":
            value = pool.get("second_family", pool["family"])
        elif key in _MALE:
            value = pool.get(key, pool["male"])
        elif key in ("middle", "other"):
            value = pool.get(key, pool.get("middle", pool["male"]))
        else:
            value = pool["given"]
        parts[key] = value[: part.max_length]
    return parts
