"""Language identification over the languages of the region."""

from __future__ import annotations

import pytest

from rightsledger.evidence.language import detect_language

SAMPLES = {
    "en": "The gas supply to Stepanakert was cut again in January 2023. Families burned "
          "old furniture to keep their children warm through the night.",
    "hy": "Ստեփանակերտում գազամատակարարումը կրկին դադարեցվեց 2023 թվականի հունվարին։ "
          "Ընտանիքները երեխաներին տաքացնում էին փայտի վառարաններով։",
    "ru": "В январе 2023 года подачу газа в Степанакерт снова прекратили. Семьи жгли старую "
          "мебель, чтобы дети не мёрзли по ночам.",
    "az": "Laçın dəhlizi yanvar ayında mülki nəqliyyat üçün bağlı qaldı. Sakinlər ərzaq və "
          "dərman çatışmazlığından şikayət etdilər.",
    "fr": "L'approvisionnement en gaz de Stepanakert a de nouveau été coupé en janvier 2023. "
          "Les familles brûlaient de vieux meubles pour chauffer leurs enfants.",
    "uk": "У січні 2023 року постачання газу до Степанакерта знову припинили. Родини палили "
          "старі меблі, щоб їхні діти не мерзли вночі.",
    "ar": "انقطعت إمدادات الغاز عن ستيباناكيرت مرة أخرى في يناير 2023. أحرقت العائلات الأثاث "
          "القديم لتدفئة أطفالها في الليل.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detects_language(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["Gas cut today", "", "   ", "2023-01-17 12:00 42 17 99",
                                  "Газ отключили вчера"])
def test_too_short_to_tell(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_used() -> None:
    assert detect_language(SAMPLES["fr"] * 10 + SAMPLES["en"] * 200) == "fr"
