-- A deal's owner is nearly always its account's owner (the deal keeps the latter, decision 0074). Taken as independent,
-- PostgreSQL expected a KAM's own deals ("mine", the list page's default) to be a twentieth of their book at 20 owners:
-- it read all of them through two bitmaps and sorted them (11 ms a page at 5,000 deals) instead of walking the book's
-- index of the order as far as the page reaches (0.15 ms). The functional dependency between the two columns tells it.
create statistics st_opportunity_owners (dependencies) on owner_id, account_owner_id from opportunity;
analyze opportunity;
