-- A team's page of the opportunity list by amount (the biggest deals first) reads the ids of its rows from its members'
-- books (decision 0082) along the book index of that order, which held the amount and the id only: each member's part
-- visited the row of every deal it passed to check that it is open (the list page's default) or of the type asked for.
-- Holding the stage and the purchase type too, as the default order's index does (migrations 196 and 199), the part is
-- read from the index alone.
create index ix_opportunity_book_amount_with_stage on opportunity (account_owner_id, amount, id)
  include (stage, purchase_type);
drop index ix_opportunity_book_amount;
alter index ix_opportunity_book_amount_with_stage rename to ix_opportunity_book_amount;
