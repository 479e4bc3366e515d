"""Which of the contract's problems its editors show themselves (so the page need not repeat them):
the paths of the index figures, the social-return estimates and the variants."""

from __future__ import annotations

import re

INDEX_PATH = re.compile(r"contract\.indexation\.(per_year|figures|municipal_pct|sources)(?:\.(\d+))?(?:\.(\w+))?$")
SOCIAL_RETURN_PATH = re.compile(r"contract\.tasks\[(\d+)\]\.social_return(?:\.(.+))?$")


def is_social_return_path(path: str) -> bool:
    """Is ``path`` a task's social-return estimate (shown by the social-return editor)?"""
    return bool(SOCIAL_RETURN_PATH.match(path))


def is_variant_path(path: str) -> bool:
    """Is ``path`` in the contract's variants (shown by the variants editor)?"""
    return path == "contract.options" or path.startswith(("contract.options.", "contract.options["))


def shown_by_editors(path: str, index_drawn: bool, *, variants_drawn: bool = True, returns_drawn: bool = True) -> bool:
    """Is the problem at ``path`` shown by one of the contract editors (so the page need not repeat it)?
    Social-return, variant and index problems when their editor was drawn."""
    return bool(
        (returns_drawn and is_social_return_path(path))
        or (variants_drawn and is_variant_path(path))
        or (index_drawn and INDEX_PATH.match(path))
    )
