-- policy-service schema: categories, their purposes, and versioned retention rules.

create table purpose (
    code        varchar(64) primary key,
    description text        not null
);

create table log_category (
    code        varchar(64) primary key,
    actor       varchar(2)  not null check (actor in ('AP', 'CP')),
    description text        not null,
    built_in    boolean     not null default false
);

create table category_purpose (
    category_code varchar(64) not null references log_category (code),
    purpose_code  varchar(64) not null references purpose (code),
    primary key (category_code, purpose_code)
);

-- A rule is never edited: a change is a new version. The plan as of T uses the version with
-- the latest effective_from <= T (the highest version on a tie).
create table retention_rule (
    id             uuid        primary key,
    category_code  varchar(64) not null references log_category (code),
    version        integer     not null check (version > 0),
    period         varchar(32) not null,
    justification  text,
    effective_from timestamptz not null,
    author         varchar(200) not null,
    created_at     timestamptz not null,
    unique (category_code, version)
);
create index retention_rule_effective on retention_rule (category_code, effective_from desc, version desc);

-- Purposes the Guideline (Art. 38) names as business necessity for recording communication logs.
insert into purpose (code, description) values
  ('BILLING',            'Billing and charging for the service'),
  ('COMPLAINT_HANDLING', 'Handling users'' complaints and enquiries'),
  ('FRAUD_PREVENTION',   'Preventing fraudulent use of the service'),
  ('SYSTEM_SECURITY',    'Keeping the provider''s own systems secure and operating');

insert into log_category (code, actor, description, built_in) values
  ('ap.connection-auth', 'AP', 'Connection-authentication log: a subscriber authenticated and was assigned an address (RADIUS accounting)', true),
  ('ap.nat-port-block',  'AP', 'Carrier-grade NAT port-block allocation: public IPv4 and port range given to an inside address', true),
  ('cp.account',         'CP', 'Account information: account creation and deletion, with IP address, source port and time', true),
  ('cp.login',           'CP', 'Login information: login and logout, with IP address, source port and time', true),
  ('cp.post',            'CP', 'Posting information: a post, with IP address, source port and time', true);

insert into category_purpose (category_code, purpose_code) values
  ('ap.connection-auth', 'BILLING'),
  ('ap.connection-auth', 'COMPLAINT_HANDLING'),
  ('ap.connection-auth', 'FRAUD_PREVENTION'),
  ('ap.connection-auth', 'SYSTEM_SECURITY'),
  ('ap.nat-port-block',  'COMPLAINT_HANDLING'),
  ('ap.nat-port-block',  'FRAUD_PREVENTION'),
  ('ap.nat-port-block',  'SYSTEM_SECURITY'),
  ('cp.account',         'FRAUD_PREVENTION'),
  ('cp.account',         'COMPLAINT_HANDLING'),
  ('cp.account',         'SYSTEM_SECURITY'),
  ('cp.login',           'FRAUD_PREVENTION'),
  ('cp.login',           'SYSTEM_SECURITY'),
  ('cp.post',            'COMPLAINT_HANDLING'),
  ('cp.post',            'FRAUD_PREVENTION'),
  ('cp.post',            'SYSTEM_SECURITY');
