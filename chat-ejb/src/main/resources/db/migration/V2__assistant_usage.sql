-- One row per assistant reply: who asked, where, what it cost, how it ended.
create table chat_usage (
    id                varchar(36)  not null primary key,
    room              varchar(64)  not null,
    user_id           varchar(255) not null,
    user_name         varchar(255) not null,
    model             varchar(200) not null,
    prompt_tokens     bigint       not null,
    completion_tokens bigint       not null,
    total_tokens      bigint       not null,
    estimated         boolean      not null,
    latency_ms        bigint       not null,
    outcome           varchar(16)  not null,
    created_at        timestamp with time zone not null
);
create index chat_usage_room on chat_usage (room);
create index chat_usage_user on chat_usage (user_id);
create index chat_usage_created on chat_usage (created_at);
