from core.csv import csv_response, neutralise


def test_it_keeps_text_that_starts_like_a_formula_as_text():
    for typed in ('=HYPERLINK("https://x.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(typed) == "'" + typed


def test_it_leaves_plain_text_numbers_and_empty_cells_readable():
    assert neutralise("Lena Lead") == "Lena Lead"
    assert neutralise("-12.50") == "-12.50"
    assert neutralise("+44") == "+44"
    assert neutralise(37.5) == 37.5
    assert neutralise(None) == ""


def test_the_response_is_a_named_utf8_download_with_every_cell_neutralised():
    response = csv_response([["name", "minutes"], ["=1+1", 30], ["Siân", None]], filename="time.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="time.csv"'
    assert response.content.decode().splitlines() == ["name,minutes", "'=1+1,30", "Siân,"]
