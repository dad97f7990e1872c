import unicodedata

from vanthu.common.text import fix_lookalikes, fold, nfc


def test_nfc_composes():
    decomposed = unicodedata.normalize("NFD", "Quyết định")
    assert decomposed != "Quyết định"
    assert nfc(decomposed) == "Quyết định"


def test_fold_examples():
    assert fold("Đảng uỷ") == "dang uy"
    assert fold("Đảng ủy") == "dang uy"
    assert fold("GIẢI PHÓNG MẶT BẰNG") == "giai phong mat bang"


def test_fold_all_vowel_marks_and_tones():
    assert fold("ăâêôơư ĂÂÊÔƠƯ") == "aaeoou aaeoou"
    assert fold("àáảãạ ằắẳẵặ ầấẩẫậ") == "aaaaa aaaaa aaaaa"
    assert fold("ỳýỷỹỵ ờớởỡợ ừứửữự") == "yyyyy ooooo uuuuu"


def test_fold_d_and_lookalikes():
    assert fold("đĐðÐ") == "dddd"
    assert fold("QÐ-UBND") == fold("QĐ-UBND") == "qd-ubnd"


def test_fold_nfd_input_and_whitespace():
    text = unicodedata.normalize("NFD", "  Ủy   ban\tnhân\n dân  ")
    assert fold(text) == "uy ban nhan dan"
    assert fold("") == ""


def test_fix_lookalikes():
    assert fix_lookalikes("QÐ ð") == "QĐ đ"
    assert fix_lookalikes("QÐ") == "Q\u0110"
