"""Data-card templates shipped with the toolkit (rendered by ``gonerd.card``)."""
