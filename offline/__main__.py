"""``python -m aml_landing_zone.offline``: same as the ``offline-preview`` console script."""

from aml_landing_zone.offline.start import main

raise SystemExit(main())
