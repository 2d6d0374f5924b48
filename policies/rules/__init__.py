"""The pack's rules, one module per resource type; each exports its list of policies."""
