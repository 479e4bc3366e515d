import gc
import os
import sys

# The command line uses no pydantic plugins. Without this, pydantic reads the entry points of every
# installed package on the first validation of a run to look for them (about 3 ms of each
# costprice). Set here only, in the command line's own process; a user who sets the variable
# (an empty value enables plugins again) keeps that choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# One command runs and the process ends. The imports allocate hundreds of thousands of objects that
# live until then, and the cyclic garbage collector traversed them again and again while they were
# made (72 collections, 11 ms of a costprice run on the demo). So it is paused while importing, and
# what the imports made is frozen (left out of every later collection) before it runs again for the
# command's own objects (15 collections, 4 ms).
gc.disable()
from pricing.cli import main  # noqa: E402  (after the setting above, which pydantic reads on first use)

gc.freeze()
gc.enable()

sys.exit(main())
