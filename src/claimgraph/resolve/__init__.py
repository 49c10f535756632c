"""Names and canonical actors: normalising surface names and giving deterministic ids."""
