-- The list's close period (the close date, or the expected one while open) as the list filters and sorts it.
create index ix_opportunity_period on opportunity ((coalesce(close_date, expected_close_date)), id);
