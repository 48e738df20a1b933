"""A website that crashes is a software fault on the website: the question asks for the browser and what
they see, not what happened before the machine restarted, and no reference is asked for tickets the customer
could not buy."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Uhm @Delta website's been crashing every time I try to purchase tickets...",
    "I can't check out, the site keeps crashing when I pay",
])
def test_a_crashing_website_is_a_website_fault(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.name == "software_fault"
    assert s.reading.topic_name == "website"
    assert any("browser" in q for q in s.questions)
    assert not any("reference" in q for q in s.questions)
