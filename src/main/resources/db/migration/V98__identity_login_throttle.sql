-- Failed sign-ins counted per client address, per account from one address, and per account from anywhere, each in
-- a window that starts with its first failure (see decision 0020). The counters on app_user counted per account only,
-- so anyone's five wrong guesses locked the real user out; they go.
create table login_throttle (
    throttle_key  varchar(200) not null,
    username      varchar(100),
    failures      integer      not null,
    window_until  timestamp    not null,
    slow_until    timestamp,
    constraint login_throttle_pk primary key (throttle_key)
);
create index login_throttle_username on login_throttle (username);
create index login_throttle_window on login_throttle (window_until);

alter table app_user drop column failed_logins;
alter table app_user drop column locked_until;
