-- A book's people (decision 0069); H2 indexes no expression, so the page is sorted after.
create index ix_contact_book_owner on contact (book_owner_id);
