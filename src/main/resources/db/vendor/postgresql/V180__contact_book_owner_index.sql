-- A book's people in the contact list's name order (decision 0069): a page of a KAM's list
-- is twenty entries of this index.
create index ix_contact_book_owner on contact (book_owner_id, lower(name), id);
analyze contact;
