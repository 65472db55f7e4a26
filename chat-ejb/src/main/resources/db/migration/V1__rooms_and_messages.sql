-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
create table chat_room (
    name             varchar(64)  not null primary key,
    title            varchar(200),
    assistant_mode   varchar(16)  not null default 'MENTION',
    persona          varchar(8000),
    allowed_groups   varchar(2000),
    creator_id       varchar(255),
    last_seq         bigint       not null default 0,
    created_at       timestamp with time zone not null,
    last_activity_at timestamp with time zone
);

-- (room, seq) is the key: paging and resume are range scans of it.
create table chat_message (
    room       varchar(64)     not null references chat_room (name),
    seq        bigint          not null,
    id         varchar(36)     not null,
    user_id    varchar(255)    not null,
    user_name  varchar(255)    not null,
    role       varchar(16)     not null,
    body       varchar(1000000) not null,
    status     varchar(16)     not null,
    created_at timestamp with time zone not null,
    primary key (room, seq),
    constraint chat_message_room_id unique (room, id)
);
