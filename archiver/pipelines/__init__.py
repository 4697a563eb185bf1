"""Item pipelines: assets (images next to each article), then the article file writer."""
