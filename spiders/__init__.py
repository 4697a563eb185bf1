"""Spiders: one module per site; ``site`` crawls any site defined in YAML."""
