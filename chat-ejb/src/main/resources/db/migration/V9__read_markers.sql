-- Read markers: how far each user has read each room, kept on the server so that every device
-- of theirs agrees. Unread and mention counts are counted from it. Portable SQL.
create table chat_read_marker (
    room          varchar(64)  not null,
    user_id       varchar(255) not null,
    last_read_seq bigint       not null,
    updated_at    timestamp with time zone not null,
    primary key (room, user_id)
);
