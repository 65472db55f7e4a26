-- Daily assistant token budgets: one row per scope ('user:<id>' or 'room:<name>') and UTC day.
-- A reply reserves its estimate here before the provider is called and settles to the real
-- usage after, so concurrent mentions (on any node sharing the database) cannot overspend.
create table chat_budget (
    scope  varchar(400) not null,
    budget_day date      not null,
    tokens bigint       not null,
    primary key (scope, budget_day)
);
