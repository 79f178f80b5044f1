"""tarikh: dated, sourced event timelines from Arabic news."""

__version__ = "0.1.0"
