-- A user's personal calendar feed (DOMAIN.md §10.2): the contacts due, fetched by a calendar
-- app through a secret link without signing in. Only the SHA-256 of the link's token is kept,
-- so a copy of the database does not open anyone's feed; revoking deletes the row, and a
-- new link replaces it. One feed per user.
create table calendar_feed (
    user_id    bigint      not null primary key references app_user (id),
    token_hash varchar(64) not null,
    created_at timestamp   not null,
    constraint uq_calendar_feed_token unique (token_hash)
);
