import os
import sys

# The command line uses no pydantic plugins. Without this, pydantic reads the entry points of every
# installed package on the first validation of a run to look for them (about 3 ms of each
# costprice). Set here only, in the command line's own process; a user who sets the variable
# (an empty value enables plugins again) keeps that choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pricing.cli import main  # noqa: E402  (after the setting above, which pydantic reads on first use)

sys.exit(main())
