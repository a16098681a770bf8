"""``python -m soapnotes``: the same as the ``soapnotes`` command."""

import sys

from soapnotes.cli import main

sys.exit(main())
