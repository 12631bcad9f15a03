"""The generated project's second README, in the country's main language.

The English README is the full one; this short one gives the two commands and where a country
makes its changes. ``{platform}`` and ``{country}`` are filled in by the template. A language
without a translation here gets the English text under a note asking for one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ReadmeText:
    language: str
    translated: bool
    title: str
    intro: str
    run_title: str
    run_text: str
    test_title: str
    test_text: str
    change_title: str
    change_text: str
    upgrade_title: str
    upgrade_text: str
    english: str
    """Pointer to the full English README."""


ENGLISH = ReadmeText(
    language="en",
    translated=True,
    title="{platform}: vaccination platform of {country}",
    intro="This project runs the national vaccination platform of {country}, built on vaxkit.",
    run_title="Run it on this computer",
    run_text="Starts the platform with a built-in database at http://{code}.localhost:8000/ "
    "(the first run installs everything; Python 3.11 or newer is the only requirement).",
    test_title="Run the tests",
    test_text="Runs the project's own tests against a real PostgreSQL database.",
    change_title="Where to make changes",
    change_text="The country profile is `profile.yaml`. Templates, certificate layouts, "
    "translations and static files placed in `overrides/` replace vaxkit's own.",
    upgrade_title="Upgrading",
    upgrade_text="`vaxkit upgrade` brings in a new vaxkit template and keeps your changes.",
    english="The full documentation is in English: README.md.",
)

_TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "{platform} : plateforme de vaccination de {country}",
        "intro": "Ce projet fait fonctionner la plateforme nationale de vaccination de "
        "{country}, construite sur vaxkit.",
        "run_title": "Lancer la plateforme sur cet ordinateur",
        "run_text": "Démarre la plateforme avec une base de données intégrée sur "
        "http://{code}.localhost:8000/ (le premier lancement installe tout ; seul Python 3.11 "
        "ou plus récent est nécessaire).",
        "test_title": "Lancer les tests",
        "test_text": "Exécute les tests du projet sur une vraie base PostgreSQL.",
        "change_title": "Où faire les modifications",
        "change_text": "Le profil du pays est `profile.yaml`. Les gabarits, mises en page des "
        "certificats, traductions et fichiers statiques placés dans `overrides/` remplacent "
        "ceux de vaxkit.",
        "upgrade_title": "Mise à jour",
        "upgrade_text": "`vaxkit upgrade` apporte un nouveau modèle vaxkit en gardant vos "
        "modifications.",
        "english": "La documentation complète est en anglais : README.md.",
    },
    "es": {
        "title": "{platform}: plataforma de vacunación de {country}",
        "intro": "Este proyecto ejecuta la plataforma nacional de vacunación de {country}, "
        "construida sobre vaxkit.",
        "run_title": "Ejecutarla en este equipo",
        "run_text": "Inicia la plataforma con una base de datos integrada en "
        "http://{code}.localhost:8000/ (la primera ejecución instala todo; solo se necesita "
        "Python 3.11 o posterior).",
        "test_title": "Ejecutar las pruebas",
        "test_text": "Ejecuta las pruebas del proyecto contra una base de datos PostgreSQL real.",
        "change_title": "Dónde hacer cambios",
        "change_text": "El perfil del país es `profile.yaml`. Las plantillas, los diseños de "
        "certificados, las traducciones y los archivos estáticos que se pongan en `overrides/` "
        "sustituyen a los de vaxkit.",
        "upgrade_title": "Actualizar",
        "upgrade_text": "`vaxkit upgrade` incorpora una nueva plantilla de vaxkit y conserva "
        "sus cambios.",
        "english": "La documentación completa está en inglés: README.md.",
    },
    "pt": {
        "title": "{platform}: plataforma de vacinação de {country}",
        "intro": "Este projeto executa a plataforma nacional de vacinação de {country}, "
        "construída sobre o vaxkit.",
        "run_title": "Executar neste computador",
        "run_text": "Inicia a plataforma com uma base de dados embutida em "
        "http://{code}.localhost:8000/ (a primeira execução instala tudo; basta Python 3.11 "
        "ou mais recente).",
        "test_title": "Executar os testes",
        "test_text": "Executa os testes do projeto numa base de dados PostgreSQL real.",
        "change_title": "Onde fazer alterações",
        "change_text": "O perfil do país é `profile.yaml`. Modelos, layouts de certificados, "
        "traduções e ficheiros estáticos colocados em `overrides/` substituem os do vaxkit.",
        "upgrade_title": "Atualizar",
        "upgrade_text": "`vaxkit upgrade` traz um novo modelo do vaxkit e mantém as suas "
        "alterações.",
        "english": "A documentação completa está em inglês: README.md.",
    },
    "ar": {
        "title": "{platform}: منصة التطعيم في {country}",
        "intro": "يشغّل هذا المشروع المنصة الوطنية للتطعيم في {country}، وهي مبنية على vaxkit.",
        "run_title": "التشغيل على هذا الحاسوب",
        "run_text": "يبدأ المنصة مع قاعدة بيانات مدمجة على http://{code}.localhost:8000/ "
        "(يثبّت التشغيل الأول كل شيء؛ لا يلزم سوى Python 3.11 أو أحدث).",
        "test_title": "تشغيل الاختبارات",
        "test_text": "يشغّل اختبارات المشروع على قاعدة بيانات PostgreSQL حقيقية.",
        "change_title": "أين تُجرى التعديلات",
        "change_text": "ملف تعريف البلد هو `profile.yaml`. القوالب وتصاميم الشهادات والترجمات "
        "والملفات الثابتة الموضوعة في `overrides/` تحلّ محل ملفات vaxkit.",
        "upgrade_title": "الترقية",
        "upgrade_text": "يجلب الأمر `vaxkit upgrade` قالبًا جديدًا من vaxkit مع الحفاظ على تعديلاتك.",
        "english": "التوثيق الكامل باللغة الإنجليزية: README.md.",
    },
    "hi": {
        "title": "{platform}: {country} का टीकाकरण प्लेटफ़ॉर्म",
        "intro": "यह परियोजना {country} का राष्ट्रीय टीकाकरण प्लेटफ़ॉर्म चलाती है, जो vaxkit पर बना है।",
        "run_title": "इस कंप्यूटर पर चलाएँ",
        "run_text": "प्लेटफ़ॉर्म को अंतर्निहित डेटाबेस के साथ http://{code}.localhost:8000/ पर शुरू "
        "करता है (पहली बार चलाने पर सब कुछ इंस्टॉल होता है; केवल Python 3.11 या नया चाहिए)।",
        "test_title": "परीक्षण चलाएँ",
        "test_text": "परियोजना के अपने परीक्षण असली PostgreSQL डेटाबेस पर चलाता है।",
        "change_title": "बदलाव कहाँ करें",
        "change_text": "देश की प्रोफ़ाइल `profile.yaml` है। `overrides/` में रखे गए टेम्पलेट, "
        "प्रमाणपत्र लेआउट, अनुवाद और स्थैतिक फ़ाइलें vaxkit की अपनी फ़ाइलों की जगह लेती हैं।",
        "upgrade_title": "अपग्रेड",
        "upgrade_text": "`vaxkit upgrade` आपके बदलाव बनाए रखते हुए vaxkit का नया टेम्पलेट लाता है।",
        "english": "पूरा दस्तावेज़ अंग्रेज़ी में है: README.md.",
    },
    "kn": {
        "title": "{platform}: {country} ಲಸಿಕಾ ವೇದಿಕೆ",
        "intro": "ಈ ಯೋಜನೆಯು {country} ಲಸಿಕಾ ವೇದಿಕೆಯನ್ನು ನಡೆಸುತ್ತದೆ; ಇದನ್ನು vaxkit ಮೇಲೆ ನಿರ್ಮಿಸಲಾಗಿದೆ.",
        "run_title": "ಈ ಕಂಪ್ಯೂಟರ್‌ನಲ್ಲಿ ಚಲಾಯಿಸಿ",
        "run_text": "ಅಂತರ್ನಿರ್ಮಿತ ಡೇಟಾಬೇಸ್‌ನೊಂದಿಗೆ ವೇದಿಕೆಯನ್ನು http://{code}.localhost:8000/ ನಲ್ಲಿ "
        "ಪ್ರಾರಂಭಿಸುತ್ತದೆ (ಮೊದಲ ಬಾರಿ ಎಲ್ಲವನ್ನೂ ಸ್ಥಾಪಿಸುತ್ತದೆ; Python 3.11 ಅಥವಾ ಹೊಸದು ಮಾತ್ರ ಬೇಕು).",
        "test_title": "ಪರೀಕ್ಷೆಗಳನ್ನು ಚಲಾಯಿಸಿ",
        "test_text": "ಯೋಜನೆಯ ಸ್ವಂತ ಪರೀಕ್ಷೆಗಳನ್ನು ನೈಜ PostgreSQL ಡೇಟಾಬೇಸ್‌ನಲ್ಲಿ ಚಲಾಯಿಸುತ್ತದೆ.",
        "change_title": "ಬದಲಾವಣೆಗಳನ್ನು ಎಲ್ಲಿ ಮಾಡಬೇಕು",
        "change_text": "ದೇಶದ ಪ್ರೊಫೈಲ್ `profile.yaml`. `overrides/` ನಲ್ಲಿ ಇರಿಸಿದ ಟೆಂಪ್ಲೇಟ್‌ಗಳು, ಪ್ರಮಾಣಪತ್ರ "
        "ವಿನ್ಯಾಸಗಳು, ಅನುವಾದಗಳು ಮತ್ತು ಸ್ಥಿರ ಫೈಲ್‌ಗಳು vaxkit ನ ಸ್ವಂತ ಫೈಲ್‌ಗಳ ಬದಲಿಗೆ ಬಳಕೆಯಾಗುತ್ತವೆ.",
        "upgrade_title": "ಅಪ್‌ಗ್ರೇಡ್",
        "upgrade_text": "`vaxkit upgrade` ನಿಮ್ಮ ಬದಲಾವಣೆಗಳನ್ನು ಉಳಿಸಿಕೊಂಡು vaxkit ನ ಹೊಸ ಟೆಂಪ್ಲೇಟ್ ಅನ್ನು ತರುತ್ತದೆ.",
        "english": "ಸಂಪೂರ್ಣ ದಸ್ತಾವೇಜು ಇಂಗ್ಲಿಷ್‌ನಲ್ಲಿದೆ: README.md.",
    },
    "ha": {
        "title": "{platform}: dandalin rigakafi na {country}",
        "intro": "Wannan aikin yana gudanar da dandalin rigakafi na ƙasa na {country}, wanda aka "
        "gina a kan vaxkit.",
        "run_title": "Gudanar da shi a wannan kwamfuta",
        "run_text": "Yana fara dandalin tare da rumbun bayanai na ciki a "
        "http://{code}.localhost:8000/ (a karon farko yana shigar da komai; Python 3.11 ko "
        "sabo kawai ake bukata).",
        "test_title": "Gudanar da gwaje-gwaje",
        "test_text": "Yana gudanar da gwaje-gwajen aikin a kan ainihin rumbun bayanai na "
        "PostgreSQL.",
        "change_title": "Inda za a yi canje-canje",
        "change_text": "Bayanan ƙasar suna cikin `profile.yaml`. Samfura, tsarin takardun shaida, "
        "fassarori da fayiloli da aka saka a `overrides/` suna maye gurbin na vaxkit.",
        "upgrade_title": "Sabuntawa",
        "upgrade_text": "`vaxkit upgrade` yana kawo sabon samfurin vaxkit tare da kiyaye "
        "canje-canjenku.",
        "english": "Cikakken bayani yana cikin Turanci: README.md.",
    },
    "uk": {
        "title": "{platform}: платформа вакцинації {country}",
        "intro": "Цей проєкт запускає національну платформу вакцинації ({country}), побудовану "
        "на vaxkit.",
        "run_title": "Запуск на цьому комп'ютері",
        "run_text": "Запускає платформу з вбудованою базою даних на http://{code}.localhost:8000/ "
        "(перший запуск усе встановлює; потрібен лише Python 3.11 або новіший).",
        "test_title": "Запуск тестів",
        "test_text": "Виконує власні тести проєкту на справжній базі даних PostgreSQL.",
        "change_title": "Де вносити зміни",
        "change_text": "Профіль країни — `profile.yaml`. Шаблони, макети сертифікатів, "
        "переклади та статичні файли в `overrides/` замінюють відповідні файли vaxkit.",
        "upgrade_title": "Оновлення",
        "upgrade_text": "`vaxkit upgrade` приносить новий шаблон vaxkit і зберігає ваші зміни.",
        "english": "Повна документація англійською: README.md.",
    },
    "vi": {
        "title": "{platform}: nền tảng tiêm chủng của {country}",
        "intro": "Dự án này vận hành nền tảng tiêm chủng quốc gia của {country}, xây dựng trên "
        "vaxkit.",
        "run_title": "Chạy trên máy tính này",
        "run_text": "Khởi động nền tảng với cơ sở dữ liệu tích hợp tại "
        "http://{code}.localhost:8000/ (lần chạy đầu tiên cài đặt mọi thứ; chỉ cần Python 3.11 "
        "trở lên).",
        "test_title": "Chạy kiểm thử",
        "test_text": "Chạy các kiểm thử của dự án trên cơ sở dữ liệu PostgreSQL thật.",
        "change_title": "Nơi thực hiện thay đổi",
        "change_text": "Hồ sơ quốc gia là `profile.yaml`. Mẫu trang, bố cục chứng nhận, bản dịch "
        "và tệp tĩnh đặt trong `overrides/` sẽ thay thế các tệp của vaxkit.",
        "upgrade_title": "Nâng cấp",
        "upgrade_text": "`vaxkit upgrade` đưa vào mẫu vaxkit mới và giữ lại các thay đổi của bạn.",
        "english": "Tài liệu đầy đủ bằng tiếng Anh: README.md.",
    },
    "sw": {
        "title": "{platform}: jukwaa la chanjo la {country}",
        "intro": "Mradi huu unaendesha jukwaa la kitaifa la chanjo la {country}, lililojengwa "
        "juu ya vaxkit.",
        "run_title": "Iendeshe kwenye kompyuta hii",
        "run_text": "Huanzisha jukwaa pamoja na hifadhidata iliyojengewa ndani kwenye "
        "http://{code}.localhost:8000/ (mara ya kwanza husakinisha kila kitu; unahitaji Python "
        "3.11 au mpya zaidi tu).",
        "test_title": "Endesha majaribio",
        "test_text": "Huendesha majaribio ya mradi kwenye hifadhidata halisi ya PostgreSQL.",
        "change_title": "Mahali pa kufanya mabadiliko",
        "change_text": "Wasifu wa nchi ni `profile.yaml`. Violezo, miundo ya vyeti, tafsiri na "
        "faili tuli zilizowekwa kwenye `overrides/` huchukua nafasi ya zile za vaxkit.",
        "upgrade_title": "Kusasisha",
        "upgrade_text": "`vaxkit upgrade` huleta kiolezo kipya cha vaxkit na kuhifadhi "
        "mabadiliko yako.",
        "english": "Nyaraka kamili ziko kwa Kiingereza: README.md.",
    },
}


def readme_text(language: str | None) -> ReadmeText:
    """The README text for ``language`` (a BCP 47 tag; ``es-PE`` uses ``es``).

    Without a translation, the English text is returned with ``translated`` false, so the
    template can ask for one.
    """
    if not language:
        return ENGLISH
    base = language.split("-")[0].lower()
    texts = _TRANSLATIONS.get(base)
    if texts is None:
        return replace(ENGLISH, language=language, translated=False)
    return ReadmeText(language=language, translated=True, **texts)


def translated_languages() -> tuple[str, ...]:
    """Languages with a translated README."""
    return tuple(sorted(_TRANSLATIONS))
