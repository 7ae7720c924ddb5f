"""Label Studio campaigns for GONERD: pre-annotation, blind double annotation, agreement and adjudication."""
