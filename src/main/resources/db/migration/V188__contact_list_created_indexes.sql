-- The contact list by creation (newest first) reads its page from an index in that
-- order, as the list by name does (V166, V180): company-wide for a reader who sees every
-- book, and in each book's range for a KAM or a team (decision 0075). Without them a
-- director's first page sorted every person: 560 ms at 1M contacts; a KAM's read and
-- sorted their book's people, about 30 ms.
create index ix_contact_list_created on contact (created_at, id);
create index ix_contact_book_created on contact (book_owner_id, created_at, id);
