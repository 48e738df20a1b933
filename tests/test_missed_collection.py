"""A collection due at the customer's home that did not happen (bins, recycling, garden waste) is a missed
collection, not an order to chase with a courier (round 36: a council's missed bin collection, web-ag-15)."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages


@pytest.mark.parametrize("text", [
    real_messages()["web-ag-15"],
    "@YourCouncil our bins haven't been collected for two weeks now and they are overflowing",
    "The recycling was not picked up again on Tuesday, third time this month.",
])
def test_a_missed_bin_collection_is_arranged_not_chased_with_a_courier(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == "missed_collection"
    assert "courier" not in drafts(s) and "your order" not in drafts(s)
    assert "arrange the collection" in drafts(s)


def test_a_parcel_not_collected_by_the_courier_is_not_a_bin_collection(assistant):
    s = assistant.suggest("The courier never came to collect my return parcel, I waited in all day.")
    assert s.reading.situation is None or s.reading.situation.name != "missed_collection"
