"""Every write of the family's own pages: one module per part (notify, ...)."""
