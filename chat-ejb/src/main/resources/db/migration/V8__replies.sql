-- Replies: a message may answer an earlier one of its room. Only the id is stored; the quote a
-- client sees is read from the original when messages are read, so an edit shows and a deletion
-- leaves nothing of the original's text behind. Portable SQL.
alter table chat_message add column reply_to_id varchar(36);
