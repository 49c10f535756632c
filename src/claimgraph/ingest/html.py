"""Reading the main text and metadata of a web page with trafilatura."""
from __future__ import annotations

import logging

from claimgraph.errors import InputError
from claimgraph.ingest.metadata import canonical_outlet
from claimgraph.records import Document
from claimgraph.resolve.dates import parse_date
from claimgraph.resolve.names import doc_id

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
MIN_WORDS = 25


def read_html(html: str, *, where: str, name: str) -> Document:
    """Give the Document of a web page: main text only, navigation and footers dropped."""
    try:
        import trafilatura  # imported when a page is read: it takes a while to import

        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except Exception as e:  # trafilatura raises many lxml errors on broken markup
        raise InputError(where, f"HTML cannot be parsed ({type(e).__name__})") from e
    data = result if isinstance(result, dict) else result.as_dict() if result is not None else {}
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise InputError(where, "no article text found: the page is only navigation or boilerplate")
    outlet = data.get("sitename")
    date_value = data.get("date")
    return Document(id=doc_id(text), name=name, text=text, title=data.get("title") or None,
                    author=data.get("author") or None, outlet=canonical_outlet(outlet) if outlet else None,
                    date=parse_date(date_value) if date_value else None, url=data.get("url") or None,
                    source=where, format="html")
