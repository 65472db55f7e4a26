-- Named AI participants per room (besides the assistant), and usage tallied by participant.
-- Portable SQL.
create table chat_ai_participant (
    room       varchar(64)   not null,
    name       varchar(32)   not null,
    provider   varchar(64)   not null,
    model      varchar(200)  not null,
    persona    varchar(8000),
    created_at timestamp with time zone not null,
    primary key (room, name)
);

-- null on the rows written before: the assistant answered them
alter table chat_usage add column participant varchar(64);
