"""``python -m offline``: same as the ``offline-preview`` console script."""

from offline.cli import main

raise SystemExit(main())
