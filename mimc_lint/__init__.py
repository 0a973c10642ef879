"""mimc-lint: compliance linter for migration and asylum law against the Model International Mobility Convention."""

__version__ = "0.1.0"
