-- Reactions: any emoji on any message, toggled per user. A toggle takes the room's next rev and
-- writes it to the message, so the change feed carries reactions like edits. Portable SQL.
create table chat_reaction (
    room       varchar(64)  not null,
    message_id varchar(36)  not null,
    user_id    varchar(255) not null,
    user_name  varchar(255) not null,
    emoji      varchar(64)  not null,
    created_at timestamp with time zone not null,
    primary key (room, message_id, emoji, user_id)
);
