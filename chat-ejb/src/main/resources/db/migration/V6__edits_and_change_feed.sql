-- Edits and deletions by authors, and the change feed that lets a resuming client learn them.
-- Every change to a stored message takes the next value of its room's last_rev and writes it to
-- the message's rev; a client that resumes with rev=R gets the messages it already had whose rev
-- is above R. Portable SQL (H2 2.x and PostgreSQL).
alter table chat_room add column last_rev bigint not null default 0;
alter table chat_message add column rev bigint not null default 0;
alter table chat_message add column edited_at timestamp with time zone;
alter table chat_message add column deleted_at timestamp with time zone;
create index chat_message_changes on chat_message (room, rev);
